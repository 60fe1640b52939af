import { DataSource } from 'typeorm';
import { createTestApp, resetDatabase, testConfig } from '@kefu/api/platform/testing';
import {
  formatStoryResult,
  formatSummary,
  loadStories,
  runStories,
  StoryEnvironment,
  StoryResult,
} from '@kefu/api/dialogue/testing';
import { AppModule } from './app.module';

/**
 * Every conversation story in libs/api/dialogue/stories (docs/stories.md), run against the real
 * pipeline: signed pushes to the API channel, BullMQ on Redis, the worker, PostgreSQL — on the demo
 * shop with its FAQ. `npm run stories` runs the same stories with a per-language report.
 */
const stories = loadStories();
const TURN_TIMEOUT_MS = 20_000;
const CONCURRENCY = 4;
const turns = stories.filter((s) => !s.skip).reduce((n, s) => n + s.turns.length, 0);
/** Boot, seeding, a second app for orderSystem: down, and every turn timing out in the worst case. */
const BUDGET_MS = 180_000 + Math.ceil(turns / CONCURRENCY) * (TURN_TIMEOUT_MS + 2_000);

describe('conversation stories (API channel → queue → worker → PostgreSQL, demo shop)', () => {
  let environment: StoryEnvironment | undefined;
  const results = new Map<string, StoryResult>();

  beforeAll(async () => {
    // Empty the database before the app boots, so no cache of the app holds rows of earlier tests.
    const db = new DataSource({ type: 'postgres', url: testConfig().DATABASE_URL });
    await db.initialize();
    await resetDatabase(db);
    await db.destroy();

    environment = new StoryEnvironment(async (overrides) => {
      const t = await createTestApp((c) => AppModule.forRoot(c), overrides);
      return { app: t.app, url: t.url, db: t.db, close: t.close };
    });
    const targets = await environment.start();
    const all = await runStories(stories, targets, {
      turnTimeoutMs: TURN_TIMEOUT_MS,
      concurrency: CONCURRENCY,
    });
    for (const r of all) results.set(r.story.name, r);
    process.stdout.write(`\nConversation stories\n${formatSummary(all)}\n\n`);
  }, BUDGET_MS);

  afterAll(async () => {
    await environment?.close();
  }, 30_000);

  for (const story of stories) {
    (story.skip ? it.skip : it)(`[${story.language}] ${story.name} (${story.file})`, () => {
      const r = results.get(story.name);
      if (!r) throw new Error('the story did not run (see the error of the setup above)');
      if (r.outcome === 'failed') {
        // The report says everything: no code frame or stack of this file under it.
        const failure = new Error(`\n${formatStoryResult(r)}`);
        failure.stack = failure.message;
        throw failure;
      }
    });
  }
});
