/* The apps conversation stories run against: the demo shop seeded, an API inbox without greeting. */
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { CommerceSeeder } from '@kefu/api/commerce';
import { ConversationProcessJob, InboxesService } from '@kefu/api/conversations';
import { KnowledgeSeeder } from '@kefu/api/knowledge';
import { TemplateSeeder } from '../templates/template-seeder.service';
import type { StoryTarget, StoryTargets } from './story-runner';

/** An app booted (and listening) for stories. */
export interface BootedStoryApp {
  app: INestApplicationContext;
  url: string;
  db: DataSource;
  close(): Promise<void>;
}

/** Boots the real application with these settings over the caller's own (database, Redis, queue prefix). */
export type BootStoryApp = (overrides: Record<string, string>) => Promise<BootedStoryApp>;

/** Settings of every story app: the sweeper must not take a turn that another app is still working on. */
export const STORY_APP_SETTINGS: Record<string, string> = { SWEEPER_STALE_MS: '120000' };
/** The main app seeds the demo shop, FAQ and reply templates at boot (awaited by prepareStoryApp). */
export const MAIN_APP_SETTINGS: Record<string, string> = { ...STORY_APP_SETTINGS, SEED_DEMO: 'true' };
/** The app for `orderSystem: down`: same database, its order system an HTTP URL nobody answers. */
export const orderSystemDownSettings = (url: string): Record<string, string> => ({
  ...STORY_APP_SETTINGS,
  SEED_DEMO: 'false',
  MIGRATIONS_RUN: 'false',
  COMMERCE_API_URL: url,
  COMMERCE_TIMEOUT_MS: '300',
});

/**
 * Waits for the boot-time seeds and makes sure the demo shop, its FAQ and the default reply templates
 * are there (seeding them now if the app booted without SEED_DEMO), then creates the API inbox the
 * stories push to: no greeting, no callback. Returns the inbox's id and secret.
 */
export async function prepareStoryApp(app: INestApplicationContext): Promise<{ id: string; secret: string }> {
  const commerce = app.get(CommerceSeeder, { strict: false });
  await commerce.done;
  await app.get(TemplateSeeder, { strict: false }).seed();
  const knowledge = app.get(KnowledgeSeeder, { strict: false });
  await knowledge.seedDefaults();
  await knowledge.seedDemo();
  await commerce.seedDemo();
  const [row] = (await app
    .get(DataSource, { strict: false })
    .query(
      `SELECT (SELECT count(*) FROM commerce_orders)::int AS orders, (SELECT count(*) FROM knowledge_articles)::int AS articles`,
    )) as { orders: number; articles: number }[];
  if (!row.orders || !row.articles)
    throw new Error(`the demo shop is not seeded (${row.orders} orders, ${row.articles} FAQ articles)`);
  const inbox = await app
    .get(InboxesService, { strict: false })
    .create({ name: 'Conversation stories', greetingEnabled: false });
  return { id: inbox.id, secret: inbox.secret };
}

/** A local port nothing listens on (bound, then closed): connections to it are refused at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * The main story app, booted and prepared, and — only when a story needs it — a second app on the
 * same database whose order system is unreachable. `close()` shuts down whatever was booted.
 */
export class StoryEnvironment {
  private readonly apps: BootedStoryApp[] = [];
  private readonly queues: Queue[] = [];

  constructor(private readonly boot: BootStoryApp) {}

  async start(): Promise<StoryTargets> {
    const main = await this.bootApp(MAIN_APP_SETTINGS);
    const inbox = await prepareStoryApp(main.app);
    return {
      up: this.target(main, inbox),
      down: async () => {
        const port = await closedPort();
        const down = await this.bootApp(orderSystemDownSettings(`http://127.0.0.1:${port}`));
        return this.target(down, inbox);
      },
    };
  }

  /** Queue prefixes of the booted apps (to clean up Redis afterwards). */
  get queuePrefixes(): string[] {
    return this.apps.map((a) => a.app.get<AppConfig>(APP_CONFIG, { strict: false }).QUEUE_PREFIX);
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
    for (const a of this.apps.reverse()) await a.close().catch(() => undefined);
  }

  private async bootApp(settings: Record<string, string>): Promise<BootedStoryApp> {
    const app = await this.boot(settings);
    this.apps.push(app);
    return app;
  }

  private target(booted: BootedStoryApp, inbox: { id: string; secret: string }): StoryTarget {
    const config = booted.app.get<AppConfig>(APP_CONFIG, { strict: false });
    let queue: Queue | undefined;
    return {
      url: booted.url,
      db: booted.db,
      inbox,
      diagnose: async (messageId) => {
        if (config.queue.kind !== 'bullmq') return null;
        if (!queue) {
          queue = new Queue(ConversationProcessJob.name, {
            connection: { url: config.queue.url },
            prefix: config.queue.prefix,
          });
          this.queues.push(queue);
        }
        const job = await queue.getJob(messageId);
        if (!job) return 'its job is not in the queue';
        if (!job.failedReason) return `its job is ${await job.getState()}`;
        const where = job.stacktrace?.[0]
          ?.split('\n')
          .find((l) => /^\s+at /.test(l))
          ?.trim();
        return `the worker failed on it (${job.attemptsMade} tr${job.attemptsMade === 1 ? 'y' : 'ies'}): ${job.failedReason}${where ? ` ${where}` : ''}`;
      },
    };
  }
}
