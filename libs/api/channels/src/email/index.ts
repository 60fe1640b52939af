import { EmailBodyParser } from './email-body-parser';
import { EmailInboundController } from './email-inbound.controller';
import { EmailInboundService } from './email-inbound.service';
import { EmailStore } from './email-store';
import { EmailAdapter } from './email.adapter';
import { ImapPollerService } from './imap-poller.service';

export const EMAIL_CONTROLLERS = [EmailInboundController];
export const EMAIL_PROVIDERS = [
  EmailBodyParser,
  EmailStore,
  EmailInboundService,
  EmailAdapter,
  ImapPollerService,
];

export { EmailAdapter, EmailInboundService };
export { emailMaxBytes } from './email-body-parser';
export { MimeError, parseMime } from './mime-message';
export { stripQuoted, baseSubject, replySubject } from './reply-text';
export { ourMessageId } from './threading';
