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
