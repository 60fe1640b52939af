import { Gazetteer } from './gazetteer';
import { GAZETTEER_DATA_DIR, loadDefaultGazetteer } from './default-gazetteer';

describe('Gazetteer', () => {
  const gazetteer = Gazetteer.fromEntries([
    { type: 'brand', value: 'Nike', aliases: ['耐克', 'ナイキ'] },
    { type: 'brand', value: 'New Balance', aliases: ['新百伦'] },
    { type: 'product', value: 'sneakers', aliases: ['运动鞋', 'スニーカー', 'running shoes'] },
    { type: 'product', value: 'shoes', aliases: ['鞋'] },
    { type: 'product', value: 'dress', aliases: ['连衣裙'] },
  ]);

  it('finds brands and products in Chinese text with their offsets', () => {
    expect(gazetteer.match('耐克运动鞋有货吗')).toEqual([
      { type: 'brand', value: 'Nike', start: 0, end: 2 },
      { type: 'product', value: 'sneakers', start: 2, end: 5 },
    ]);
  });

  it('prefers the longest surface form (运动鞋 over 鞋)', () => {
    expect(gazetteer.match('运动鞋').map((m) => m.value)).toEqual(['sneakers']);
    expect(gazetteer.match('这双鞋').map((m) => m.value)).toEqual(['shoes']);
  });

  it('matches Latin names case-insensitively, full-width Latin included', () => {
    expect(gazetteer.match('NIKE or nike or Ｎｉｋｅ').map((m) => [m.start, m.end])).toEqual([
      [0, 4],
      [8, 12],
      [16, 20],
    ]);
  });

  it('matches Latin names only on word boundaries', () => {
    expect(gazetteer.match('Nikelab and snike')).toEqual([]);
    expect(gazetteer.match('new balance574')).toEqual([
      { type: 'brand', value: 'New Balance', start: 0, end: 11 },
    ]);
  });

  it('matches English plurals of product words', () => {
    expect(gazetteer.match('two dresses and running shoes').map((m) => m.value)).toEqual([
      'dress',
      'sneakers',
    ]);
  });

  it('lets entries added later override a surface form (the shop catalogue wins)', () => {
    const g = Gazetteer.fromEntries([{ type: 'brand', value: 'Apple', aliases: ['苹果'] }]);
    g.add([{ type: 'product', value: 'Fuji apple', aliases: ['苹果'] }]);
    expect(g.match('苹果')).toEqual([{ type: 'product', value: 'Fuji apple', start: 0, end: 2 }]);
    expect(g.size).toBe(2);
  });

  it('hides an entry inside a stopword', () => {
    const g = Gazetteer.fromEntries([
      { type: 'product', value: 'smartphone', aliases: ['手机'] },
    ]).addStopwords(['手机号']);
    expect(g.match('手机号是多少')).toEqual([]);
    expect(g.match('手机坏了')).toHaveLength(1);
  });

  it('ignores empty values and unknown types', () => {
    const g = Gazetteer.fromEntries([
      { type: 'brand', value: '  ' },
      { type: 'colour' as 'brand', value: 'red' },
    ]);
    expect(g.size).toBe(0);
    expect(g.match('red')).toEqual([]);
  });
});

describe('loadDefaultGazetteer', () => {
  const gazetteer = loadDefaultGazetteer();

  it('reads its data next to the source, relative to the library', () => {
    expect(GAZETTEER_DATA_DIR.replace(/\\/g, '/')).toMatch(/libs\/api\/nlu\/data\/gazetteer$/);
    expect(gazetteer.size).toBeGreaterThan(800);
  });

  it('knows common brands and products in zh, en and ja', () => {
    const found = (text: string) => gazetteer.match(text).map((m) => `${m.type}:${m.value}`);
    expect(found('华为手机和小米充电宝')).toEqual([
      'brand:Huawei',
      'product:smartphone',
      'brand:Xiaomi',
      'product:power bank',
    ]);
    expect(found('Uniqlo down jacket')).toEqual(['brand:Uniqlo', 'product:down jacket']);
    expect(found('ユニクロのダウンジャケット')).toEqual(['brand:Uniqlo', 'product:down jacket']);
    expect(found('樊文花面膜')).toEqual(['brand:樊文花', 'product:face mask']);
  });

  it('does not see products inside ordinary words', () => {
    expect(gazetteer.match('我的手机号是多少')).toEqual([]);
    expect(gazetteer.match('メールアドレスを変更したい')).toEqual([]);
    expect(gazetteer.match('我很好奇')).toEqual([]);
  });
});
