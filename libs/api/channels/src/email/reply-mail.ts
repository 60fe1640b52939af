import type { EmailSettings } from '@kefu/shared/contracts';
import { replySubject } from './reply-text';
import { ourMessageId, referencesFor } from './threading';

export interface ReplyMailInput {
  settings: EmailSettings;
  to: string;
  /** The outgoing message's id: our Message-ID is derived from it, so a retry sends the same one. */
  messageUuid: string;
  /** Already rendered for e-mail (quick replies numbered, cards as lines). */
  text: string;
  /** The shopper's last subject, the Message-ID of their last mail and its References. */
  subject: string | null;
  parentId: string | null;
  parentReferences: string[];
  locale: string | null;
  /** A bot or system reply (RFC 3834 Auto-Submitted, so auto-responders do not answer it). */
  automated: boolean;
  files: { filename: string; contentType: string; content: Buffer }[];
}

export interface ReplyMail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** A reply as nodemailer sends it: threaded under the shopper's last mail, text plus an escaped HTML copy. */
export function buildReplyMail(i: ReplyMailInput): ReplyMail {
  const references = referencesFor(i.parentReferences, i.parentId);
  return {
    from: { name: i.settings.fromName, address: i.settings.address },
    to: i.to,
    subject: replySubject(i.subject, i.locale),
    messageId: ourMessageId(i.messageUuid, i.settings.address),
    ...(i.parentId ? { inReplyTo: i.parentId } : {}),
    ...(references.length ? { references } : {}),
    text: i.text,
    html: textToHtml(i.text, i.locale),
    headers: i.automated ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
    attachments: i.files,
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const URL_IN_ESCAPED = /\bhttps?:\/\/[^\s<>"']+?(?=[.,;:!?)\]，。；：！？）]*(?:\s|$))/g;

/**
 * The HTML alternative of a reply: the text escaped, paragraphs and line breaks kept, web links
 * clickable. Never the message's own markup: whatever the text contains shows as text.
 */
export function textToHtml(text: string, locale?: string | null): string {
  const lang = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(locale ?? '') ? locale : 'zh-CN';
  const paragraphs = text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map(
      (p) =>
        `<p style="margin:0 0 1em">${escapeHtml(p)
          .replace(URL_IN_ESCAPED, (u) => `<a href="${u}">${u}</a>`)
          .replace(/\n/g, '<br>\n')}</p>`,
    );
  return (
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:-apple-system,'Segoe UI','PingFang SC','Hiragino Sans','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6;color:#222">\n` +
    `${paragraphs.join('\n')}\n</body></html>\n`
  );
}
