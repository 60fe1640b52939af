import { FakeMessagesServer, startFakeMessagesServer } from '../testing/fake-messages-server';
import { costUsd } from './cost';
import { LlmClient, LlmClientOptions } from './llm-client';
import { LlmUnavailableError } from './llm-unavailable.error';
import { InMemoryUsageRecorder } from './usage-recorder';

const MODEL = 'claude-sonnet-4-6';
const ask = { max_tokens: 256, messages: [{ role: 'user' as const, content: 'Where is my order?' }] };
const meta = { purpose: 'reply', conversationId: 'conv-1' };

describe('LlmClient against the fake Messages API', () => {
  let server: FakeMessagesServer;
  let usage: InMemoryUsageRecorder;
  let clock: Date;

  const client = (over: Partial<LlmClientOptions> = {}) =>
    new LlmClient(
      {
        apiKey: 'sk-test-key',
        baseURL: server.url,
        model: MODEL,
        timeoutMs: 2000,
        maxRetries: 2,
        breaker: { failureThreshold: 3, cooldownMs: 30_000 },
        dailyBudgetUsd: null,
        now: () => clock,
        backoff: { baseMs: 5, maxMs: 50 },
        ...over,
      },
      usage,
    );

  const unavailable = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LlmUnavailableError);
    return err as LlmUnavailableError;
  };

  beforeEach(async () => {
    server = await startFakeMessagesServer();
    usage = new InMemoryUsageRecorder();
    clock = new Date('2025-06-01T10:00:00Z');
  });
  afterEach(() => server.close());

  it('answers and records tokens, cache reads and writes, latency and cost', async () => {
    server.script([
      {
        message: {
          content: [{ type: 'text', text: 'It ships tomorrow.' }],
          usage: {
            input_tokens: 120,
            output_tokens: 30,
            cache_read_input_tokens: 2000,
            cache_creation_input_tokens: 500,
          },
        },
      },
    ]);
    const message = await client().create(
      { ...ask, system: [{ type: 'text', text: 'rules', cache_control: { type: 'ephemeral' } }] },
      meta,
    );

    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'It ships tomorrow.' })]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.authorization).toBe('Bearer sk-test-key');
    expect(server.requests[0].body).toMatchObject({
      model: MODEL,
      max_tokens: 256,
      system: [{ cache_control: { type: 'ephemeral' } }],
    });
    const expected = costUsd(MODEL, {
      inputTokens: 120,
      outputTokens: 30,
      cacheReadTokens: 2000,
      cacheWriteTokens: 500,
    });
    expect(usage.records).toEqual([
      expect.objectContaining({
        purpose: 'reply',
        conversationId: 'conv-1',
        model: MODEL,
        inputTokens: 120,
        outputTokens: 30,
        cacheReadTokens: 2000,
        cacheWriteTokens: 500,
        costUsd: expected,
        outcome: 'ok',
        attempts: 1,
      }),
    ]);
    expect(expected).toBeCloseTo((120 * 3 + 2000 * 0.3 + 500 * 3.75 + 30 * 15) / 1e6, 9);
    expect(usage.records[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a 529 overloaded and then answers (two requests seen)', async () => {
    server.script([{ status: 529 }, { message: { content: [{ type: 'text', text: 'Back again.' }] } }]);
    const message = await client().create(ask, meta);

    expect(message.content[0]).toMatchObject({ text: 'Back again.' });
    expect(server.requests).toHaveLength(2);
    expect(usage.records).toEqual([expect.objectContaining({ outcome: 'ok', attempts: 2 })]);
  });

  it('honours retry-after on a 429', async () => {
    const waits: number[] = [];
    server.script([{ status: 429, headers: { 'retry-after': '0.02' } }, {}]);
    await client({ sleep: async (ms) => void waits.push(ms) }).create(ask, meta);
    expect(waits).toEqual([20]);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 400: our request is wrong, the service is fine', async () => {
    server.script([{ status: 400 }, {}]);
    const err = await unavailable(client().create(ask, meta));
    expect(err).toMatchObject({
      reason: 'api_error',
      details: { status: 400, errorType: 'invalid_request_error' },
    });
    expect(server.requests).toHaveLength(1);
    expect(usage.records).toEqual([expect.objectContaining({ outcome: 'error', attempts: 1, costUsd: 0 })]);
  });

  it('gives up with reason timeout when every attempt is too slow', async () => {
    server.script([{ delayMs: 1000 }, { delayMs: 1000 }]);
    const err = await unavailable(client({ timeoutMs: 100, maxRetries: 1 }).create(ask, meta));
    expect(err.reason).toBe('timeout');
    expect(server.requests).toHaveLength(2);
    expect(usage.records).toEqual([expect.objectContaining({ outcome: 'timeout', attempts: 2 })]);
  });

  it('opens the breaker after N failed calls, sends nothing while open, half-opens after the cooldown and closes on success', async () => {
    const llm = client({ maxRetries: 0, breaker: { failureThreshold: 2, cooldownMs: 60_000 } });
    server.script([{ status: 500 }, { status: 503 }]);
    await unavailable(llm.create(ask, meta));
    expect(llm.breakerState).toBe('closed');
    await unavailable(llm.create(ask, meta));
    expect(llm.breakerState).toBe('open');

    server.script([{ message: { content: [{ type: 'text', text: 'should not be sent' }] } }]);
    const refused = await unavailable(llm.create(ask, meta));
    expect(refused.reason).toBe('breaker_open');
    expect(server.requests).toHaveLength(2);

    clock = new Date(clock.getTime() + 60_000);
    expect(llm.breakerState).toBe('half_open');
    await expect(llm.create(ask, meta)).resolves.toMatchObject({ content: [{ text: 'should not be sent' }] });
    expect(llm.breakerState).toBe('closed');
    expect(server.requests).toHaveLength(3);
    expect(usage.records.map((r) => r.outcome)).toEqual(['error', 'error', 'breaker_open', 'ok']);
  });

  it('re-opens the breaker when the half-open trial fails', async () => {
    const llm = client({ maxRetries: 0, breaker: { failureThreshold: 1, cooldownMs: 1000 } });
    server.script([{ status: 529 }, { status: 529 }]);
    await unavailable(llm.create(ask, meta));
    clock = new Date(clock.getTime() + 1000);
    expect(llm.breakerState).toBe('half_open');
    await unavailable(llm.create(ask, meta));
    expect(llm.breakerState).toBe('open');
    expect((await unavailable(llm.create(ask, meta))).reason).toBe('breaker_open');
    expect(server.requests).toHaveLength(2);
  });

  it('stops at the daily budget without sending, and alerts as it gets there', async () => {
    const alerts: string[] = [];
    const llm = client({ dailyBudgetUsd: 0.01, onBudgetAlert: (a) => alerts.push(a.level) });
    await usage.record({ ...zeroRecord(clock), costUsd: 0.0085 });
    server.script([{ message: { usage: { input_tokens: 1000, output_tokens: 100 } } }]);
    await llm.create(ask, meta); // 0.003 + 0.0015 → over the line
    expect(alerts).toEqual(['exhausted']);

    server.script([{}]);
    const err = await unavailable(llm.create(ask, meta));
    expect(err.reason).toBe('budget');
    expect(server.requests).toHaveLength(1);
    expect(usage.records.at(-1)).toMatchObject({ outcome: 'budget', attempts: 0, costUsd: 0 });

    clock = new Date('2025-06-02T00:00:01Z');
    await expect(llm.create(ask, meta)).resolves.toBeDefined();
  });

  it('streams text deltas in order and returns the final message with its usage', async () => {
    const text = 'Your parcel left the warehouse this morning.';
    server.script([
      {
        chunkDelayMs: 2,
        message: {
          content: [{ type: 'text', text }],
          usage: { input_tokens: 50, output_tokens: 12, cache_read_input_tokens: 40 },
        },
      },
    ]);
    const deltas: string[] = [];
    const message = await client().stream(ask, meta, (d) => deltas.push(d));

    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(text);
    expect(message.content[0]).toMatchObject({ type: 'text', text });
    expect(server.requests[0].body).toMatchObject({ stream: true, model: MODEL });
    expect(usage.records).toEqual([
      expect.objectContaining({ outcome: 'ok', inputTokens: 50, outputTokens: 12, cacheReadTokens: 40 }),
    ]);
  });

  it('streams a tool call and retries a stream that failed before any text', async () => {
    server.script([
      { status: 529 },
      { message: { content: [{ type: 'tool_use', name: 'lookup_order', input: { order_id: 'A-1001' } }] } },
    ]);
    const message = await client().stream(ask, meta, () => undefined);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'lookup_order',
      input: { order_id: 'A-1001' },
    });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a stream that broke after text was shown, and records what was used', async () => {
    server.script([
      {
        streamErrorAfter: 5,
        message: {
          content: [{ type: 'text', text: 'one two three four five six' }],
          usage: { input_tokens: 70 },
        },
      },
      {},
    ]);
    const deltas: string[] = [];
    const err = await unavailable(client().stream(ask, meta, (d) => deltas.push(d)));
    expect(err.reason).toBe('api_error');
    expect(deltas.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
    expect(usage.records).toEqual([expect.objectContaining({ outcome: 'error', inputTokens: 70 })]);
  });

  it('times out a stream that goes silent', async () => {
    server.script([{ chunkDelayMs: 500, message: { content: [{ type: 'text', text: 'slow slow slow' }] } }]);
    const err = await unavailable(
      client({ timeoutMs: 100, maxRetries: 0 }).stream(ask, meta, () => undefined),
    );
    expect(err.reason).toBe('timeout');
    expect(usage.records).toEqual([expect.objectContaining({ outcome: 'timeout' })]);
  });

  it('fake server: accepts x-api-key, refuses a request with no key and records both', async () => {
    server.script([{}]);
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: MODEL, ...ask }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-api-key': 'k' })).status).toBe(200);
    expect(server.requests.map((r) => r.body?.['model'])).toEqual([MODEL, MODEL]);
  });

  it('is disabled without a key and sends nothing', async () => {
    const err = await unavailable(client({ apiKey: '' }).create(ask, meta));
    expect(err.reason).toBe('disabled');
    expect(server.requests).toHaveLength(0);
    expect(usage.records).toHaveLength(0);
  });
});

function zeroRecord(at: Date) {
  return {
    at,
    purpose: 'reply',
    model: MODEL,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    latencyMs: 0,
    costUsd: 0,
    outcome: 'ok' as const,
  };
}
