import { InboxDto } from '@kefu/shared/contracts';
import { CommerceSeeder } from '@kefu/api/commerce';
import { ConversationProcessor } from '@kefu/api/conversations';
import { createTestApp, TestApp, waitFor } from '@kefu/api/platform/testing';
import { AppModule } from './app.module';
import { adminCookie, count, createInbox, postSigned, resetApp } from './test-helpers';

/**
 * The dialogue engine in the worker, beyond what the conversation stories check: a conversation's
 * messages answered in order even when pushed together, hand-off stopping the bot, a retried turn
 * acting on the shop once, and the contact's profile for agents.
 */
describe('dialogue engine in the pipeline (PostgreSQL + Redis, demo shop)', () => {
  let t: TestApp;
  let cookie: string;
  let inbox: InboxDto;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c));
    await resetApp(t);
    await t.app.get(CommerceSeeder).seedDemo();
    cookie = await adminCookie(t);
    inbox = await createInbox(t, cookie, { name: 'Shop app' });
  }, 120_000);
  afterAll(() => t.close());

  async function say(user: string, text: string, metadata: Record<string, string> = {}): Promise<{ conversationId: string; messageId: string; contactId: string }> {
    const res = await postSigned(t, inbox, { externalMessageId: `e-${++n}`, externalUserId: user, text, metadata });
    expect(res.status).toBe(202);
    return res.json();
  }
  const processed = (messageId: string) =>
    waitFor(async () => (await count(t, `SELECT count(*) FROM messages WHERE id = '${messageId}' AND status = 'processed'`)) === 1, { timeout: 20_000 });
  const replies = async (conversationId: string): Promise<string[]> =>
    (await t.db.query(`SELECT text FROM messages WHERE conversation_id = $1 AND direction = 'outgoing' ORDER BY created_at, id`, [conversationId])).map((r: { text: string }) => r.text);

  it('answers messages pushed together in the order they arrived', async () => {
    const first = await say('order-1', '在吗');
    const [second, third] = await Promise.all([say('order-1', '怎么申请退货'), new Promise((r) => setTimeout(r, 30)).then(() => say('order-1', '谢谢'))]);
    await processed(second.messageId);
    await processed(third.messageId);
    await processed(first.messageId);
    const texts = await replies(first.conversationId);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('您好');
    expect(texts[1]).toContain('订单');
    expect(texts[2]).toContain('不客气');
    const [state] = await t.db.query(`SELECT turn_count, active_intent FROM dialogue_states WHERE conversation_id = $1`, [first.conversationId]);
    expect(state).toMatchObject({ turn_count: 3, active_intent: 'thanks_goodbye' });
    const intents = await t.db.query(
      `SELECT nlu->>'intent' AS intent FROM messages WHERE conversation_id = $1 AND direction = 'incoming' ORDER BY created_at`,
      [first.conversationId],
    );
    expect(intents.map((r: { intent: string }) => r.intent)).toEqual(['greeting', 'return_item', 'thanks_goodbye']);
  });

  it('hands off with a reason, then stays silent while the conversation waits for a human', async () => {
    const a = await say('handoff-1', '我要转人工客服');
    await processed(a.messageId);
    const [conv] = await t.db.query(`SELECT status, handoff_reason, handoff_at FROM conversations WHERE id = $1`, [a.conversationId]);
    expect(conv).toMatchObject({ status: 'pending_human', handoff_reason: 'customer_request' });
    expect(conv.handoff_at).toBeTruthy();
    expect(await count(t, `SELECT count(*) FROM events WHERE type = 'conversation.handoff' AND conversation_id = '${a.conversationId}'`)).toBe(1);
    const before = (await replies(a.conversationId)).length;
    const b = await say('handoff-1', '人呢?');
    await processed(b.messageId);
    expect(await replies(a.conversationId)).toHaveLength(before);
    const [row] = await t.db.query(`SELECT nlu FROM messages WHERE id = $1`, [b.messageId]);
    // The bot stays silent, but the agent sees how the message reads.
    expect(row.nlu).toMatchObject({ intent: expect.any(String) });
  });

  it('starts a return once when the same turn is processed again after a crash', async () => {
    const [order] = await t.db.query(
      `SELECT o.number, c.external_id FROM commerce_orders o JOIN commerce_customers c ON c.id = o.customer_id
         JOIN commerce_shipments s ON s.order_id = o.id
        WHERE o.status = 'delivered' AND s.delivered_at > now() - interval '4 days'
          AND NOT EXISTS (SELECT 1 FROM commerce_returns r WHERE r.order_id = o.id)
        ORDER BY o.id LIMIT 1`,
    );
    const who = { customerRef: order.external_id };
    const a = await say('return-1', `订单${order.number}我要退货`, who);
    await processed(a.messageId);
    const b = await say('return-1', '尺码不合适', who);
    await processed(b.messageId);
    const rmas = `SELECT count(*) FROM commerce_returns r JOIN commerce_orders o ON o.id = r.order_id WHERE o.number = '${order.number}'`;
    expect(await count(t, rmas)).toBe(1);
    const answer = (await replies(a.conversationId)).at(-1) as string;
    expect(answer).toMatch(/退款|退货/);

    // The worker died after the order system acted but before its transaction committed: the turn runs again.
    await t.db.query(`DELETE FROM messages WHERE conversation_id = $1 AND direction = 'outgoing' AND created_at > (SELECT created_at FROM messages WHERE id = $2)`, [a.conversationId, b.messageId]);
    await t.db.query(`UPDATE messages SET status = 'received' WHERE id = $1`, [b.messageId]);
    const [state] = await t.db.query(`SELECT awaiting FROM dialogue_states WHERE conversation_id = $1`, [a.conversationId]);
    await t.db.query(`UPDATE dialogue_states SET awaiting = 'reason', active_intent = 'return_item' WHERE conversation_id = $1`, [a.conversationId]);
    await t.app.get(ConversationProcessor).handle({ messageId: b.messageId });
    expect(state.awaiting).toBeNull();
    expect(await count(t, rmas)).toBe(1);
    expect((await replies(a.conversationId)).at(-1)).toBe(answer);
  });

  it('gives agents the contact profile: customer, orders, past topics and tags', async () => {
    const a = await say('profile-1', '我的快递到哪了', { customerRef: 'C100001' });
    await processed(a.messageId);
    const b = await say('profile-1', '有什么优惠活动吗', { customerRef: 'C100001' });
    await processed(b.messageId);
    const res = await fetch(`${t.url}/api/v1/contacts/${a.contactId}/profile`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const profile = await res.json();
    expect(profile.customer).toMatchObject({ externalId: 'C100001', tier: 'silver' });
    expect(profile.recentOrders.length).toBeGreaterThan(0);
    expect(profile.recentOrders[0]).toMatchObject({ number: expect.stringMatching(/^KF\d+$/), items: expect.any(Array) });
    expect(profile.pastTopics.map((p: { intent: string }) => p.intent)).toEqual(expect.arrayContaining(['track_order']));
    const [contact] = await t.db.query(`SELECT customer_ref FROM contacts WHERE id = $1`, [a.contactId]);
    expect(contact.customer_ref).toBe('C100001');

    expect((await fetch(`${t.url}/api/v1/contacts/00000000-0000-4000-8000-000000000000/profile`, { headers: { cookie } })).status).toBe(404);
    const bad = await fetch(`${t.url}/api/v1/contacts/not-a-uuid/profile`, { headers: { cookie } });
    expect(bad.status).toBe(404);
    expect((await bad.json()).message).toContain('does not exist');
    expect((await fetch(`${t.url}/api/v1/contacts/${a.contactId}/profile`)).status).toBe(401);
  });

  it('shows an anonymous shopper nothing about an order before they prove it is theirs', async () => {
    const [order] = await t.db.query(`SELECT number FROM commerce_orders WHERE status = 'shipped' ORDER BY id LIMIT 1`);
    const a = await say('anon-1', `查一下订单 ${order.number} 的物流`);
    await processed(a.messageId);
    const texts = await replies(a.conversationId);
    expect(texts.at(-1)).toContain('后四位');
    expect(texts.join('\n')).not.toContain('运单号');
  });
});
