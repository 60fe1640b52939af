import { cardSummary, cardView, contrastRatio, formatReply, linkify, safeUrl, themeColors } from './cards';
import { STRINGS } from './i18n';
import type { OrderSummaryCard, ProductCard, ReplyCard } from './protocol';

const BASE = 'https://cs.example.com/kefu';
const order: OrderSummaryCard = {
  type: 'order_summary',
  orderNumber: 'KF100042',
  status: '已发货',
  items: [
    { name: '纯棉T恤', quantity: 2 },
    { name: '帆布鞋', quantity: 1 },
  ],
  total: '¥258.00',
  carrier: '顺丰速运',
  trackingNumber: 'SF1234567890',
  eta: '11月25日',
  url: 'https://shop.example.com/orders/KF100042',
};
const product: ProductCard = {
  type: 'product',
  productId: 'P1001',
  title: 'Nimbus Light Jacket',
  price: '¥399.00',
  imageUrl: '/api/v1/uploads/abc',
  url: 'javascript:alert(1)',
  attributes: { Colour: 'Black', Size: 'M', Empty: '' },
  availability: 'In stock',
};

describe('cards as the widget shows them', () => {
  it('shows an order with its status, items, total, parcel and delivery date in the shopper’s language', () => {
    const v = cardView(order, STRINGS['zh-CN'], BASE);
    expect(v).toEqual({
      kind: 'order',
      title: '订单 KF100042',
      badge: '已发货',
      lines: [
        { value: '纯棉T恤 × 2' },
        { value: '帆布鞋 × 1' },
        { label: '合计', value: '¥258.00' },
        { label: '单号', value: '顺丰速运 SF1234567890' },
        { label: '预计送达', value: '11月25日' },
      ],
      link: { href: 'https://shop.example.com/orders/KF100042', label: '查看订单' },
    });
    if (!v) throw new Error('no card view');
    expect(cardSummary(v)).toBe(
      '订单 KF100042, 已发货, 纯棉T恤 × 2, 帆布鞋 × 1, 合计: ¥258.00, 单号: 顺丰速运 SF1234567890, 预计送达: 11月25日',
    );
  });

  it('shows a product with its price, availability and attributes, and drops a script link', () => {
    const v = cardView(product, STRINGS.en, BASE);
    expect(v).toMatchObject({
      kind: 'product',
      title: 'Nimbus Light Jacket',
      price: '¥399.00',
      badge: 'In stock',
      imageUrl: 'https://cs.example.com/api/v1/uploads/abc',
      lines: [
        { label: 'Colour', value: 'Black' },
        { label: 'Size', value: 'M' },
      ],
    });
    expect(v?.link).toBeUndefined();
  });

  it('copes with partial or unknown cards instead of breaking the message', () => {
    expect(
      cardView(
        { type: 'order_summary', orderNumber: 'KF1', status: '', items: undefined } as unknown as ReplyCard,
        STRINGS.en,
        BASE,
      ),
    ).toEqual({
      kind: 'order',
      title: 'Order KF1',
      badge: undefined,
      lines: [],
      link: undefined,
    });
    expect(cardView({ type: 'carousel' } as unknown as ReplyCard, STRINGS.en, BASE)).toBeNull();
    expect(cardView(null as unknown as ReplyCard, STRINGS.en, BASE)).toBeNull();
  });

  it('only lets web links through, resolved against the Kefu server', () => {
    expect(safeUrl('/api/v1/uploads/1', BASE)).toBe('https://cs.example.com/api/v1/uploads/1');
    expect(safeUrl('http://a.example/x', BASE)).toBe('http://a.example/x');
    for (const bad of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'data:text/html,<script>',
      'vbscript:x',
      '',
      null,
      42,
    ])
      expect(safeUrl(bad, BASE)).toBeUndefined();
  });
});

describe('links in plain text', () => {
  it('makes web addresses clickable and leaves the rest as text', () => {
    expect(linkify('Track it at https://t.example/SF123. Thanks!')).toEqual([
      { text: 'Track it at ' },
      { text: 'https://t.example/SF123', href: 'https://t.example/SF123' },
      { text: '. Thanks!' },
    ]);
    expect(linkify('物流：https://t.example/a?b=1，请查收')).toEqual([
      { text: '物流：' },
      { text: 'https://t.example/a?b=1', href: 'https://t.example/a?b=1' },
      { text: '，请查收' },
    ]);
  });

  it('marks the bold runs of a Markdown answer, and nothing else', () => {
    expect(
      formatReply('Return within **7 days of delivery**, see https://s.example/r. **Note**: a*b'),
    ).toEqual([
      { text: 'Return within ' },
      { text: '7 days of delivery', bold: true },
      { text: ', see ' },
      { text: 'https://s.example/r', href: 'https://s.example/r' },
      { text: '. ' },
      { text: 'Note', bold: true },
      { text: ': a*b' },
    ]);
    expect(formatReply('2 ** 3 and ** spaced **')).toEqual([{ text: '2 ** 3 and ** spaced **' }]);
    expect(formatReply('<b>**x**</b>')).toEqual([
      { text: '<b>' },
      { text: 'x', bold: true },
      { text: '</b>' },
    ]);
  });

  it('never turns markup or other schemes into links', () => {
    expect(linkify('<a href="javascript:alert(1)">x</a>')).toEqual([
      { text: '<a href="javascript:alert(1)">x</a>' },
    ]);
    expect(linkify('')).toEqual([]);
  });
});

describe('theme colours', () => {
  it('puts white text on dark brand colours and dark text on light ones, readable either way', () => {
    expect(themeColors('#3f51b5').onBrand).toBe('#ffffff');
    expect(themeColors('#ffeb3b').onBrand).toBe('#000000');
    for (const c of [
      '#3f51b5',
      '#ffeb3b',
      '#00897b',
      '#c2185b',
      '#808080',
      '#ff0000',
      '#ffffff',
      '#000000',
    ]) {
      const t = themeColors(c);
      expect(contrastRatio(t.brand, t.onBrand)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(t.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('falls back to the default colour for anything that is not #rrggbb', () => {
    expect(themeColors('red;background:url(x)').brand).toBe('#3f51b5');
    expect(themeColors(undefined).brand).toBe('#3f51b5');
    expect(themeColors('#ABCDEF').brand).toBe('#abcdef');
  });
});
