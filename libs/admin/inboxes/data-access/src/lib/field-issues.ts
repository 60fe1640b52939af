import type { z } from 'zod';

/** One problem with one field; `path` is dotted like the API's (`settings.smtp.port`). */
export interface FieldIssue {
  path: string;
  message: string;
  /** A translation key for the problem, when it is one of the known kinds. */
  key?: string;
  params?: Record<string, unknown>;
}

/** Field-specific wording for the schemas' pattern rules, by the field's name. */
const PATTERN_KEYS: Record<string, string> = {
  color: 'inbox.fieldErrors.color',
  token: 'inbox.fieldErrors.token',
  encodingAESKey: 'inbox.fieldErrors.encodingAESKey',
};

/** A zod issue as a field issue, with a translation key for the kinds the admin words itself. */
export function describeIssue(issue: z.core.$ZodIssue, prefix?: string): FieldIssue {
  const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
  const field = String(issue.path[issue.path.length - 1] ?? prefix?.split('.').pop() ?? '');
  const base = { path, message: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return /undefined|null/.test(issue.message) ? { ...base, key: 'validation.required' } : base;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1)
        return { ...base, key: 'validation.required' };
      if (issue.origin === 'number')
        return { ...base, key: 'inbox.fieldErrors.min', params: { min: Number(issue.minimum) } };
      return base;
    case 'too_big':
      if (issue.origin === 'string')
        return { ...base, key: 'validation.maxLength', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'number')
        return { ...base, key: 'inbox.fieldErrors.max', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array')
        return { ...base, key: 'inbox.fieldErrors.maxItems', params: { max: Number(issue.maximum) } };
      return base;
    case 'invalid_format':
      if (issue.format === 'email') return { ...base, key: 'validation.email' };
      if (issue.format === 'url') return { ...base, key: 'validation.url' };
      if (issue.format === 'regex' && PATTERN_KEYS[field]) return { ...base, key: PATTERN_KEYS[field] };
      return base;
    case 'invalid_value':
      return { ...base, key: 'inbox.fieldErrors.choice' };
    default:
      return base;
  }
}

/** Checks one field's value against its part of a schema (for per-field validators). */
export function checkField(schema: z.ZodType, value: unknown, path: string): FieldIssue | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  return describeIssue(result.error.issues[0], path);
}

/**
 * The field problems in an API error: its `issues`, or else the ones the channel checks spell out in
 * the message (`invalid email settings: settings.smtp.host: Too small…; settings.address: Invalid email`).
 */
export function issuesFromApiError(error: {
  message?: string;
  issues?: { path: string; message: string }[];
}): FieldIssue[] {
  if (error.issues?.length) return error.issues.map((i) => ({ path: i.path, message: i.message }));
  const message = error.message ?? '';
  const colon = message.indexOf(': ');
  if (!/^invalid \w+ (settings|credentials)/.test(message) || colon < 0) return [];
  return message
    .slice(colon + 2)
    .split('; ')
    .flatMap((part) => {
      const m = /^((?:settings|credentials)(?:\.[\w]+)*):? (.+)$/.exec(part.trim());
      return m ? [{ path: m[1], message: m[2] }] : [];
    });
}
