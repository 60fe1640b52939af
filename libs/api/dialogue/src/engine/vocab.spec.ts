import type { NluResult } from '@kefu/shared/contracts';
import { extractSlots } from './extract';
import { hasWords, isCancel, ordinal, pickLang, regionOf, variantLabel, yesNo } from './vocab';

const nlu = (entities: NluResult['entities'] = []): NluResult => ({
  language: 'zh',
  intent: 'track_order',
  confidence: 0.9,
  ranking: [],
  entities,
  emotion: { label: 'neutral', score: 0, signals: [] },
  truncated: false,
  modelVersion: 1,
});

describe('dialogue vocabulary', () => {
  it('reads yes and no in three languages, and nothing else as either', () => {
    for (const y of ['是的', '好的', '嗯嗯', 'yes please', 'OK', 'はい', 'お願いします', 'confirm:yes']) expect(yesNo(y)).toBe(true);
    for (const n of ['不是', '不用了', 'no', 'nope', 'いいえ', '結構です', 'confirm:no']) expect(yesNo(n)).toBe(false);
    for (const other of ['我的快递到哪了', 'where is my order KF100123', '黑色 M码']) expect(yesNo(other)).toBeNull();
  });

  it('takes "算了" as cancel but not "取消订单" (that is an intent)', () => {
    expect(isCancel('算了')).toBe(true);
    expect(isCancel('never mind')).toBe(true);
    expect(isCancel('やめます')).toBe(true);
    expect(isCancel('取消订单')).toBe(false);
    expect(isCancel('cancel my order')).toBe(false);
  });

  it('reads ordinal choices', () => {
    expect(ordinal('第二个')).toBe(1);
    expect(ordinal('the first one')).toBe(0);
    expect(ordinal('3')).toBe(2);
    expect(ordinal('我要查物流')).toBeNull();
  });

  it('picks the language of the message, else the conversation, else the channel locale', () => {
    expect(pickLang('ja', 'zh', 'zh-CN')).toBe('ja');
    expect(pickLang('und', 'en', 'zh-CN')).toBe('en');
    expect(pickLang('und', undefined, 'ja-JP')).toBe('ja');
    expect(regionOf('en-US', 'en')).toBe('US');
    expect(regionOf(null, 'ja')).toBe('JP');
  });

  it('labels a variant in the shopper language', () => {
    expect(variantLabel({ colour: 'black', size: 'M' }, 'zh')).toBe('黑色 / M');
    expect(variantLabel({ colour: 'black', storage: '256GB' }, 'en')).toBe('black, 256GB');
  });
});

describe('slot extraction', () => {
  it('fills several slots from one message ("黑色,256G")', () => {
    const slots = extractSlots('黑色,256G', nlu([
      { type: 'color', value: 'black', text: '黑色', start: 0, end: 2 },
      { type: 'storage', value: '256GB', text: '256G', start: 3, end: 7 },
    ]), null);
    expect(slots).toEqual({ colour: 'black', storage: '256GB' });
  });

  it('reads a bare order number or four digits only as the answer to the question asked', () => {
    expect(extractSlots('100123', nlu(), 'order_number')).toEqual({ order_number: '100123' });
    expect(extractSlots('100123', nlu(), null)).toEqual({});
    expect(extractSlots('5678', nlu(), 'phone_tail')).toEqual({ phone_tail: '5678' });
    expect(extractSlots('5678', nlu(), 'order_number')).toEqual({});
  });

  it('keeps only the last four digits of a full phone number', () => {
    expect(extractSlots('13812345678', nlu([{ type: 'phone', value: '+8613812345678', text: '13812345678', start: 0, end: 11 }]), 'phone_tail')).toEqual({ phone_tail: '5678' });
  });

  it('turns a relative date into a period ("我上周买的")', () => {
    const slots = extractSlots('我上周买的', nlu([{ type: 'date', value: '2026-11-09', text: '上周', start: 1, end: 3, meta: { from: '2026-11-09', to: '2026-11-15' } }]), null);
    expect(slots).toEqual({ date_from: '2026-11-09', date_to: '2026-11-15' });
  });
});

describe('words in a message', () => {
  it('finds none in an order number, a phone tail or digits alone', () => {
    expect(hasWords('KF102481', [{ type: 'order_number', start: 0, end: 8 }])).toBe(false);
    expect(hasWords('5963', [])).toBe(false);
    expect(hasWords('#KF102481 !', [{ type: 'order_number', start: 1, end: 9 }])).toBe(false);
    expect(hasWords('查KF102481', [{ type: 'order_number', start: 1, end: 9 }])).toBe(true);
    expect(hasWords('where is KF102481', [{ type: 'order_number', start: 9, end: 17 }])).toBe(true);
  });
});
