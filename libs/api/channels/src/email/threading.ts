import { createHash } from 'node:crypto';

/** How many Message-IDs a reply's References header carries (the thread's first and the latest ones). */
export const MAX_REFERENCES = 10;
/** How many of an incoming mail's In-Reply-To/References ids are looked up to find its conversation. */
export const MAX_THREAD_CANDIDATES = 50;

const MSG_ID = /<[^<>\s]{1,500}>/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every `<id@domain>` in a header value (mailparser hands over a string or an array of them). */
export function messageIds(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  return [...new Set(text.match(MSG_ID) ?? [])];
}

/** The ids an incoming mail answers, most specific first: In-Reply-To, then References newest first. */
export function threadCandidates(inReplyTo: string[], references: string[]): string[] {
  return [...new Set([...inReplyTo, ...[...references].reverse()])].slice(0, MAX_THREAD_CANDIDATES);
}

/**
 * References of a reply to `parentId` (RFC 5322 3.6.4): the parent's References followed by the parent.
 * Past `cap` ids the thread's first id and the newest ones are kept, as mail clients trim it.
 */
export function referencesFor(
  parentReferences: string[],
  parentId: string | null,
  cap = MAX_REFERENCES,
): string[] {
  const chain = [...new Set([...parentReferences, ...(parentId ? [parentId] : [])])];
  return chain.length <= cap ? chain : [chain[0], ...chain.slice(chain.length - (cap - 1))];
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Our Message-ID for an outgoing message: `<message uuid@support address domain>`, the same on every retry. */
export function ourMessageId(messageId: string, supportAddress: string): string {
  return `<${messageId}@${domainOf(supportAddress)}>`;
}

/** The outgoing message's uuid when `id` is a Message-ID we generated for this address, else null. */
export function ourMessageUuid(id: string, supportAddress: string): string | null {
  const m = /^<([^@<>]+)@([^<>]+)>$/.exec(id);
  if (!m || m[2].toLowerCase() !== domainOf(supportAddress) || !UUID.test(m[1])) return null;
  return m[1].toLowerCase();
}

/** The stored id of a mail without a Message-ID: a hash of its bytes, so a retried post is still one message. */
export function rawMessageKey(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}
