import { previewText, renderPreview, sampleValues } from './template-preview';
import { TemplateTextError } from './template-text';

const NOW = new Date('2026-11-21T04:00:00Z');

describe('renderPreview', () => {
  it('puts the sample order number in and marks it as a variable', () => {
    const segments = renderPreview('Order {order_number} is on its way.', 'en', { now: NOW });
    expect(previewText(segments)).toBe('Order KF100123 is on its way.');
    expect(segments).toContainEqual({ text: 'KF100123', variable: 'order_number' });
  });

  it('formats money and dates for the template locale', () => {
    expect(previewText(renderPreview('{amount, currency}', 'zh-CN', { now: NOW }))).toBe('¥129.00');
    expect(previewText(renderPreview('{amount, currency}', 'en', { now: NOW }))).toBe('$29.90');
    expect(previewText(renderPreview('{amount, currency}', 'ja', { now: NOW }))).toBe('￥3,980');
    expect(previewText(renderPreview('{eta, date}', 'en', { now: NOW }))).toBe('Nov 24, 2026');
    expect(previewText(renderPreview('{eta, date}', 'zh-CN', { now: NOW }))).toBe('2026年11月24日');
  });

  it('chooses the plural case for the sample count and fills in #', () => {
    const text = '{position, plural, one {There is # customer} other {There are # customers}} ahead.';
    expect(previewText(renderPreview(text, 'en', { now: NOW }))).toBe('There are 2 customers ahead.');
    expect(previewText(renderPreview(text, 'en', { now: NOW, values: { position: 1 } }))).toBe(
      'There is 1 customer ahead.',
    );
    expect(previewText(renderPreview('还有 {count, plural, other {# 件}}', 'zh-CN', { now: NOW }))).toBe(
      '还有 3 件',
    );
  });

  it('uses samples in the language of the template', () => {
    expect(previewText(renderPreview('{carrier}', 'zh-CN'))).toBe('顺丰速运');
    expect(previewText(renderPreview('{carrier}', 'ja'))).toBe('ヤマト運輸');
  });

  it('leaves a variable it has no sample for as written, marked missing', () => {
    const segments = renderPreview('Hi {nickname}!', 'en');
    expect(previewText(segments)).toBe('Hi {nickname}!');
    expect(segments[1]).toEqual({ text: '{nickname}', variable: 'nickname', missing: true });
  });

  it('throws TemplateTextError for a text that does not parse', () => {
    expect(() => renderPreview('Order {order_number', 'en')).toThrow(TemplateTextError);
  });

  it('has a sample for every variable of the shipped templates', () => {
    const shipped = [
      'order_number',
      'tracking_number',
      'rma_number',
      'carrier',
      'status',
      'last_event',
      'product',
      'variant',
      'size',
      'value',
      'brand',
      'material',
      'query',
      'topic',
      'reason',
      'hours',
      'promotions',
      'options',
      'advice',
      'explanation',
      'count',
      'days',
      'months',
      'position',
      'eta',
      'date',
      'ship_date',
      'restock_date',
      'delivered_at',
      'amount',
      'total',
      'price',
      'saved',
      'free_threshold',
    ];
    for (const locale of ['zh-CN', 'en', 'ja']) {
      const values = sampleValues(locale, NOW);
      expect(shipped.filter((name) => values[name] === undefined || values[name] === '')).toEqual([]);
    }
  });
});
