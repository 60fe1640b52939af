import { HumanEditDto, Page } from '@kefu/shared/contracts';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { AppModule } from '../../../../../apps/api/src/app.module';
import { HumanEditsService } from './human-edits.service';
import { call, people, resetApp } from './testing/workspace-test-kit';

describe('human-edit log (PostgreSQL)', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof people>>;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp((c) => AppModule.forRoot(c));
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetApp(t);
    staff = await people(t);
    const [inbox] = await t.db.query(
      `INSERT INTO inboxes (name, channel, secret) VALUES ('Web', 'api', 's') RETURNING id`,
    );
    const [contact] = await t.db.query(`INSERT INTO contacts (name) VALUES ('Shopper') RETURNING id`);
    const [conv] = await t.db.query(
      `INSERT INTO conversations (inbox_id, contact_id, status) VALUES ($1, $2, 'human') RETURNING id`,
      [inbox.id, contact.id],
    );
    ids = [];
    // Five edits, one a second apart (oldest first).
    for (let i = 0; i < 5; i++) {
      const [m] = await t.db.query(
        `INSERT INTO messages (conversation_id, inbox_id, direction, sender_type, text, status, sent_at) VALUES ($1, $2, 'outgoing', 'agent', $3, 'sent', now()) RETURNING id`,
        [conv.id, inbox.id, `edited ${i}`],
      );
      const [h] = await t.db.query(
        `INSERT INTO human_edits (conversation_id, message_id, agent_id, question, intent, language, suggested, edited, source, created_at)
         VALUES ($1, $2, $3, $4, 'return_policy', 'en', $5, $6, 'template', now() - make_interval(secs => $7)) RETURNING id`,
        [conv.id, m.id, staff.alice.id, `question ${i}`, `suggested ${i}`, `edited ${i}`, 5 - i],
      );
      ids.push(h.id);
    }
  });

  const list = (qs = '', cookie = staff.admin.cookie) =>
    call<Page<HumanEditDto>>(t, 'GET', `/api/v1/handoff/human-edits${qs}`, cookie);

  it('lists the edits newest first, a page at a time, with the agent and both texts', async () => {
    const first = await list('?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.items.map((e) => e.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(first.body.items[0]).toMatchObject({
      question: 'question 4',
      suggested: 'suggested 4',
      edited: 'edited 4',
      intent: 'return_policy',
      agent: { id: staff.alice.id, name: 'Alice' },
      status: 'new',
    });
    const second = await list(`?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e) => e.id)).toEqual([ids[1], ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await list('?cursor=garbage')).status).toBe(400);
    expect((await list('?status=bogus')).status).toBe(400);
  });

  it('is for managers only', async () => {
    expect((await list('', staff.alice.cookie)).status).toBe(403);
    expect((await list('', staff.analyst.cookie)).status).toBe(403);
    expect(
      (await call(t, 'POST', `/api/v1/handoff/human-edits/${ids[0]}/dismiss`, staff.alice.cookie)).status,
    ).toBe(403);
  });

  it('dismisses an edit once, audited, and filters by status', async () => {
    const res = await call<HumanEditDto>(
      t,
      'POST',
      `/api/v1/handoff/human-edits/${ids[0]}/dismiss`,
      staff.admin.cookie,
    );
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('dismissed');
    const again = await call(t, 'POST', `/api/v1/handoff/human-edits/${ids[0]}/dismiss`, staff.admin.cookie);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/dismissed/);
    expect((await list('?status=dismissed')).body.items.map((e) => e.id)).toEqual([ids[0]]);
    expect((await list('?status=new')).body.items).toHaveLength(4);
    const audit = await t.db.query(
      `SELECT actor_id, target_id, data FROM audit_log WHERE action = 'human_edit.dismissed'`,
    );
    expect(audit).toEqual([
      { actor_id: staff.admin.id, target_id: ids[0], data: expect.objectContaining({ status: 'dismissed' }) },
    ]);
    expect(
      (
        await call(
          t,
          'POST',
          `/api/v1/handoff/human-edits/00000000-0000-4000-8000-000000000000/dismiss`,
          staff.admin.cookie,
        )
      ).status,
    ).toBe(404);
    expect(
      (await call(t, 'POST', `/api/v1/handoff/human-edits/nope/dismiss`, staff.admin.cookie)).status,
    ).toBe(404);
  });

  it('marks an edit sent to the knowledge base once; a sent edit cannot be dismissed', async () => {
    const edits = t.app.get(HumanEditsService);
    const sent = await edits.markSent(ids[1], 'sent_to_knowledge', '42', staff.admin.id);
    expect(sent).toMatchObject({ status: 'sent_to_knowledge', targetId: '42' });
    await expect(edits.markSent(ids[1], 'sent_to_training', 'x', staff.admin.id)).rejects.toMatchObject({
      status: 409,
    });
    const dismiss = await call(
      t,
      'POST',
      `/api/v1/handoff/human-edits/${ids[1]}/dismiss`,
      staff.admin.cookie,
    );
    expect(dismiss.status).toBe(409);
    expect(dismiss.body.message).toMatch(/already sent/);
    expect(
      await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'human_edit.sent' AND target_id = $1`,
        [ids[1]],
      ),
    ).toEqual([{ n: 1 }]);
    expect((await edits.get(ids[2])).status).toBe('new');
  });
});
