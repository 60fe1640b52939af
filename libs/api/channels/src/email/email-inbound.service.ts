import { Inject, Injectable, Logger } from '@nestjs/common';
import { emailSettingsSchema, type IngestResultDto, type MessageContent } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { IngestService, type Inbox } from '@kefu/api/conversations';
import { planAttachments } from './email-attachments';
import { EmailStore } from './email-store';
import { looksLikeChoice, mailText, toInboundMessage } from './inbound-mail';
import { parseMime } from './mime-message';
import { rawMessageKey, threadCandidates } from './threading';

export type EmailReceipt = (IngestResultDto & { ignored?: undefined }) | { ignored: string };

/**
 * One inbound mail, from the gateway's POST or from IMAP polling: parse, thread, ingest, then store
 * its files. Throws MimeError for a mail that can never be taken (400); anything else is transient.
 *
 * The files go into `uploads` after ingest because an upload belongs to a contact and ingest is what
 * finds or creates the contact. Their ids are derived from the mail (see `uploadId`), so the message's
 * attachment URLs are known before ingest, and a retried post — which ingest answers as a duplicate —
 * stores whatever a crash between the two steps left out.
 */
@Injectable()
export class EmailInboundService {
  private readonly log = new Logger(EmailInboundService.name);

  constructor(
    private readonly ingest: IngestService,
    private readonly store: EmailStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(inbox: Inbox, raw: Buffer): Promise<EmailReceipt> {
    const settings = emailSettingsSchema.parse(inbox.settings);
    const mail = await parseMime(raw);
    if (mail.automated) {
      this.log.log(`inbox ${inbox.id}: mail not taken (${mail.automated})`);
      return { ignored: mail.automated };
    }
    if (mail.from === settings.address.toLowerCase())
      return { ignored: 'sent from the support address itself' };

    const externalMessageId = mail.messageId ?? rawMessageKey(raw);
    const thread = await this.store.findThread(
      inbox.id,
      threadCandidates(mail.inReplyTo, mail.references),
      settings.address,
    );
    const offered = looksLikeChoice(mailText(mail)) ? await this.offered(inbox.id, mail.from, thread) : null;
    const files = planAttachments(mail.attachments, {
      inboxId: inbox.id,
      externalMessageId,
      maxBytes: this.config.WIDGET_UPLOAD_MAX_BYTES,
      publicUrl: this.config.PUBLIC_URL,
    });
    const result = await this.ingest.ingest(
      toInboundMessage(mail, {
        inboxId: inbox.id,
        externalMessageId,
        conversationId: thread?.conversationId ?? null,
        offered,
        files,
        now: new Date(),
      }),
    );
    if (files.uploads.length) await this.store.saveUploads(inbox.id, result.contactId, files.uploads);
    return result;
  }

  /** The numbered list the shopper may be answering: the mail they replied to, else their conversation's last reply. */
  private async offered(
    inboxId: string,
    from: string,
    thread: { messageId: string; direction: string; conversationId: string } | null,
  ): Promise<MessageContent | null> {
    if (thread?.direction === 'outgoing') return this.store.offeredBy(thread.messageId, inboxId, from);
    const conversationId = thread?.conversationId ?? (await this.store.openConversationOf(inboxId, from));
    return conversationId ? this.store.lastOffered(conversationId, inboxId, from) : null;
  }
}
