import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, resetDatabase, TestApp } from '@kefu/api/platform/testing';
import { DialogueStateStore, StaleDialogueStateError } from './state/dialogue-state.store';
import { applyTurn } from './state/slots';
import { DialogueTemplatesService } from './templates/dialogue-templates.service';
import { TemplateVariableError } from './templates/template-renderer';
import { defaultTemplates, TemplateSeeder } from './templates/template-seeder.service';
import type { DialogueTemplateDto } from './templates/template.schemas';
import { call, conversation, dialogueRoot, staff } from './testing/dialogue-test-kit';

const INTENTS = Object.keys(
  JSON.parse(readFileSync(join(__dirname, '../../nlu/data/intents.json'), 'utf8')) as Record<string, string>,
);

describe('dialogue templates and state', () => {
  let t: TestApp;
  let cookies: Awaited<ReturnType<typeof staff>>;
  const templates = () => t.app.get(DialogueTemplatesService);
  const count = async () =>
    Number(((await t.db.query(`SELECT count(*) AS n FROM dialogue_templates`)) as { n: string }[])[0].n);
  const find = async (key: string, locale: string) => {
    const res = await call<DialogueTemplateDto[]>(
      t,
      'GET',
      `/api/v1/dialogue/templates?key=${key}&locale=${locale}`,
      {
        cookie: cookies.admin,
      },
    );
    return res.body.find((x) => x.key === key && x.region === null) as DialogueTemplateDto;
  };

  beforeAll(async () => {
    t = await createTestApp(dialogueRoot);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t.db);
    templates().forget();
    await t.app.get(TemplateSeeder).seed();
    cookies = await staff(t);
  });

  describe('seeding', () => {
    it('seeds a reply for every intent in Chinese, English and Japanese, plus the asks and fallbacks', async () => {
      const rows = (await t.db.query(`SELECT key, locale FROM dialogue_templates`)) as {
        key: string;
        locale: string;
      }[];
      const have = new Set(rows.map((r) => `${r.key}|${r.locale}`));
      for (const intent of INTENTS)
        for (const locale of ['zh-CN', 'en', 'ja']) {
          expect(have).toContain(`${intent}|${locale}`);
          expect(have).toContain(`topic.${intent}|${locale}`);
        }
      for (const key of [
        'ask.order_number',
        'ask.phone_tail',
        'ask.size',
        'ask.colour',
        'fallback.not_understood',
        'fallback.confirm',
        'handoff.transfer',
        'handoff.after_hours',
      ])
        for (const locale of ['zh-CN', 'en', 'ja']) expect(have).toContain(`${key}|${locale}`);
      expect(rows).toHaveLength(defaultTemplates().length);
    });

    it('adds only missing keys, once, even when two processes boot together', async () => {
      expect(await t.app.get(TemplateSeeder).seed()).toBe(0);
      await t.db.query(`DELETE FROM dialogue_templates`);
      const seeder = t.app.get(TemplateSeeder);
      const added = await Promise.all([seeder.seed(), seeder.seed()]);
      expect(added.reduce((a, b) => a + b, 0)).toBe(defaultTemplates().length);
      expect(await count()).toBe(defaultTemplates().length);
      // An upgrade brings a new default key: it is added, the rest stays.
      await t.db.query(`DELETE FROM dialogue_templates WHERE key = 'order.choose'`);
      expect(await seeder.seed()).toBe(3);
      expect(await count()).toBe(defaultTemplates().length);
    });

    it('keeps an edited template when the seeder runs again', async () => {
      const greeting = await find('greeting', 'en');
      await call(t, 'PUT', `/api/v1/dialogue/templates/${greeting.id}`, {
        body: { text: 'Hello!' },
        cookie: cookies.admin,
      });
      await t.app.get(TemplateSeeder).seed();
      expect((await find('greeting', 'en')).text).toBe('Hello!');
    });
  });

  describe('rendering', () => {
    it('asks "您是想查询物流吗?" with yes/no quick replies', async () => {
      const topic = await templates().render('topic.track_order', {}, { locale: 'zh-CN' });
      const reply = await templates().render('fallback.confirm', { topic: topic.text }, { locale: 'zh-CN' });
      expect(reply.text).toBe('请问您是想查询物流吗?');
      expect(reply.quickReplies).toEqual([
        { label: '是的', payload: 'confirm:yes' },
        { label: '不是', payload: 'confirm:no' },
      ]);
    });

    it('formats money and dates for the locale and falls back region → locale → en', async () => {
      const vars = { order_number: 'KF1001', amount: { amountMinor: 25800, currency: 'CNY' } };
      expect(
        (await templates().render('cancel_order.done', vars, { locale: 'zh-CN', region: 'CN' })).text,
      ).toBe('订单 KF1001 已为您取消,¥258.00 将在 1-3 个工作日内原路退回。');
      // No French templates: English, formatted as English.
      expect((await templates().render('cancel_order.done', vars, { locale: 'fr-FR' })).text).toContain(
        'Order KF1001 is cancelled. CN¥258.00 will be back',
      );
      const ja = await templates().render(
        'track_order.delivered',
        { order_number: 'KF1', delivered_at: new Date('2026-03-05T20:00:00Z') },
        { locale: 'ja-JP' },
      );
      expect(ja.text).toContain('2026/03/06に配達完了'); // Tokyo time
    });

    it('throws on a missing variable outside production', async () => {
      await expect(templates().render('track_order.shipped', {}, { locale: 'en' })).rejects.toThrow(
        TemplateVariableError,
      );
    });
  });

  describe('templates API', () => {
    it('lists templates by key prefix and locale for agents and analysts', async () => {
      for (const cookie of [cookies.agent, cookies.analyst]) {
        const res = await call<DialogueTemplateDto[]>(
          t,
          'GET',
          '/api/v1/dialogue/templates?key=track_order&locale=en',
          {
            cookie,
          },
        );
        expect(res.status).toBe(200);
        expect(res.body.map((x) => x.key)).toEqual([
          'track_order',
          'track_order.delivered',
          'track_order.not_shipped',
          'track_order.shipped',
        ]);
        expect(res.body[3]).toMatchObject({
          locale: 'en',
          region: null,
          version: 1,
          variables: ['order_number', 'carrier', 'tracking_number', 'last_event', 'eta'],
        });
      }
      const q = await call<DialogueTemplateDto[]>(
        t,
        'GET',
        `/api/v1/dialogue/templates?q=${encodeURIComponent('查询物流')}`,
        {
          cookie: cookies.agent,
        },
      );
      expect(q.body.map((x) => x.key)).toEqual(['topic.track_order', 'track_order']);
    });

    it('saves an edit as a new version by the admin, and replies use it at once', async () => {
      const before = await find('greeting', 'en');
      const res = await call<DialogueTemplateDto>(t, 'PUT', `/api/v1/dialogue/templates/${before.id}`, {
        body: {
          text: 'Hi {name}! How can we help?',
          quickReplies: [{ label: 'Track', payload: 'track_order' }],
          expectedVersion: 1,
        },
        cookie: cookies.admin,
      });
      expect(res.status).toBe(200);
      const [admin] = (await t.db.query(`SELECT id FROM users WHERE role = 'admin'`)) as { id: string }[];
      expect(res.body).toMatchObject({ version: 2, updatedBy: admin.id, variables: ['name'] });
      expect(await templates().render('greeting', { name: 'Ann' }, { locale: 'en-GB' })).toEqual({
        text: 'Hi Ann! How can we help?',
        quickReplies: [{ label: 'Track', payload: 'track_order' }],
      });
      // An editor who started from version 1 is told to reload.
      const stale = await call(t, 'PUT', `/api/v1/dialogue/templates/${before.id}`, {
        body: { text: 'Hello', expectedVersion: 1 },
        cookie: cookies.admin,
      });
      expect(stale.status).toBe(409);
    });

    it('adds a regional variant by key, which shoppers in that region get', async () => {
      const res = await call<DialogueTemplateDto>(t, 'PUT', '/api/v1/dialogue/templates', {
        body: {
          key: 'contact_customer_service',
          locale: 'en',
          region: 'us',
          text: 'Call us at 1-800-KEFU, 9am–5pm ET.',
        },
        cookie: cookies.admin,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ region: 'US', version: 1 });
      expect(
        (await templates().render('contact_customer_service', {}, { locale: 'en', region: 'US' })).text,
      ).toBe('Call us at 1-800-KEFU, 9am–5pm ET.');
      expect(
        (await templates().render('contact_customer_service', {}, { locale: 'en', region: 'GB' })).text,
      ).toMatch(/^Our team is available/);
      const again = await call<DialogueTemplateDto>(t, 'PUT', '/api/v1/dialogue/templates', {
        body: { key: 'contact_customer_service', locale: 'en', region: 'US', text: 'Call us.' },
        cookie: cookies.admin,
      });
      expect(again.body).toMatchObject({ id: res.body.id, version: 2 });
    });

    it('rejects bad input with 400 and leaves the template as it was', async () => {
      const greeting = await find('greeting', 'zh-CN');
      const bad = [
        { text: '您好 {name' },
        { text: '{n, plural, one {x}}' },
        { text: '' },
        { text: 'ok', extra: true },
        { text: 'ok', quickReplies: [{ label: '', payload: 'x' }] },
      ];
      for (const body of bad) {
        const res = await call(t, 'PUT', `/api/v1/dialogue/templates/${greeting.id}`, {
          body,
          cookie: cookies.admin,
        });
        expect(res.status).toBe(400);
      }
      const malformed = await call(t, 'PUT', `/api/v1/dialogue/templates/${greeting.id}`, {
        raw: '{"text":',
        cookie: cookies.admin,
      });
      expect(malformed.status).toBe(400);
      const byKey = await call(t, 'PUT', '/api/v1/dialogue/templates', {
        body: { key: 'Track Order', locale: 'en', text: 'x' },
        cookie: cookies.admin,
      });
      expect(byKey.status).toBe(400);
      const list = await call(t, 'GET', '/api/v1/dialogue/templates?locale=fr', { cookie: cookies.admin });
      expect(list.status).toBe(400);
      expect(await find('greeting', 'zh-CN')).toEqual(greeting);
    });

    it('answers 404 for unknown templates', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        expect(
          (await call(t, 'GET', `/api/v1/dialogue/templates/${id}`, { cookie: cookies.admin })).status,
        ).toBe(404);
        expect(
          (
            await call(t, 'PUT', `/api/v1/dialogue/templates/${id}`, {
              body: { text: 'x' },
              cookie: cookies.admin,
            })
          ).status,
        ).toBe(404);
      }
      const res = await call(t, 'PUT', '/api/v1/dialogue/templates', {
        body: { key: 'no_such.key', locale: 'en', text: 'x' },
        cookie: cookies.admin,
      });
      expect(res.status).toBe(404);
      expect(await count()).toBe(defaultTemplates().length);
    });

    it('lets only admins edit, and nobody without a session read', async () => {
      const greeting = await find('greeting', 'en');
      for (const cookie of [cookies.agent, cookies.analyst, cookies.compliance]) {
        const res = await call(t, 'PUT', `/api/v1/dialogue/templates/${greeting.id}`, {
          body: { text: 'x' },
          cookie,
        });
        expect(res.status).toBe(403);
      }
      expect(
        (await call(t, 'GET', '/api/v1/dialogue/templates', { cookie: cookies.compliance })).status,
      ).toBe(403);
      expect((await call(t, 'GET', '/api/v1/dialogue/templates')).status).toBe(401);
      expect(await find('greeting', 'en')).toEqual(greeting);
    });
  });

  describe('dialogue state', () => {
    const store = () => t.app.get(DialogueStateStore);

    it('saves and loads the state inside the caller’s transaction', async () => {
      const id = await conversation(t);
      const saved = await t.db.transaction(async (em) => {
        const fresh = await store().load(em, id);
        expect(fresh).toMatchObject({ version: 0, slots: {}, activeIntent: null });
        const { state } = applyTurn(fresh, {
          intent: 'exchange_item',
          slots: { order_number: 'KF1001', colour: '黑色', size: 'M' },
          required: ['order_number', 'phone_tail'],
        });
        return store().save(em, state);
      });
      expect(saved).toMatchObject({ version: 1, awaiting: 'phone_tail' });
      const loaded = await t.db.transaction((em) => store().load(em, id));
      expect(loaded).toEqual(saved);
      expect(loaded).toMatchObject({
        activeIntent: 'exchange_item',
        slots: { order_number: 'KF1001', colour: '黑色', size: 'M' },
        turnCount: 1,
        misunderstandings: 0,
        lastOrderNumber: 'KF1001',
      });
    });

    it('discards the state with a rolled-back turn', async () => {
      const id = await conversation(t);
      await expect(
        t.db.transaction(async (em) => {
          const s = await store().load(em, id);
          await store().save(em, applyTurn(s, { intent: 'greeting' }).state);
          throw new Error('reply failed');
        }),
      ).rejects.toThrow('reply failed');
      expect((await t.db.transaction((em) => store().load(em, id))).version).toBe(0);
    });

    it('refuses a save based on an outdated version (two workers on one conversation)', async () => {
      const id = await conversation(t);
      const first = await t.db.transaction(async (em) => store().save(em, await store().load(em, id)));
      const a = await t.db.transaction(async (em) =>
        store().save(em, applyTurn(first, { intent: 'track_order' }).state),
      );
      expect(a.version).toBe(2);
      await expect(
        t.db.transaction((em) => store().save(em, applyTurn(first, { intent: 'stock_query' }).state)),
      ).rejects.toThrow(StaleDialogueStateError);
      // A second "first save" of a new conversation loses too.
      await expect(
        t.db.transaction(async (em) => store().save(em, { ...first, version: 0 })),
      ).rejects.toThrow(StaleDialogueStateError);
      expect((await t.db.transaction((em) => store().load(em, id))).activeIntent).toBe('track_order');
    });

    it('is erased with its conversation', async () => {
      const id = await conversation(t);
      await t.db.transaction(async (em) => store().save(em, await store().load(em, id)));
      await t.db.query(`DELETE FROM conversations WHERE id = $1`, [id]);
      expect(await t.db.query(`SELECT 1 FROM dialogue_states WHERE conversation_id = $1`, [id])).toHaveLength(
        0,
      );
    });
  });
});
