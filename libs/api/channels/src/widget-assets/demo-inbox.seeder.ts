import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChannelType } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { Inbox, InboxesService } from '@kefu/api/conversations';
import { DEMO_INBOX_NAME } from './demo-storefront.service';

/** The demo widget inbox's settings: the storefront's colour and title. */
export const DEMO_INBOX_SETTINGS = { title: 'Kefu Demo Shop', color: '#c2185b', locale: 'auto' } as const;

/**
 * With the demo shop (SEED_DEMO; on by default in embedded mode), a widget inbox "Demo storefront"
 * for the /demo page. Idempotent: a boot that finds a widget inbox of that name changes nothing.
 */
@Injectable()
export class DemoInboxSeeder implements OnApplicationBootstrap {
  private readonly log = new Logger(DemoInboxSeeder.name);

  constructor(
    private readonly inboxes: InboxesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo || !this.config.runsApi) return;
    await this.seed().catch((e: unknown) =>
      this.log.error(`seeding the demo widget inbox failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** The demo widget inbox, created when missing. */
  async seed(): Promise<{ inbox: Inbox; created: boolean }> {
    const existing = (await this.inboxes.list()).find(
      (i) => i.channel === ChannelType.Widget && i.name === DEMO_INBOX_NAME,
    );
    if (existing) return { inbox: existing, created: false };
    const inbox = await this.inboxes.create({
      name: DEMO_INBOX_NAME,
      channel: ChannelType.Widget,
      settings: { ...DEMO_INBOX_SETTINGS },
    });
    this.log.log(`seeded the demo widget inbox ${inbox.id}`);
    return { inbox, created: true };
  }
}
