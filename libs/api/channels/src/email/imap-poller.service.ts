import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ImapFlow } from 'imapflow';
import { DataSource } from 'typeorm';
import { ChannelType, emailSettingsSchema, type EmailSettings } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { InboxesService, type Inbox } from '@kefu/api/conversations';
import { emailMaxBytes } from './email-body-parser';
import { EmailInboundService } from './email-inbound.service';
import { ImapClient, pollMailbox } from './imap-poller';
import { redactAddresses } from './mime-message';

/** How often the list of IMAP-enabled inboxes is re-read (new, changed, disabled inboxes). */
const RECONCILE_MS = 30_000;
const BATCH = 50;

type ImapSettings = NonNullable<EmailSettings['imap']>;

interface Poller {
  version: string;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  stopped: boolean;
}

/**
 * Optional IMAP polling (settings.imap.enabled): one poller per inbox, every `pollSeconds`, in
 * processes that run the worker. Each poll holds a PostgreSQL advisory lock on the inbox, so two
 * worker replicas never read the same mailbox at once. Stops with the process.
 */
@Injectable()
export class ImapPollerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(ImapPollerService.name);
  private readonly pollers = new Map<string, Poller>();
  private reconcileTimer?: NodeJS.Timeout;
  private reconciling?: Promise<void>;

  constructor(
    private readonly inboxes: InboxesService,
    private readonly inbound: EmailInboundService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (!this.config.runsWorker) return;
    const tick = () => {
      this.reconciling ??= this.reconcile()
        .catch((e) => this.log.warn(`IMAP inboxes not read: ${(e as Error).message}`))
        .finally(() => (this.reconciling = undefined));
    };
    tick();
    this.reconcileTimer = setInterval(tick, RECONCILE_MS);
    this.reconcileTimer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.reconcileTimer);
    await this.reconciling;
    const running = [...this.pollers.keys()].map((id) => this.stop(id));
    await Promise.race([
      Promise.all(running),
      new Promise((r) => setTimeout(r, this.config.SHUTDOWN_TIMEOUT_MS).unref()),
    ]);
  }

  /** Starts, restarts (settings changed) and stops pollers to match the inboxes. */
  async reconcile(): Promise<void> {
    const wanted = new Map<string, Inbox>();
    for (const inbox of await this.inboxes.list()) {
      if (inbox.channel !== ChannelType.Email) continue;
      const settings = emailSettingsSchema.safeParse(inbox.settings);
      if (settings.success && settings.data.imap?.enabled) wanted.set(inbox.id, inbox);
    }
    for (const [id, poller] of this.pollers) {
      const inbox = wanted.get(id);
      if (!inbox || poller.version !== version(inbox)) await this.stop(id);
    }
    for (const inbox of wanted.values()) if (!this.pollers.has(inbox.id)) this.start(inbox);
  }

  private start(inbox: Inbox) {
    const settings = emailSettingsSchema.parse(inbox.settings);
    const imap = settings.imap as ImapSettings;
    const poller: Poller = { version: version(inbox), stopped: false };
    this.pollers.set(inbox.id, poller);
    const loop = () => {
      if (poller.stopped) return;
      poller.running = this.pollOnce(inbox, imap)
        .catch((e) =>
          this.log.warn(`inbox ${inbox.id}: IMAP poll failed: ${redactAddresses((e as Error).message)}`),
        )
        .finally(() => {
          poller.running = undefined;
          if (!poller.stopped) poller.timer = setTimeout(loop, imap.pollSeconds * 1000).unref();
        });
    };
    loop();
  }

  private async stop(id: string) {
    const poller = this.pollers.get(id);
    if (!poller) return;
    poller.stopped = true;
    clearTimeout(poller.timer);
    this.pollers.delete(id);
    await poller.running;
  }

  private async pollOnce(inbox: Inbox, imap: ImapSettings): Promise<void> {
    await this.exclusive(inbox.id, async () => {
      const result = await pollMailbox(this.client(imap, inbox.credentials?.['imapPassword'] ?? ''), {
        mailbox: imap.mailbox,
        maxBytes: emailMaxBytes(this.config),
        batch: BATCH,
        take: (raw) => this.inbound.receive(inbox, raw),
        warn: (m) => this.log.warn(`inbox ${inbox.id}: ${m}`),
      });
      if (result.taken || result.rejected)
        this.log.log(
          `inbox ${inbox.id}: IMAP took ${result.taken}, rejected ${result.rejected}, left ${result.deferred}`,
        );
    });
  }

  /** The IMAP connection of one poll (replaced by a fake in unit tests). */
  protected client(imap: ImapSettings, password: string): ImapClient {
    return new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: this.config.SMTP_TIMEOUT_MS,
      greetingTimeout: this.config.SMTP_TIMEOUT_MS,
      socketTimeout: Math.max(this.config.SMTP_TIMEOUT_MS, 60_000),
    });
  }

  /** Runs `fn` unless another process polls this inbox right now (PostgreSQL advisory lock; embedded mode has one process). */
  private async exclusive(inboxId: string, fn: () => Promise<void>): Promise<void> {
    if (this.config.database.kind !== 'postgres') return fn();
    const qr = this.db.createQueryRunner();
    await qr.connect();
    const key = `kefu.imap:${inboxId}`;
    try {
      const [{ locked }] = await qr.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [
        key,
      ]);
      if (!locked) return;
      try {
        await fn();
      } finally {
        await qr.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } finally {
      await qr.release();
    }
  }
}

const version = (inbox: Inbox) => String(inbox.updatedAt.getTime());
