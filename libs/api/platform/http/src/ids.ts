const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id can be a row id: answer 404 for anything else instead of letting PostgreSQL fail on it. */
export const isUuid = (s: string): boolean => UUID_RE.test(s);
