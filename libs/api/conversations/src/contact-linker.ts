import type { EntityManager } from 'typeorm';
import type { InboundMessage } from '@kefu/shared/contracts';
import type { ContactKeyKind } from './entities/contact-key.entity';
import { appendEvents } from './events-log';

type Verified = NonNullable<InboundMessage['verified']>;

/** The verified keys of a message, normalised: e-mail lowercased, phone reduced to its digits (with +). */
export function contactKeys(v: Verified): { kind: ContactKeyKind; value: string }[] {
  const keys: { kind: ContactKeyKind; value: string }[] = [];
  if (v.customerRef?.trim()) keys.push({ kind: 'customer', value: v.customerRef.trim() });
  if (v.wechatUnionId?.trim()) keys.push({ kind: 'wechat_unionid', value: v.wechatUnionId.trim() });
  if (v.email?.trim()) keys.push({ kind: 'email', value: v.email.trim().toLowerCase() });
  const phone = v.phone?.replace(/[^\d+]/g, '');
  if (phone && phone.replace(/\D/g, '').length >= 6) keys.push({ kind: 'phone', value: phone });
  return keys;
}

let contactForeignKeys: Promise<{ table: string; column: string }[]> | null = null;

/** Every column that references contacts(id), read from the catalogue once per process. */
function referencingColumns(em: EntityManager) {
  contactForeignKeys ??= em
    .query(
      `SELECT kcu.table_name AS "table", kcu.column_name AS "column"
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
        WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'contacts' AND ccu.column_name = 'id'
          AND tc.table_schema = current_schema()`,
    )
    .catch((e: unknown) => {
      contactForeignKeys = null;
      throw e;
    });
  return contactForeignKeys as Promise<{ table: string; column: string }[]>;
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Moves everything of contact `from` to contact `into` and deletes `from`: identities, keys,
 * conversations, outcomes, uploads… (every foreign key to contacts). Where both have an open
 * conversation in the same inbox, `from`'s is resolved first (one open conversation per inbox).
 */
export async function mergeContacts(em: EntityManager, from: string, into: string): Promise<void> {
  if (from === into) return;
  const clashing: { id: string; inbox_id: string }[] = await em.query(
    `SELECT f.id, f.inbox_id FROM conversations f
       JOIN conversations i ON i.inbox_id = f.inbox_id AND i.contact_id = $2 AND i.status <> 'resolved'
      WHERE f.contact_id = $1 AND f.status <> 'resolved'`,
    [from, into],
  );
  for (const c of clashing) {
    await em.query(`UPDATE conversations SET status = 'resolved', updated_at = now() WHERE id = $1`, [c.id]);
    await appendEvents(em, { type: 'conversation.resolved', inboxId: c.inbox_id, conversationId: c.id, data: { reason: 'contacts_merged' } });
  }
  for (const { table, column } of await referencingColumns(em)) {
    await em.query(`UPDATE ${quoteIdent(table)} SET ${quoteIdent(column)} = $2 WHERE ${quoteIdent(column)} = $1`, [from, into]);
  }
  await em.query(
    `UPDATE contacts i SET name = COALESCE(i.name, f.name), email = COALESCE(i.email, f.email), phone = COALESCE(i.phone, f.phone),
            customer_ref = COALESCE(i.customer_ref, f.customer_ref), updated_at = now()
       FROM contacts f WHERE i.id = $2 AND f.id = $1`,
    [from, into],
  );
  await em.query(`DELETE FROM contacts WHERE id = $1`, [from]);
}

/**
 * DESIGN.md step 2, one shopper across channels: a message whose channel verified a key (a signed
 * login, a WeChat unionid, an authenticated e-mail sender) joins the contact that already holds that
 * key, merging the two when they differ. Returns the contact the message belongs to.
 */
export async function linkVerifiedContact(em: EntityManager, contactId: string, inboxId: string, verified: Verified): Promise<string> {
  const keys = contactKeys(verified);
  if (!keys.length) return contactId;
  const owners: { contact_id: string; kind: ContactKeyKind }[] = await em.query(
    `SELECT contact_id, kind FROM contact_keys WHERE (kind, value) IN (${keys.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ')})
      ORDER BY array_position(ARRAY['customer','wechat_unionid','email','phone'], kind) FOR UPDATE`,
    keys.flatMap((k) => [k.kind, k.value]),
  );
  // The usual case — a returning shopper whose keys are all theirs already — changes nothing.
  if (owners.length === keys.length && owners.every((o) => o.contact_id === contactId)) return contactId;
  // The strongest key's owner wins (a shop login over an e-mail); everyone else merges into it.
  let target = owners[0]?.contact_id ?? contactId;
  for (const id of new Set([contactId, ...owners.map((o) => o.contact_id)])) if (id !== target) await mergeContacts(em, id, target);

  for (const k of keys) {
    const inserted: unknown[] = await em.query(
      `INSERT INTO contact_keys (contact_id, kind, value, source_inbox_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, value) DO NOTHING RETURNING id`,
      [target, k.kind, k.value, inboxId],
    );
    if (inserted.length) continue;
    // Another message with the same key committed first: join its contact.
    const [owner]: { contact_id: string }[] = await em.query(`SELECT contact_id FROM contact_keys WHERE kind = $1 AND value = $2`, [k.kind, k.value]);
    if (owner && owner.contact_id !== target) {
      await mergeContacts(em, target, owner.contact_id);
      target = owner.contact_id;
    }
  }
  const byKind = new Map(keys.map((k) => [k.kind, k.value]));
  await em.query(
    `UPDATE contacts SET customer_ref = COALESCE($2, customer_ref), email = COALESCE(email, $3), phone = COALESCE(phone, $4), updated_at = now() WHERE id = $1`,
    [target, byKind.get('customer') ?? null, verified.email?.trim() || null, verified.phone?.trim() || null],
  );
  return target;
}
