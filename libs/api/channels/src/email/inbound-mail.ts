import {
  ChannelType,
  type InboundMessage,
  type MessageContent,
  type MessageMetadata,
} from '@kefu/shared/contracts';
import { numberedChoice } from '../delivery/capabilities';
import { verifiedSender } from './auth-results';
import type { PlannedAttachments } from './email-attachments';
import type { ParsedMail } from './mime-message';
import { baseSubject, stripQuoted } from './reply-text';
import { referencesFor } from './threading';

/** Longest text kept from one mail (characters), as for the API channel; the rest is cut and flagged. */
export const MAX_MAIL_TEXT = 10_000;

/** A reply that is only a number ("2", "２.", "#2"): worth looking up the quick replies it may answer. */
export const looksLikeChoice = (text: string) => /^#?[0-9０-９]{1,2}[.)、。]?$/.test(text.trim());

export interface InboundContext {
  inboxId: string;
  externalMessageId: string;
  /** The conversation the mail's In-Reply-To/References point at. */
  conversationId: string | null;
  /** The quick replies offered by the mail it answers (or the conversation's last reply). */
  offered: MessageContent | null;
  files: PlannedAttachments;
  now: Date;
}

/** The shopper's words of a mail: quoted history stripped; the subject when nothing else is left. */
export function mailText(mail: Pick<ParsedMail, 'text' | 'subject'>): string {
  return stripQuoted(mail.text) || baseSubject(mail.subject);
}

/** What the e-mail channel hands to ingest for one parsed mail. */
export function toInboundMessage(mail: ParsedMail, ctx: InboundContext): InboundMessage {
  let text = mailText(mail);
  const metadata: MessageMetadata = { from: mail.from };
  if (mail.subject) metadata['subject'] = mail.subject;
  const refs = referencesFor(mail.references, null).join(' ');
  if (refs) metadata['references'] = refs.slice(0, 2000);
  if (ctx.files.skipped.length) metadata['attachmentsNotKept'] = ctx.files.skipped.join(', ').slice(0, 2000);

  const choice = looksLikeChoice(text) ? numberedChoice(text, ctx.offered) : null;
  if (choice) {
    metadata.quickReply = choice.payload;
    text = choice.label;
  }
  if ([...text].length > MAX_MAIL_TEXT) {
    text = [...text].slice(0, MAX_MAIL_TEXT).join('');
    metadata['truncated'] = true;
  }

  const verified = verifiedSender(mail.authResults, mail.from);
  const sentAt = mail.date && mail.date.getTime() <= ctx.now.getTime() ? mail.date : ctx.now;
  return {
    channel: ChannelType.Email,
    inboxId: ctx.inboxId,
    externalMessageId: ctx.externalMessageId,
    externalUserId: mail.from,
    text,
    attachments: ctx.files.attachments,
    ...(mail.locale ? { locale: mail.locale } : {}),
    metadata,
    sentAt,
    contact: { email: mail.from, ...(mail.fromName ? { name: mail.fromName.slice(0, 200) } : {}) },
    ...(verified ? { verified: { email: verified } } : {}),
    ...(ctx.conversationId ? { conversationId: ctx.conversationId } : {}),
  };
}
