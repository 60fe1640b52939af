import Anthropic from '@anthropic-ai/sdk';
import { redact, redactDeep, restore, restoreDeep } from './redaction';
import { startFakeMessagesServer, type FakeMessagesServer } from './testing/fake-messages-server';
import { runToolLoop, type ToolExecutor } from './tools';

/**
 * What leaves the building: the shopper's message goes through the real SDK to a local fake Messages API with its
 * phone number and e-mail replaced by placeholders; the model's tool call names the placeholders and our code gets
 * the real values back; the reply is restored before the shopper sees it.
 */
describe('personal data and the Messages API', () => {
  let server: FakeMessagesServer;
  beforeAll(async () => {
    server = await startFakeMessagesServer();
  });
  afterAll(() => server.close());

  it('never sends a raw phone number or e-mail, and restores them in tool arguments and the reply', async () => {
    const question = '我的手机号是 138 1234 5678,邮箱 li.na@example.com,帮我查下订单 KF100123 发到哪了';
    const outgoing = redact(question);
    const phone = [...outgoing.map.entries()].find(([k]) => k.startsWith('⟦PHONE'))?.[0];
    const email = [...outgoing.map.entries()].find(([k]) => k.startsWith('⟦EMAIL'))?.[0];
    expect(phone && email).toBeTruthy();

    server.script([
      {
        message: {
          content: [{ type: 'tool_use', name: 'lookup_order', input: { orderNumber: 'KF100123', phone } }],
        },
      },
      {
        message: {
          content: [
            {
              type: 'tool_use',
              name: 'respond',
              input: {
                reply: `已查到,订单会发到登记手机 ${phone} 对应的地址。`,
                action: 'continue',
                reason: null,
                confidence: 0.9,
              },
            },
          ],
        },
      },
    ]);
    const seen: unknown[] = [];
    const executor: ToolExecutor = {
      amounts: [],
      async execute(name, input) {
        seen.push({ name, input });
        // The shop's answer carries the phone again: it must be redacted before it goes back to the model.
        return {
          status: 'ok',
          isError: false,
          content: JSON.stringify({
            orderNumber: 'KF100123',
            status: 'shipped',
            contactPhone: '13812345678',
          }),
        };
      },
    };
    const sdk = new Anthropic({ apiKey: 'sk-ant-test', baseURL: server.url, maxRetries: 0, timeout: 5_000 });
    let map = outgoing.map;
    const result = await runToolLoop({
      client: { create: (params) => sdk.messages.create({ ...params, model: 'claude-sonnet-4-6' }) },
      model: 'claude-sonnet-4-6',
      system: [{ type: 'text', text: 'You are the shop assistant.' }],
      messages: [{ role: 'user', content: outgoing.text }],
      executor,
      maxSteps: 4,
      hooks: {
        toolInput: (input) => restoreDeep(input, map),
        toolResult: (content) => {
          const r = redactDeep(content, map);
          map = r.map;
          return r.value as string;
        },
      },
    });

    const wire = server.requests.map((r) => r.raw).join('\n');
    expect(server.requests.length).toBe(2);
    for (const raw of ['13812345678', '138 1234 5678', 'li.na@example.com']) expect(wire).not.toContain(raw);
    expect(wire).toContain('KF100123');
    expect(seen).toEqual([
      { name: 'lookup_order', input: { orderNumber: 'KF100123', phone: '138 1234 5678' } },
    ]);
    expect(restore(result.outcome.reply, map)).toContain('138 1234 5678');
  });
});
