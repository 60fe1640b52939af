import type { EntityManager } from 'typeorm';

export interface EventRecord {
  type: string;
  inboxId?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  actorId?: string | null;
  /** Ids, counts and statuses only: never message text or contact details. */
  data?: Record<string, unknown>;
}

/** Appends to the events table inside the caller's transaction. */
export async function appendEvents(em: EntityManager, ...events: EventRecord[]): Promise<void> {
  if (!events.length) return;
  const params: unknown[] = [];
  const rows = events.map((e) => {
    const at = params.length;
    params.push(e.type, e.inboxId ?? null, e.conversationId ?? null, e.messageId ?? null, e.actorId ?? null, JSON.stringify(e.data ?? {}));
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6})`;
  });
  await em.query(`INSERT INTO events (type, inbox_id, conversation_id, message_id, actor_id, data) VALUES ${rows.join(', ')}`, params);
}
