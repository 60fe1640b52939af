import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStories, parseStories, STORIES_DIR, StoryFormatError } from './story.schema';

const one = `
name: 查物流 (zh)
language: zh
shopper: { customerRef: C100001 }
page: { productId: P1001 }
turns:
  - say: 我的快递到哪了
    expect:
      intent: track_order
      reply: KF100123
      slots: { order_number: KF100123 }
  - say: 谢谢
`;

describe('conversation story format', () => {
  it('reads one story per file, with defaults and single fragments turned into lists', () => {
    const [s] = parseStories(one, 'stories/zh/track.yaml');
    expect(s).toMatchObject({
      name: '查物流 (zh)',
      language: 'zh',
      orderSystem: 'up',
      tags: [],
      page: { productId: 'P1001' },
      shopper: { customerRef: 'C100001' },
      file: 'stories/zh/track.yaml',
      index: 0,
    });
    expect(s.turns[0].expect).toEqual({
      intent: ['track_order'],
      reply: ['KF100123'],
      slots: { order_number: 'KF100123' },
    });
    expect(s.turns[1].expect).toEqual({});
  });

  it('reads a list of stories in one file', () => {
    const list = `- { name: a, language: en, turns: [{ say: hi }] }\n- { name: b, language: en, orderSystem: down, turns: [{ say: yo }] }`;
    expect(parseStories(list, 'x.yaml').map((s) => [s.name, s.index, s.orderSystem])).toEqual([
      ['a', 0, 'up'],
      ['b', 1, 'down'],
    ]);
  });

  it('names the file, the story and the turn of a mistake', () => {
    const bad = `- { name: ok, language: ja, turns: [{ say: hi }] }\n- name: second\n  language: ja\n  turns:\n    - say: a\n    - say: b\n      expect: { replyNot: 3 }`;
    expect(() => parseStories(bad, 'ja/x.yaml')).toThrow(
      'ja/x.yaml: story 2 "second", turn 2 (say: "b"): expect.replyNot: expected a text or a list of texts',
    );
  });

  it('refuses unknown fields, so a typo does not silently check nothing', () => {
    expect(() =>
      parseStories('name: a\nlanguage: zh\nturns: [{ say: hi, expect: { reply_not: [x] } }]', 'a.yaml'),
    ).toThrow(/turn 1 \(say: "hi"\): expect: unknown field "reply_not"/);
    expect(() => parseStories('name: a\nlanguage: zh\nshoper: {}\nturns: [{ say: hi }]', 'a.yaml')).toThrow(
      /unknown field "shoper"/,
    );
  });

  it('refuses contradictions, a missing turn, an unknown language and broken YAML', () => {
    expect(() =>
      parseStories(
        'name: a\nlanguage: zh\nturns: [{ say: hi, expect: { noReply: true, reply: x } }]',
        'a.yaml',
      ),
    ).toThrow(/noReply: true contradicts/);
    expect(() => parseStories('name: a\nlanguage: zh\nturns: []', 'a.yaml')).toThrow(
      /turns: a story needs at least one turn/,
    );
    expect(() => parseStories('name: a\nlanguage: fr\nturns: [{ say: hi }]', 'a.yaml')).toThrow(/language:/);
    expect(() => parseStories('name: a\nturns: [{ say: hi }', 'a.yaml')).toThrow(/a.yaml: not valid YAML/);
    expect(() => parseStories('', 'a.yaml')).toThrow(StoryFormatError);
  });

  it('refuses a story whose language is not its folder', () => {
    expect(() => parseStories('name: a\nlanguage: en\nturns: [{ say: hi }]', 'stories/zh/a.yaml')).toThrow(
      'stories/zh/a.yaml: story "a": language is en but the file is in zh/',
    );
  });

  it('loads folders recursively, filters by language and name, and refuses duplicate names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stories-'));
    for (const l of ['zh', 'en']) mkdirSync(join(dir, l));
    writeFileSync(join(dir, 'zh', 'a.yaml'), 'name: 问候 (zh)\nlanguage: zh\nturns: [{ say: 你好 }]');
    writeFileSync(join(dir, 'en', 'b.yml'), 'name: Greeting (en)\nlanguage: en\nturns: [{ say: hi }]');
    writeFileSync(join(dir, 'en', 'notes.md'), 'not a story');
    expect(loadStories(dir).map((s) => s.name)).toEqual(['Greeting (en)', '问候 (zh)']);
    expect(loadStories(dir, { languages: ['zh'] }).map((s) => s.name)).toEqual(['问候 (zh)']);
    expect(loadStories(dir, { grep: 'GREET' }).map((s) => s.name)).toEqual(['Greeting (en)']);
    writeFileSync(join(dir, 'en', 'c.yaml'), 'name: Greeting (en)\nlanguage: en\nturns: [{ say: hello }]');
    expect(() => loadStories(dir)).toThrow(/story "Greeting \(en\)" has the same name as one in/);
    expect(() => loadStories(join(dir, 'missing'))).toThrow(/no such file or folder/);
  });

  it('accepts every story shipped in libs/api/dialogue/stories', () => {
    const stories = loadStories(STORIES_DIR);
    expect(stories.length).toBeGreaterThan(0);
    expect(new Set(stories.map((s) => s.language))).toEqual(new Set(['zh', 'en', 'ja']));
  });
});
