import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { messageIds } from './threading';

/** Addresses in an error or a server's answer ("550 <bob@example.com> unknown") are personal data: not into errors and logs. */
export const redactAddresses = (s: string) => s.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '<address>');

/** The raw message cannot be taken: the gateway gets a 400 (IMAP: the mail is flagged and skipped). */
export class MimeError extends Error {}

export interface MimePart {
  filename: string | null;
  contentType: string;
  content: Buffer;
  /** An inline part of the HTML body (a logo, a pasted screenshot). */
  related: boolean;
}

export interface ParsedMail {
  /** Lowercased. */
  from: string;
  fromName: string | null;
  subject: string;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  /** The text part, or the HTML part converted to text. Quotes not yet stripped. */
  text: string;
  locale: string | null;
  date: Date | null;
  /** Authentication-Results values, topmost first. */
  authResults: string[];
  /** Why this mail must not be answered (an auto-reply, a bounce, a list mailing), or null. */
  automated: string | null;
  attachments: MimePart[];
}

/** A header field at the very start (letters, digits, dashes as every real field name), after an optional mbox "From " line. */
const STARTS_WITH_HEADER = /^(?:From [^\r\n]*\r?\n)?[A-Za-z0-9][A-Za-z0-9_-]{0,75}[ \t]*:/;
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

export async function parseMime(raw: Buffer): Promise<ParsedMail> {
  const start = raw
    .subarray(0, 2048)
    .toString('latin1')
    .replace(/^\ufeff/, '');
  if (!STARTS_WITH_HEADER.test(start)) {
    throw new MimeError(
      'the body is not a MIME message: post the raw e-mail, starting with its header lines (From:, To:, Subject:, …)',
    );
  }
  const body = start.startsWith('From ') ? raw.subarray(raw.indexOf(0x0a) + 1) : raw;
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(body, {
      skipHtmlToText: false,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: false,
    });
  } catch (e) {
    throw new MimeError(`the MIME message could not be parsed: ${(e as Error).message}`);
  }
  const sender = firstAddress(mail.from);
  if (!sender || !ADDRESS.test(sender.address)) {
    throw new MimeError('the message has no valid From address; Kefu answers the sender, so it needs one');
  }
  return {
    from: sender.address.toLowerCase(),
    fromName: sender.name?.trim() || null,
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, 500),
    messageId: messageIds(mail.messageId)[0] ?? null,
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    text: mail.text ?? '',
    locale: contentLanguage(mail.headers.get('content-language')),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    authResults: all(mail.headers.get('authentication-results')),
    automated: automated(mail.headers, sender.address),
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: (a.contentType ?? 'application/octet-stream').toLowerCase(),
      content: a.content,
      related: !!a.related,
    })),
  };
}

function firstAddress(
  from: AddressObject | AddressObject[] | undefined,
): { address: string; name?: string } | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) {
    for (const a of group.value) {
      if (a.address) return { address: a.address.trim(), name: a.name };
      for (const member of a.group ?? [])
        if (member.address) return { address: member.address.trim(), name: member.name };
    }
  }
  return null;
}

function all(value: HeaderValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) =>
    typeof v === 'string' ? v : String((v as { value?: unknown }).value ?? v),
  );
}

const headerText = (value: HeaderValue | undefined): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (value instanceof Date) return value.toISOString();
  return String((value as { value?: unknown }).value ?? '');
};

/** "ja-JP", "zh-CN, en" → the first tag, or null when absent or malformed. */
function contentLanguage(value: HeaderValue | undefined): string | null {
  const first = headerText(value).split(',')[0]?.trim() ?? '';
  return /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i.test(first) ? first : null;
}

/** RFC 3834 and common practice: mails that are not written by a person and must not get a reply. */
function automated(headers: Map<string, HeaderValue>, from: string): string | null {
  const autoSubmitted = headerText(headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted.split(/[;\s]/)[0]}`;
  const contentType = headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value?.toLowerCase() === 'multipart/report') return 'delivery or read report';
  const precedence = headerText(headers.get('precedence')).trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'X-Autoreply';
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  return null;
}
