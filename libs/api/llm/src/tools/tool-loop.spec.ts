import type Anthropic from '@anthropic-ai/sdk';
import { CommerceToolExecutor } from './commerce-tool-executor';
import { FAKE_NOW, FakeCommerceConnector } from './testing/fake-commerce.connector';
import { toolDefinitions } from './tool-definitions';
import { type LoopCreateParams, type MessagesCreator, TEXT_ONLY_CONFIDENCE, runToolLoop } from './tool-loop';
import { TOOL_NAMES } from './tool-schemas';

type Block = { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: unknown };

/** A scripted model: each call answers the next list of blocks and keeps the request. */
function scripted(...turns: Block[][]) {
  const requests: LoopCreateParams[] = [];
  const client: MessagesCreator = {
    create: async (params) => {
      requests.push(structuredClone(params));
      const blocks = turns.shift() ?? [{ type: 'text', text: '' }];
      return {
        id: `msg_${requests.length}`,
        type: 'message',
        role: 'assistant',
        model: params.model ?? 'claude-default',
        content: blocks.map((b, i) =>
          b.type === 'text'
            ? { type: 'text', text: b.text, citations: null }
            : {
                type: 'tool_use',
                id: `tu_${requests.length}_${i}`,
                name: b.name,
                input: b.input,
                caller: { type: 'direct' },
              },
        ),
        stop_reason: blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
      } as unknown as Anthropic.Message;
    },
  };
  return { client, requests };
}

const use = (name: string, input: unknown): Block => ({ type: 'tool_use', name, input });
const respond = (reply: string, action = 'continue', reason: string | null = null, confidence = 0.9) =>
  use('respond', { reply, action, reason, confidence });

function loop(client: MessagesCreator, maxSteps = 5) {
  const executor = new CommerceToolExecutor(new FakeCommerceConnector(), {
    shopper: { customerRef: 'C-1' },
    requestKey: 'm1',
    now: () => FAKE_NOW,
  });
  return runToolLoop({
    client,
    model: 'claude-test',
    system: 'You are Kefu.',
    messages: [{ role: 'user', content: '我的订单KF1001到哪了' }],
    executor,
    maxSteps,
  });
}

describe('toolDefinitions', () => {
  it('describes every tool with an object JSON schema, respond last', () => {
    const tools = toolDefinitions();
    expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES]);
    for (const t of tools) {
      expect(t.input_schema.type).toBe('object');
      expect(t.description).toBeTruthy();
      expect(t.input_schema).not.toHaveProperty('$schema');
    }
    const respondSchema = tools[tools.length - 1].input_schema;
    expect(respondSchema.required).toEqual(['reply', 'action', 'reason', 'confidence']);
  });
});

describe('runToolLoop', () => {
  it('looks the order up, feeds the result back and ends with the structured outcome', async () => {
    const { client, requests } = scripted(
      [use('lookup_order', { order_number: 'KF1001' })],
      [respond('您的订单KF1001已签收，金额¥259。')],
    );
    const r = await loop(client);
    expect(r.outcome).toEqual({
      reply: '您的订单KF1001已签收，金额¥259。',
      action: 'continue',
      reason: null,
      confidence: 0.9,
    });
    expect(r.steps).toBe(2);
    expect(r.toolCalls).toEqual([
      { step: 1, name: 'lookup_order', status: 'ok' },
      { step: 2, name: 'respond', status: 'accepted' },
    ]);
    const second = requests[1].messages;
    expect(second[2]).toMatchObject({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'tu_1_0' }],
    });
    expect(requests[0].tool_choice).toEqual({ type: 'any' });
  });

  it('sends back a reply that states an amount no tool returned, and accepts the corrected one', async () => {
    const { client, requests } = scripted(
      [use('lookup_order', { order_number: 'KF1001' })],
      [respond('We will refund ¥100 today.')],
      [respond('Your order of ¥259 was delivered.')],
    );
    const r = await loop(client);
    expect(r.outcome.reply).toBe('Your order of ¥259 was delivered.');
    expect(JSON.stringify(requests[2].messages.at(-1))).toContain('No tool returned these amounts: ¥100');
    expect(r.toolCalls.map((c) => c.status)).toEqual(['ok', 'rejected', 'accepted']);
  });

  it('does not accept respond in the same message as another tool', async () => {
    const { client } = scripted(
      [use('lookup_order', { order_number: 'KF1001' }), respond('Delivered.')],
      [respond('Delivered on time.')],
    );
    const r = await loop(client);
    expect(r.outcome.reply).toBe('Delivered on time.');
    expect(r.toolCalls).toContainEqual({ step: 1, name: 'respond', status: 'rejected' });
  });

  it('turns a plain-text answer into a low-confidence continue', async () => {
    const r = await loop(scripted([{ type: 'text', text: 'Hello! How can I help?' }]).client);
    expect(r.outcome).toEqual({
      reply: 'Hello! How can I help?',
      action: 'continue',
      reason: null,
      confidence: TEXT_ONLY_CONFIDENCE,
    });
  });

  it('hands off a plain-text answer with an invented amount', async () => {
    const r = await loop(scripted([{ type: 'text', text: 'You get a ¥20 coupon.' }]).client);
    expect(r.outcome).toMatchObject({ action: 'handoff', reason: 'policy', confidence: 0 });
  });

  it('makes the outcome a handoff once the model called hand_off', async () => {
    const { client } = scripted(
      [use('hand_off', { reason: 'customer_request', summary: 'Wants a human about KF1001' })],
      [respond('稍等，正在为您转接人工客服。', 'continue', null, 0.8)],
    );
    const r = await loop(client);
    expect(r.outcome).toMatchObject({ action: 'handoff', reason: 'customer_request' });
    expect(r.handoff).toEqual({ reason: 'customer_request', summary: 'Wants a human about KF1001' });
  });

  it('rejects an invalid respond and lets the model fix it', async () => {
    const { client } = scripted(
      [respond('Bye', 'handoff', null)],
      [respond('Bye', 'handoff', 'low_confidence', 0.2)],
    );
    const r = await loop(client);
    expect(r.outcome).toEqual({ reply: 'Bye', action: 'handoff', reason: 'low_confidence', confidence: 0.2 });
  });

  it('forces respond on the last step and hands off with tool_failure past the bound', async () => {
    const lookups = Array.from({ length: 3 }, () => [use('lookup_order', { order_number: 'KF1001' })]);
    const { client, requests } = scripted(...lookups);
    const r = await loop(client, 3);
    expect(r.outcome).toEqual({ reply: '', action: 'handoff', reason: 'tool_failure', confidence: 0 });
    expect(r.steps).toBe(3);
    expect(requests).toHaveLength(3);
    expect(requests[2].tool_choice).toEqual({ type: 'tool', name: 'respond' });
  });
});
