import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { ChannelType, emailSettingsSchema, SenderType, type EmailSettings } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import type { Inbox } from '@kefu/api/conversations';
import { CHANNEL_CAPABILITIES, renderForChannel } from '../delivery/capabilities';
import type { ChannelAdapter, OutboundDelivery } from '../delivery/channel-adapter';
import { DeliveryService } from '../delivery/delivery.service';
import { EmailStore } from './email-store';
import { redactAddresses } from './mime-message';
import { buildReplyMail } from './reply-mail';

export class SmtpError extends Error {}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const UPLOAD_PATH = /^\/api\/v1\/uploads\/([0-9a-f-]{36})$/i;

/**
 * Sends replies of e-mail inboxes over the inbox's SMTP server: one pooled nodemailer transport per
 * inbox, rebuilt when the inbox changes. A failure throws, so the delivery job retries with backoff
 * and finally marks the message failed (the admin's delivery failures).
 */
@Injectable()
export class EmailAdapter implements ChannelAdapter, OnModuleInit, OnApplicationShutdown {
  readonly channel = ChannelType.Email;
  private readonly transports = new Map<string, { version: string; transporter: Transporter }>();

  constructor(
    private readonly delivery: DeliveryService,
    private readonly store: EmailStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.delivery.register(this);
  }

  onApplicationShutdown() {
    for (const { transporter } of this.transports.values()) transporter.close();
    this.transports.clear();
  }

  canDeliver(inbox: Inbox): boolean {
    return emailSettingsSchema.safeParse(inbox.settings).success;
  }

  async deliver({ inbox, conversation, message }: OutboundDelivery): Promise<void> {
    const settings = emailSettingsSchema.parse(inbox.settings);
    const ctx = await this.store.replyContext(conversation.id, message.id);
    const to = [ctx.replyTo, conversation.contact.externalId, conversation.contact.email].find(
      (a): a is string => !!a && ADDRESS.test(a),
    );
    if (!to) throw new SmtpError('the shopper has no e-mail address to answer');

    const rendered = renderForChannel(
      { text: message.text, content: message.content, locale: ctx.locale },
      CHANNEL_CAPABILITIES[ChannelType.Email],
    );
    const uploadIds = message.attachments
      .map((a) => this.ownUpload(a.url))
      .filter((id): id is string => !!id);
    const files = await this.store.uploadFiles(uploadIds);
    const links = message.attachments
      .filter((a) => !this.ownUpload(a.url))
      .map((a) => `${a.name ?? a.contentType}: ${a.url}`);
    const mail = buildReplyMail({
      settings,
      to,
      messageUuid: message.id,
      text: [...rendered.texts, ...(links.length ? [links.join('\n')] : [])].join('\n\n'),
      subject: ctx.subject,
      parentId: ctx.parentId,
      parentReferences: ctx.parentReferences,
      locale: ctx.locale,
      automated: message.senderType === SenderType.Bot || message.senderType === SenderType.System,
      files: files.map((f) => ({ filename: f.name ?? f.id, contentType: f.contentType, content: f.data })),
    });

    await this.send(inbox, settings, mail);
    await this.store.setSentMessageId(message.id, mail.messageId);
  }

  /** The id of one of our own uploads (relative URL, or under PUBLIC_URL): attached as a file rather than linked. */
  private ownUpload(url: string): string | null {
    const base = this.config.PUBLIC_URL?.replace(/\/+$/, '');
    const path = base && url.startsWith(`${base}/`) ? url.slice(base.length) : url;
    return UPLOAD_PATH.exec(path)?.[1] ?? null;
  }

  private async send(
    inbox: Inbox,
    settings: EmailSettings,
    mail: Parameters<Transporter['sendMail']>[0],
  ): Promise<void> {
    const transporter = this.transport(inbox, settings);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SmtpError(`SMTP send took longer than ${this.config.SMTP_TIMEOUT_MS} ms`)),
        this.config.SMTP_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([transporter.sendMail(mail), timeout]);
    } catch (e) {
      // A broken or timed-out pool is rebuilt on the next try.
      this.drop(inbox.id);
      if (e instanceof SmtpError) throw e;
      const err = e as Error & { code?: string; responseCode?: number };
      throw new SmtpError(
        `SMTP ${[err.code, err.responseCode].filter(Boolean).join(' ')}: ${redactAddresses(err.message)}`.replace(
          'SMTP :',
          'SMTP:',
        ),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private transport(inbox: Inbox, s: EmailSettings): Transporter {
    const version = `${inbox.updatedAt.getTime()}`;
    const cached = this.transports.get(inbox.id);
    if (cached?.version === version) return cached.transporter;
    this.drop(inbox.id);
    const password = inbox.credentials?.['smtpPassword'];
    const transporter = createTransport({
      pool: true,
      maxConnections: 3,
      host: s.smtp.host,
      port: s.smtp.port,
      secure: s.smtp.secure,
      ...(s.smtp.user ? { auth: { user: s.smtp.user, pass: password ?? '' } } : {}),
      connectionTimeout: this.config.SMTP_TIMEOUT_MS,
      greetingTimeout: this.config.SMTP_TIMEOUT_MS,
      socketTimeout: this.config.SMTP_TIMEOUT_MS,
      logger: false,
    });
    this.transports.set(inbox.id, { version, transporter });
    return transporter;
  }

  private drop(inboxId: string) {
    this.transports.get(inboxId)?.transporter.close();
    this.transports.delete(inboxId);
  }
}
