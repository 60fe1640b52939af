import { randomUUID } from 'node:crypto';
import { LlmTrainingCandidateDto, LlmTrainingCandidatePage } from '@kefu/shared/contracts';
import { Issues, useLlmApp } from '../testing/llm-app-kit';
import { LlmTrainingCandidates, TrainingCandidateInput } from './llm-training-candidates.service';

describe('training candidates: disagreements between the offline engine and Claude (PostgreSQL)', () => {
  const k = useLlmApp();
  const candidates = () => k.t.app.get(LlmTrainingCandidates);
  const base = (over: Partial<TrainingCandidateInput> = {}): TrainingCandidateInput => ({
    text: '我买的那个到哪了',
    language: 'zh',
    offlineIntent: 'product_info',
    offlineConfidence: 0.41,
    llmIntent: 'track_order',
    llmConfidence: 0.93,
    messageId: randomUUID(),
    conversationId: randomUUID(),
    contactId: null,
    ...over,
  });
  const list = (query = '', cookie?: string) =>
    k.call<LlmTrainingCandidatePage & Issues>(
      'GET',
      `/api/v1/llm/training-candidates${query}`,
      undefined,
      cookie,
    );
  const post = (path: string, body?: unknown, cookie?: string) =>
    k.call<LlmTrainingCandidateDto & Issues>('POST', `/api/v1/llm/training-candidates${path}`, body, cookie);

  it('keeps one candidate per message however often it is classified, and none for an agreement', async () => {
    const input = base();
    expect(await candidates().record(input)).toBe(true);
    expect(await candidates().record({ ...input, llmConfidence: 0.5 })).toBe(false);
    expect(await candidates().record(base({ llmIntent: 'product_info' }))).toBe(false);
    const page = await list();
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({
      text: '我买的那个到哪了',
      language: 'zh',
      offlineIntent: 'product_info',
      llmIntent: 'track_order',
      conversationId: input.conversationId,
      status: 'new',
    });
    expect(page.body.items[0].offlineConfidence).toBeCloseTo(0.41, 5);
    expect(page.body.nextCursor).toBeNull();
  });

  it('pages newest first, 50 at a time, without losing or repeating one', async () => {
    for (let i = 0; i < 53; i++) await candidates().record(base({ text: `question ${i}`, language: 'en' }));
    const first = await list();
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items[0].text).toBe('question 52');
    const second = await list(`?cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i) => i.text)).toEqual(['question 2', 'question 1', 'question 0']);
    expect(second.body.nextCursor).toBeNull();
    expect((await list('?status=dismissed')).body.items).toEqual([]);
    expect((await list('?status=maybe')).status).toBe(400);
    expect((await list('?cursor=rubbish')).status).toBe(400);
    expect(
      (await list(`?cursor=${Buffer.from(`2026-99-99 10:00:00+00|${randomUUID()}`).toString('base64url')}`))
        .status,
    ).toBe(400);
  });

  it('accepts a candidate as an NLU example of an intent the engine knows, with the shopper attached', async () => {
    const [contact] = await k.t.db.query(`INSERT INTO contacts (name) VALUES ('Wei') RETURNING id`);
    await candidates().record(base({ contactId: contact.id }));
    const [c] = (await list()).body.items;

    const unknown = await post(`/${c.id}/accept`, { intent: 'teleport_parcel' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].path).toBe('intent');
    expect((await list()).body.items).toHaveLength(1);

    const accepted = await post(`/${c.id}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: c.id, status: 'accepted' });
    const examples = await k.t.db.query(
      `SELECT intent, text, language, source, contact_id, created_by FROM nlu_examples`,
    );
    expect(examples).toEqual([
      {
        intent: 'track_order',
        text: '我买的那个到哪了',
        language: 'zh',
        source: 'llm.training_candidates',
        contact_id: contact.id,
        created_by: k.adminId,
      },
    ]);
    expect((await list('?status=accepted')).body.items.map((i) => i.id)).toEqual([c.id]);

    expect((await post(`/${c.id}/accept`, {})).status).toBe(409);
    expect((await post(`/${c.id}/dismiss`)).status).toBe(409);

    // Another intent than Claude's reading.
    await candidates().record(base({ text: 'refund please', language: 'en' }));
    const [other] = (await list()).body.items;
    expect((await post(`/${other.id}/accept`, { intent: 'get_refund' })).status).toBe(200);
    expect(
      (await k.t.db.query(`SELECT intent FROM nlu_examples WHERE text = 'refund please'`))[0].intent,
    ).toBe('get_refund');
  });

  it('dismisses a candidate; unknown ids are 404 and bad bodies 400', async () => {
    await candidates().record(base());
    const [c] = (await list()).body.items;
    expect((await post(`/${c.id}/accept`, { intent: '' })).status).toBe(400);
    const dismissed = await post(`/${c.id}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect((await post(`/${c.id}/dismiss`)).status).toBe(409);
    expect((await list()).body.items).toEqual([]);
    expect(Number((await k.t.db.query(`SELECT count(*) AS n FROM nlu_examples`))[0].n)).toBe(0);

    expect((await post(`/${randomUUID()}/accept`, {})).status).toBe(404);
    expect((await post(`/${randomUUID()}/dismiss`)).status).toBe(404);
    expect((await post('/not-a-uuid/dismiss')).status).toBe(404);
  });

  it('is for admins only', async () => {
    await candidates().record(base());
    const [c] = (await list()).body.items;
    expect((await list('', k.agent)).status).toBe(403);
    expect((await list('', k.analyst)).status).toBe(403);
    expect((await post(`/${c.id}/dismiss`, undefined, k.agent)).status).toBe(403);
    expect((await list()).body.items[0].status).toBe('new');
  });
});
