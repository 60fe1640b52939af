import { DataSource } from 'typeorm';
import { startFakeMessagesServer, FakeMessagesServer, FakeRequest, FakeResponse } from '@kefu/api/llm/testing';
import { createTestApp, resetDatabase, testConfig } from '@kefu/api/platform/testing';
import { formatStoryResult, loadStories, runStories, StoryEnvironment, StoryResult } from '@kefu/api/dialogue/testing';
import { AppModule } from './app.module';

/**
 * The conversation stories again, with Claude switched on against a local fake Messages API (the real
 * SDK through its base URL). The fake classifies every message as "out of scope, unsure" (so the offline
 * reading stands) and answers every generated turn with a marked reply. What must hold:
 * - a story in which Claude never answered passes exactly as offline (Claude changes nothing it should not);
 * - a story in which Claude answered may go its own way from that turn on, but every turn up to it passes,
 *   every turn is processed (nothing lost, no worker error) and each generated reply reaches the shopper whole;
 * - no request that left contains a phone number or an e-mail address from the stories.
 */
const MARK = '【Claude】';
const stories = loadStories();
const TURN_TIMEOUT_MS = 20_000;
const CONCURRENCY = 4;
const turns = stories.filter((s) => !s.skip).reduce((n, s) => n + s.turns.length, 0);
const BUDGET_MS = 180_000 + Math.ceil(turns / CONCURRENCY) * (TURN_TIMEOUT_MS + 2_000);

const toolsOf = (req: FakeRequest) => ((req.body?.['tools'] as { name: string }[] | undefined) ?? []).map((t) => t.name);

/** How the fake answers: classification unsure; a reply marked, quoting nothing personal. */
function answer(req: FakeRequest): FakeResponse {
  const tools = toolsOf(req);
  if (tools.includes('classify')) {
    return { message: { stop_reason: 'tool_use', content: [{ type: 'tool_use', name: 'classify', input: { intent: 'out_of_scope', confidence: 0.1 } }] } };
  }
  if (tools.includes('respond')) {
    return {
      message: {
        stop_reason: 'tool_use',
        content: [{ type: 'tool_use', name: 'respond', input: { reply: `${MARK} 我来帮您看看这个问题。`, action: 'continue', reason: null, confidence: 0.9 } }],
        usage: { input_tokens: 800, output_tokens: 40, cache_read_input_tokens: 2000 },
      },
    };
  }
  return { status: 400, error: { type: 'invalid_request_error', message: 'the story fake only knows classify and respond' } };
}

describe('conversation stories with Claude on (fake Messages API; API channel → queue → worker → PostgreSQL)', () => {
  let environment: StoryEnvironment | undefined;
  let fake: FakeMessagesServer;
  let all: StoryResult[] = [];

  beforeAll(async () => {
    fake = await startFakeMessagesServer();
    fake.respondWith(answer);
    const db = new DataSource({ type: 'postgres', url: testConfig().DATABASE_URL });
    await db.initialize();
    await resetDatabase(db);
    await db.destroy();
    environment = new StoryEnvironment(async (overrides) => {
      const t = await createTestApp((c) => AppModule.forRoot(c), {
        ...overrides,
        ANTHROPIC_API_KEY: 'sk-ant-story-0123456789abcdef',
        ANTHROPIC_BASE_URL: fake.url,
      });
      return { app: t.app, url: t.url, db: t.db, close: t.close };
    });
    const targets = await environment.start();
    all = await runStories(stories, targets, { turnTimeoutMs: TURN_TIMEOUT_MS, concurrency: CONCURRENCY });
  }, BUDGET_MS);

  afterAll(async () => {
    await environment?.close();
    await fake?.close();
  }, 30_000);

  const claudeTurn = (r: StoryResult) => r.turns.findIndex((x) => x.observation?.replies.some((rep) => rep.text.includes(MARK)));

  it('keeps every story Claude did not answer exactly as offline, and the others up to Claude\'s first turn', () => {
    const problems: string[] = [];
    let generated = 0;
    for (const r of all.filter((x) => x.outcome !== 'skipped')) {
      const first = claudeTurn(r);
      if (first >= 0) generated += 1;
      if (r.aborted) {
        problems.push(`${r.story.name}: aborted: ${r.aborted}`);
        continue;
      }
      if (r.outcome === 'passed') continue;
      const failing = r.turns.findIndex((x) => x.failures.length > 0);
      if (first < 0 || failing < first) problems.push(formatStoryResult(r));
    }
    process.stdout.write(`\nStories with Claude on: ${all.length} run, ${generated} with a generated turn, ${fake.requests.length} requests to the fake API\n`);
    expect(problems).toEqual([]);
    expect(generated).toBeGreaterThan(0);
  });

  it('delivers each generated reply whole', () => {
    for (const r of all) {
      for (const turn of r.turns) {
        for (const rep of turn.observation?.replies ?? []) if (rep.text.includes(MARK)) expect(rep.text).toBe(`${MARK} 我来帮您看看这个问题。`);
      }
    }
  });

  it('sends no phone number or e-mail address to the API', () => {
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const req of fake.requests) {
      expect(req.raw).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      expect(req.raw).not.toMatch(/[\w.+-]+@[\w-]+\.[a-z]{2,}/i);
    }
  });
});
