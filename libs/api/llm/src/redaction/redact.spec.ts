import { PII_HOLDOUT } from './pii-holdout-samples';
import { PII_SAMPLES } from './pii-samples';
import { redact, redactDeep, redactFor, restore, restoreDeep } from './redact';

describe('redact', () => {
  it('replaces each kind by a numbered placeholder', () => {
    const r = redact(
      '电话13812345678，邮箱a@b.cn，身份证11010519491231002X，卡4111111111111111，寄到上海市浦东新区世纪大道100号',
    );
    expect(r.text).toBe('电话⟦PHONE_1⟧，邮箱⟦EMAIL_1⟧，身份证⟦ID_1⟧，卡⟦CARD_1⟧，寄到⟦ADDRESS_1⟧');
    expect(r.map.get('⟦PHONE_1⟧')).toBe('13812345678');
    expect(r.map.get('⟦ADDRESS_1⟧')).toBe('上海市浦东新区世纪大道100号');
  });

  it('numbers placeholders per kind and gives a repeated value the same placeholder', () => {
    const r = redact('13812345678 or 13912345678? 13812345678! x@y.com');
    expect(r.text).toBe('⟦PHONE_1⟧ or ⟦PHONE_2⟧? ⟦PHONE_1⟧! ⟦EMAIL_1⟧');
    expect(r.map.size).toBe(3);
  });

  it('keeps placeholders stable across the turns of a conversation without changing the earlier map', () => {
    const first = redact('my phone is 13812345678');
    const second = redact('call 13912345678 not 13812345678', first.map);
    expect(second.text).toBe('call ⟦PHONE_2⟧ not ⟦PHONE_1⟧');
    expect(first.map.size).toBe(1);
    expect(second.map.size).toBe(2);
  });

  it('leaves a text without personal data unchanged', () => {
    const text = '订单KF100123什么时候发货？2024-01-15 付了¥299.00';
    expect(redact(text).text).toBe(text);
  });

  it('turns placeholder brackets typed by the shopper into look-alikes that are never restored', () => {
    const first = redact('13812345678');
    const r = redact('what is ⟦PHONE_1⟧?', first.map);
    expect(r.text).toBe('what is 〚PHONE_1〛?');
    expect(restore(r.text, r.map)).toBe('what is 〚PHONE_1〛?');
  });

  it.each([...PII_SAMPLES, ...PII_HOLDOUT].map((s) => [s.text]))('round-trips %p exactly', (text) => {
    const r = redact(text);
    expect(restore(r.text, r.map)).toBe(text);
    for (const value of r.map.values()) expect(r.text).not.toContain(value);
  });
});

describe('redactFor', () => {
  it('masks when masking is on, and leaves the values as written (and the map untouched) when it is off', () => {
    const text = '电话13812345678，邮箱a@b.cn';
    expect(redactFor(true, text)).toEqual(redact(text));
    const prior = redact('13912345678').map;
    const off = redactFor(false, `${text} ⟦PHONE_1⟧`, prior);
    expect(off.text).toBe('电话13812345678，邮箱a@b.cn 〚PHONE_1〛');
    expect([...off.map]).toEqual([...prior]);
    expect(restore(off.text, off.map)).toBe(off.text);
  });
});

describe('restore', () => {
  const { map } = redact('13812345678 a@b.cn');

  it('puts the originals back into a reply, wherever and however often the model used them', () => {
    expect(restore('已记下⟦PHONE_1⟧，确认邮件发到⟦EMAIL_1⟧；⟦PHONE_1⟧', map)).toBe(
      '已记下13812345678，确认邮件发到a@b.cn；13812345678',
    );
  });

  it('tolerates spaces inside the brackets and leaves unknown placeholders as they are', () => {
    expect(restore('⟦ PHONE_1 ⟧ ⟦PHONE_9⟧ ⟦FOO_1⟧', map)).toBe('13812345678 ⟦PHONE_9⟧ ⟦FOO_1⟧');
  });
});

describe('restoreDeep', () => {
  const { map } = redact('13812345678 a@b.cn 上海市浦东新区世纪大道100号');

  it('restores tool arguments in nested objects and arrays and leaves other values alone', () => {
    const args = {
      phone: '⟦PHONE_1⟧',
      contacts: ['⟦EMAIL_1⟧', { note: 'ship to ⟦ADDRESS_1⟧' }],
      quantity: 2,
      gift: false,
      coupon: null,
    };
    expect(restoreDeep(args, map)).toEqual({
      phone: '13812345678',
      contacts: ['a@b.cn', { note: 'ship to 上海市浦东新区世纪大道100号' }],
      quantity: 2,
      gift: false,
      coupon: null,
    });
    expect(args.phone).toBe('⟦PHONE_1⟧');
  });

  it('restores a bare string', () => {
    expect(restoreDeep('⟦EMAIL_1⟧', map)).toBe('a@b.cn');
  });
});

describe('redactDeep', () => {
  it('redacts a tool result with the conversation map, reusing known placeholders', () => {
    const prior = redact('13812345678').map;
    const { value, map } = redactDeep(
      { order: 'KF100123', phone: '13812345678', email: 'c@d.jp', lines: [{ sku: 'A-1', qty: 1 }] },
      prior,
    );
    expect(value).toEqual({
      order: 'KF100123',
      phone: '⟦PHONE_1⟧',
      email: '⟦EMAIL_1⟧',
      lines: [{ sku: 'A-1', qty: 1 }],
    });
    expect(restoreDeep(value, map)).toEqual({
      order: 'KF100123',
      phone: '13812345678',
      email: 'c@d.jp',
      lines: [{ sku: 'A-1', qty: 1 }],
    });
  });
});
