import { flattenToText, Reply } from './reply';
import {
  formatMoney,
  parseTemplate,
  renderTemplate,
  TemplateSyntaxError,
  TemplateVariableError,
  templateVariables,
} from './template-renderer';

const render = (source: string, vars: Record<string, unknown>, locale = 'en', strict = true) =>
  renderTemplate(source, vars as never, { locale, strict, timeZone: 'UTC' });

describe('renderTemplate', () => {
  it('fills {name} variables', () => {
    expect(render('订单 {order_number} 已发货', { order_number: 'KF1001' }, 'zh-CN')).toBe(
      '订单 KF1001 已发货',
    );
  });

  it('chooses the English plural by count, with # as the formatted number', () => {
    const t = 'You have {count, plural, =0 {no items} one {# item} other {# items}} in your cart';
    expect(render(t, { count: 0 })).toBe('You have no items in your cart');
    expect(render(t, { count: 1 })).toBe('You have 1 item in your cart');
    expect(render(t, { count: 1200 })).toBe('You have 1,200 items in your cart');
  });

  it('uses the locale plural rules: Chinese and Japanese have only "other"', () => {
    const t = '{count, plural, one {ONE} other {# 件}}';
    expect(render(t, { count: 1 }, 'zh-CN')).toBe('1 件');
    expect(render(t, { count: 1 }, 'ja-JP')).toBe('1 件');
    expect(render('{n, plural, one {# día} other {# días}}', { n: 1 }, 'es')).toBe('1 día');
  });

  it('renders variables nested inside plural cases', () => {
    const t = '{count, plural, one {# parcel for {name}} other {# parcels for {name}}}';
    expect(render(t, { count: 2, name: 'Li' })).toBe('2 parcels for Li');
  });

  it('formats money from minor units in the currency and locale', () => {
    expect(render('{amount, currency}', { amount: { amountMinor: 12900, currency: 'CNY' } }, 'zh-CN')).toBe(
      '¥129.00',
    );
    expect(render('{amount, currency}', { amount: { amountMinor: 1999, currency: 'USD' } }, 'en-US')).toBe(
      '$19.99',
    );
    // Yen have no minor unit: 1500 is ¥1,500, not ¥15.
    expect(render('{amount, currency}', { amount: { amountMinor: 1500, currency: 'JPY' } }, 'ja-JP')).toBe(
      '￥1,500',
    );
    expect(formatMoney({ amountMinor: 123456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
  });

  it('formats dates per locale and time zone', () => {
    const date = new Date('2026-03-05T20:00:00Z');
    expect(render('{d, date}', { d: date }, 'en-US')).toBe('Mar 5, 2026');
    expect(render('{d, date}', { d: date }, 'zh-CN')).toBe('2026年3月5日');
    expect(render('{d, date}', { d: date }, 'ja-JP')).toBe('2026/03/05');
    expect(render('{d, date, long}', { d: '2026-03-05T20:00:00Z' }, 'ja-JP')).toBe('2026年3月5日');
    // 20:00 UTC is already the next day in Shanghai.
    expect(renderTemplate('{d, date}', { d: date }, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })).toBe(
      '2026年3月6日',
    );
  });

  it('formats numbers per locale', () => {
    expect(render('{n, number}', { n: 1234567.5 }, 'en')).toBe('1,234,567.5');
    expect(render('{n, number}', { n: 1234567.5 }, 'de-DE')).toBe('1.234.567,5');
  });

  it('throws a clear error for a missing variable in strict mode', () => {
    expect(() => render('Hi {name}', {})).toThrow(TemplateVariableError);
    expect(() => render('Hi {name}', {})).toThrow('template variable "name" is missing in "Hi {name}"');
    expect(() => render('{n, plural, other {#}}', {})).toThrow(TemplateVariableError);
    expect(() => render('{a, currency}', { a: 12 })).toThrow(TemplateVariableError);
  });

  it('renders a missing variable as empty and reports its name when not strict', () => {
    const missing: string[] = [];
    const out = renderTemplate(
      '订单 {order_number} 已发货',
      {},
      { locale: 'zh-CN', onMissing: (n) => missing.push(n) },
    );
    expect(out).toBe('订单  已发货');
    expect(missing).toEqual(['order_number']);
  });

  it('keeps apostrophes in text and quotes literal braces', () => {
    expect(render("We'll ship it, {name}", { name: 'Ann' })).toBe("We'll ship it, Ann");
    expect(render("Use '{'code'}' here", {})).toBe('Use {code} here');
  });

  it('rejects malformed templates with the position', () => {
    expect(() => parseTemplate('Hi {name')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate('{n, plural, one {x}}')).toThrow('needs an "other" case');
    expect(() => parseTemplate('{n, money}')).toThrow('unknown format "money"');
    expect(() => parseTemplate('oops }')).toThrow('unexpected "}"');
  });

  it('lists the variables a template uses', () => {
    expect(templateVariables('{a} {n, plural, other {# {b}}} {c, date}')).toEqual(['a', 'n', 'b', 'c']);
  });
});

describe('flattenToText', () => {
  const reply: Reply = {
    text: '亲,您的订单已发货~',
    cards: [
      {
        type: 'order_summary',
        orderNumber: 'KF1001',
        status: '已发货',
        items: [
          { name: '纯棉T恤 黑色 M', quantity: 2 },
          { name: '帆布鞋', quantity: 1 },
        ],
        total: '¥258.00',
        carrier: '顺丰',
        trackingNumber: 'SF123',
        eta: '2026年3月6日',
      },
      { type: 'product', productId: 'p1', title: '纯棉T恤', price: '¥79.00', attributes: { 颜色: '黑色' } },
    ],
    quickReplies: [
      { label: '查物流', payload: 'track_order' },
      { label: '转人工客服', payload: 'contact_human_agent' },
    ],
  };

  it('turns cards and quick replies into text a WeChat or SMS user can read and answer', () => {
    expect(flattenToText(reply, 'zh-CN')).toBe(
      [
        '亲,您的订单已发货~',
        '',
        '订单号:KF1001',
        '状态:已发货',
        '商品:纯棉T恤 黑色 M × 2, 帆布鞋',
        '合计:¥258.00',
        '物流:顺丰 SF123',
        '预计送达:2026年3月6日',
        '',
        '纯棉T恤',
        '价格:¥79.00',
        '颜色 黑色',
        '',
        '您可以回复序号选择:',
        '1. 查物流',
        '2. 转人工客服',
      ].join('\n'),
    );
  });

  it('labels the blocks in English by default and leaves out what is not there', () => {
    expect(
      flattenToText({
        text: 'Here it is',
        cards: [{ type: 'order_summary', orderNumber: 'A1', status: 'Paid', items: [] }],
      }),
    ).toBe('Here it is\n\nOrder: A1\nStatus: Paid');
    expect(flattenToText({ text: 'Just text' }, 'ja')).toBe('Just text');
  });
});
