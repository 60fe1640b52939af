import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '@kefu/api/platform/testing';
import { knowledgeRoot } from '../testing/knowledge-test-kit';
import { similarityText } from './similarity-text';
import { similarity, TrigramQuery } from './trigram';

/** Retrieval computes pg_trgm's similarity() in Node: it must agree with the extension. */
describe('trigram similarity in Node', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(knowledgeRoot);
  });
  afterAll(() => t.close());

  it('equals pg_trgm similarity() on the demo FAQ against the paraphrase set, in all three languages', async () => {
    const faq = readFileSync(join(__dirname, '../../data/demo-faq.json'), 'utf8');
    const texts: { text: string; locale: string }[] = [];
    JSON.parse(faq, (_k, v: unknown) => {
      if (typeof v === 'string' && v.length > 1 && v.length < 80)
        texts.push({
          text: v,
          locale: /[\u3040-\u30ff]/.test(v) ? 'ja' : /\p{Script=Han}/u.test(v) ? 'zh-CN' : 'en',
        });
      return v;
    });
    const paraphrases = readFileSync(
      join(__dirname, '../../../../../bench/knowledge/paraphrases.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { query: string; locale: string });
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const p = paraphrases[i % paraphrases.length];
      const x = texts[(i * 7) % texts.length];
      a.push(similarityText(p.query, p.locale));
      b.push(similarityText(x.text, x.locale));
    }
    a.push('退货 货运 运费 费谁 谁出', 'refund', '', 'a b c');
    b.push('退货 货运 运费 费说 说明', 'refnd', 'x', 'a b c');
    const rows = (await t.db.query(
      `SELECT similarity(x, y) AS s FROM unnest($1::text[], $2::text[]) AS u(x, y)`,
      [a, b],
    )) as { s: number }[];
    let nonzero = 0;
    rows.forEach((r, i) => {
      expect(Math.abs(similarity(a[i], b[i]) - Number(r.s))).toBeLessThan(1e-6);
      if (Number(r.s) > 0) nonzero++;
    });
    expect(nonzero).toBeGreaterThan(300);
  });

  it('bounds the similarity by the texts’ sizes', () => {
    const q = new TrigramQuery(similarityText('退货运费谁出'));
    for (const text of ['退货', '退货运费说明', '运费', 'x']) {
      const form = similarityText(text);
      expect(q.similarity(form)).toBeLessThanOrEqual(q.upperBound(form) + 1e-12);
    }
    expect(q.similarity(similarityText('退货运费谁出'))).toBe(1);
  });
});
