import Anthropic from '@anthropic-ai/sdk';
import {
  type FakeMessagesServer,
  type FakeResponse,
  startFakeMessagesServer,
} from '../testing/fake-messages-server';
import { InMemoryUsageRecorder, LlmClient } from '../client';
import { CommerceToolExecutor } from './commerce-tool-executor';
import { FAKE_NOW, FakeCommerceConnector } from './testing/fake-commerce.connector';
import { type MessagesCreator, runToolLoop } from './tool-loop';

/** The real SDK against the local fake Messages API: what leaves and comes back is real JSON over HTTP. */
describe('runToolLoop against the Messages API', () => {
  let server: FakeMessagesServer;
  let client: MessagesCreator;

  beforeAll(async () => {
    server = await startFakeMessagesServer();
    const sdk = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0, timeout: 5_000 });
    client = {
      create: (params) => sdk.messages.create({ ...params, model: params.model ?? 'claude-sonnet-4-6' }),
    };
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  const tool = (name: string, input: Record<string, unknown>): FakeResponse => ({
    message: { content: [{ type: 'tool_use', name, input }] },
  });
  const respond = (reply: string, action = 'continue', reason: string | null = null): FakeResponse =>
    tool('respond', { reply, action, reason, confidence: 0.9 });

  function run(maxSteps = 4, question = 'Where is my order KF1001?', through: MessagesCreator = client) {
    const shop = new FakeCommerceConnector();
    const executor = new CommerceToolExecutor(shop, {
      shopper: { customerRef: 'C-1' },
      requestKey: 'msg-1',
      locale: 'en',
      now: () => FAKE_NOW,
    });
    const result = runToolLoop({
      client: through,
      model: through === client ? 'claude-sonnet-4-6' : undefined,
      conversationId: 'conv-1',
      system: [{ type: 'text', text: 'You are the shop assistant.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: question }],
      executor,
      maxSteps,
    });
    return { shop, result };
  }
  /** The tool_result blocks of the last user message the server received in request `n`. */
  const toolResults = (n: number) => {
    const messages = server.requests[n].body?.['messages'] as { role: string; content: unknown }[];
    return messages[messages.length - 1].content as {
      type: string;
      tool_use_id: string;
      content: string;
      is_error?: boolean;
    }[];
  };

  it("looks up the shopper's order, then replies with its status", async () => {
    server.script([
      tool('lookup_order', { order_number: 'KF1001' }),
      respond('Your order KF1001 (¥259) has been delivered.'),
    ]);
    const { result } = run();
    const r = await result;

    expect(r.outcome).toEqual({
      reply: 'Your order KF1001 (¥259) has been delivered.',
      action: 'continue',
      reason: null,
      confidence: 0.9,
    });
    expect(r.steps).toBe(2);
    expect(server.requests).toHaveLength(2);
    const first = server.requests[0].body as Record<string, unknown>;
    expect((first['tools'] as { name: string }[]).map((t) => t.name)).toEqual([
      'lookup_order',
      'track_shipment',
      'check_stock',
      'calculate_promotion',
      'start_return',
      'offer_compensation',
      'hand_off',
      'respond',
    ]);
    expect(first['tool_choice']).toEqual({ type: 'any' });
    const [fed] = toolResults(1);
    expect(fed.type).toBe('tool_result');
    expect(JSON.parse(fed.content)).toMatchObject({
      order_number: 'KF1001',
      status: 'delivered',
      total: '¥259',
    });
    // The order's delivery address and the shopper's phone never leave.
    expect(server.requests.map((q) => q.raw).join('')).not.toMatch(/13800138000|Nanjing/);
  });

  it("refuses compensation above the tier's cap and the model's next step sees the refusal and the cap", async () => {
    server.script([
      tool('offer_compensation', { order_number: 'KF1001', severity: 'moderate', amount: 100 }),
      respond('We can offer ¥100 off.'),
      respond('Sorry for the delay. The most we can offer for this order is ¥38.85.'),
    ]);
    const r = await run().result;

    const [refusal] = toolResults(1);
    expect(JSON.parse(refusal.content)).toMatchObject({
      refused: true,
      reason: 'above_tier_cap',
      tier: 'silver',
      cap: '¥38.85',
    });
    // The model then tried to promise ¥100 anyway: sent back, not accepted.
    const [pushback] = toolResults(2);
    expect(pushback.is_error).toBe(true);
    expect(pushback.content).toContain('¥100');
    expect(r.outcome.reply).toBe('Sorry for the delay. The most we can offer for this order is ¥38.85.');
    expect(r.toolCalls.map((c) => `${c.name}:${c.status}`)).toEqual([
      'offer_compensation:refused',
      'respond:rejected',
      'respond:accepted',
    ]);
  });

  it('refuses a return outside the window and nothing is created', async () => {
    server.script([
      tool('start_return', { order_number: 'KF1002', kind: 'return', reason: 'changed my mind' }),
      respond('Sorry, the 7-day return window for KF1002 ended on 2025-05-28.'),
    ]);
    const { shop, result } = run(4, 'I want to return KF1002');
    const r = await result;
    expect(JSON.parse(toolResults(1)[0].content)).toMatchObject({
      refused: true,
      reason: 'outside_return_window',
    });
    expect(shop.returns).toEqual([]);
    expect(r.outcome.action).toBe('continue');
  });

  it('stops at the step bound, forcing respond on the last call, and hands off with tool_failure', async () => {
    server.script([
      tool('track_shipment', { reference: 'KF1001' }),
      tool('track_shipment', { reference: 'KF1001' }),
      tool('track_shipment', { reference: 'KF1001' }),
    ]);
    const r = await run(3).result;
    expect(r.outcome).toEqual({ reply: '', action: 'handoff', reason: 'tool_failure', confidence: 0 });
    expect(r.steps).toBe(3);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[2].body?.['tool_choice']).toEqual({ type: 'tool', name: 'respond' });
    expect(server.pending()).toBe(0);
  });

  it("runs through the guarded LlmClient, which records each step's usage", async () => {
    const usage = new InMemoryUsageRecorder();
    const llm = new LlmClient(
      {
        apiKey: 'sk-ant-test',
        baseURL: server.url,
        model: 'claude-haiku-4-5',
        timeoutMs: 2_000,
        maxRetries: 0,
        breaker: { failureThreshold: 3, cooldownMs: 30_000 },
        dailyBudgetUsd: null,
      },
      usage,
    );
    server.script([tool('lookup_order', { order_number: 'KF1001' }), respond('KF1001 was delivered.')]);
    const r = await run(4, 'Where is KF1001?', llm).result;
    expect(r.outcome.reply).toBe('KF1001 was delivered.');
    expect(server.requests.map((q) => q.body?.['model'])).toEqual(['claude-haiku-4-5', 'claude-haiku-4-5']);
    expect(usage.records.map((u) => [u.purpose, u.conversationId, u.outcome])).toEqual([
      ['tool_loop', 'conv-1', 'ok'],
      ['tool_loop', 'conv-1', 'ok'],
    ]);
  });

  describe('streaming the reply', () => {
    const streamingClient = () =>
      new LlmClient(
        {
          apiKey: 'sk-ant-test',
          baseURL: server.url,
          model: 'claude-sonnet-4-6',
          timeoutMs: 2_000,
          maxRetries: 1,
          breaker: { failureThreshold: 5, cooldownMs: 30_000 },
          dailyBudgetUsd: null,
          sleep: async () => undefined,
        },
        new InMemoryUsageRecorder(),
      );
    const sink = () => {
      const events: string[] = [];
      return { events, write: (d: string) => void events.push(d), reset: () => void events.push('<reset>') };
    };
    const loop = (llm: LlmClient, replyStream: ReturnType<typeof sink>) =>
      runToolLoop({
        client: llm,
        conversationId: 'conv-1',
        system: 'You are the shop assistant.',
        messages: [{ role: 'user', content: 'Where is my order KF1001?' }],
        executor: new CommerceToolExecutor(new FakeCommerceConnector(), { shopper: { customerRef: 'C-1' }, requestKey: 'msg-1', locale: 'en', now: () => FAKE_NOW }),
        maxSteps: 4,
        replyStream,
      });

    it("streams only respond's reply, piece by piece, after the tool step", async () => {
      server.script([
        tool('lookup_order', { order_number: 'KF1001' }),
        respond('Your order KF1001 has been delivered, it arrived on the third.'),
      ]);
      const out = sink();
      const r = await loop(streamingClient(), out);
      expect(r.outcome.reply).toBe('Your order KF1001 has been delivered, it arrived on the third.');
      expect(server.requests.every((q) => q.body?.['stream'] === true)).toBe(true);
      expect(out.events.length).toBeGreaterThan(1);
      expect(out.events).not.toContain('<reset>');
      expect(out.events.join('')).toBe('Your order KF1001 has been delivered, it arrived on the third.');
    });

    it('withdraws a streamed reply that is rejected (an amount no tool returned) and streams the corrected one', async () => {
      server.script([respond('You will get a ¥50 refund for the delay.'), respond('I have asked a colleague to look at the delay.')]);
      const out = sink();
      const r = await loop(streamingClient(), out);
      expect(r.outcome.reply).toBe('I have asked a colleague to look at the delay.');
      const reset = out.events.indexOf('<reset>');
      expect(reset).toBeGreaterThan(0);
      expect(out.events.slice(0, reset).join('')).toBe('You will get a ¥50 refund for the delay.');
      expect(out.events.slice(reset + 1).join('')).toBe('I have asked a colleague to look at the delay.');
    });

    it('does not retry a stream that already showed text; it withdraws it and fails', async () => {
      server.script([{ ...respond('Your order is on its way and'), streamErrorAfter: 8 }, respond('never asked')]);
      const out = sink();
      await expect(loop(streamingClient(), out)).rejects.toThrow();
      expect(out.events.at(-1)).toBe('<reset>');
      expect(server.requests).toHaveLength(1);
    });
  });
});
