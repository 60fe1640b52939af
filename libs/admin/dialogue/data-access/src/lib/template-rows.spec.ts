import type { DialogueTemplateDto, TemplateLocale } from './dialogue-template';
import {
  EMPTY_TEMPLATE_FILTERS,
  familyOf,
  filterRows,
  groupRows,
  TemplateFamily,
  templateRows,
} from './template-rows';

let id = 0;
function t(key: string, locale: TemplateLocale, text: string, extra: Partial<DialogueTemplateDto> = {}) {
  id++;
  return {
    id: `id-${id}`,
    key,
    locale,
    region: null,
    text,
    quickReplies: null,
    variables: [],
    version: 1,
    updatedBy: null,
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...extra,
  } satisfies DialogueTemplateDto;
}

const templates: DialogueTemplateDto[] = [
  t('track_order.shipped', 'zh-CN', '亲，订单 {order_number} 已由 {carrier} 发出'),
  t('track_order.shipped', 'en', 'Order {order_number} has shipped with {carrier}.', {
    version: 4,
    updatedAt: '2026-11-20T00:00:00.000Z',
  }),
  t('track_order.shipped', 'ja', 'ご注文 {order_number} は {carrier} で発送済みです。'),
  t('track_order.shipped', 'ja', 'ご注文 {order_number} はヤマト運輸で発送済みです。', { region: 'JP' }),
  t('ask.order_number', 'en', 'Could you share your order number?'),
  t('ask.order_number', 'zh-CN', '请提供您的订单号'),
  t(
    'handoff.queue',
    'en',
    '{position, plural, one {There is # customer} other {There are # customers}} ahead.',
  ),
  t('topic.track_order', 'en', 'track an order'),
  t('dialogue.cancelled', 'en', "Okay, I've stopped that."),
  t('greeting', 'en', 'Hi! How can I help?'),
];

describe('familyOf', () => {
  it('reads the family from the key', () => {
    expect(familyOf('track_order')).toBe(TemplateFamily.Intent);
    expect(familyOf('track_order.shipped')).toBe(TemplateFamily.Intent);
    expect(familyOf('order.not_found')).toBe(TemplateFamily.Intent);
    expect(familyOf('ask.phone_tail')).toBe(TemplateFamily.Ask);
    expect(familyOf('verify.locked')).toBe(TemplateFamily.Verify);
    expect(familyOf('fallback.confirm')).toBe(TemplateFamily.Fallback);
    expect(familyOf('handoff.after_hours')).toBe(TemplateFamily.Handoff);
    expect(familyOf('system.order_system_down')).toBe(TemplateFamily.System);
    expect(familyOf('dialogue.resume')).toBe(TemplateFamily.System);
    expect(familyOf('topic.cancel_order')).toBe(TemplateFamily.Topic);
  });
});

describe('templateRows', () => {
  const rows = templateRows(templates);

  it('puts the three locales of a key side by side, its regional variant on a row of its own', () => {
    const shipped = rows.find((r) => r.id === 'track_order.shipped');
    expect(Object.keys(shipped?.templates ?? {}).sort()).toEqual(['en', 'ja', 'zh-CN']);
    const jp = rows.find((r) => r.id === 'track_order.shipped@JP');
    expect(jp?.region).toBe('JP');
    expect(Object.keys(jp?.templates ?? {})).toEqual(['ja']);
  });

  it('gives each row its variables, highest version and latest change', () => {
    const shipped = rows.find((r) => r.id === 'track_order.shipped');
    expect(shipped?.variables).toEqual(['order_number', 'carrier']);
    expect(shipped?.version).toBe(4);
    expect(shipped?.updatedAt).toBe('2026-11-20T00:00:00.000Z');
    expect(rows.find((r) => r.key === 'handoff.queue')?.variables).toEqual(['position']);
  });

  it('orders rows by family, then key, the general row before its variants', () => {
    expect(rows.map((r) => r.id)).toEqual([
      'greeting',
      'track_order.shipped',
      'track_order.shipped@JP',
      'ask.order_number',
      'handoff.queue',
      'dialogue.cancelled',
      'topic.track_order',
    ]);
  });
});

describe('filterRows', () => {
  const rows = templateRows(templates);
  const ids = (filters: Partial<typeof EMPTY_TEMPLATE_FILTERS>) =>
    filterRows(rows, { ...EMPTY_TEMPLATE_FILTERS, ...filters }).map((r) => r.id);

  it('finds a key by part of its name, in any case', () => {
    expect(ids({ q: 'SHIPPED' })).toEqual(['track_order.shipped', 'track_order.shipped@JP']);
  });

  it('finds a key by words of its text in any locale', () => {
    expect(ids({ q: 'ヤマト' })).toEqual(['track_order.shipped@JP']);
    expect(ids({ q: '订单号' })).toEqual(['ask.order_number']);
  });

  it('searches only the chosen locale when one is chosen', () => {
    expect(ids({ q: '订单号', locale: 'en' })).toEqual([]);
  });

  it('keeps general rows without a text in the chosen locale, so missing translations show', () => {
    expect(ids({ locale: 'ja' })).toContain('ask.order_number');
    expect(ids({ locale: 'en' })).not.toContain('track_order.shipped@JP');
  });

  it('narrows to one family', () => {
    expect(ids({ family: TemplateFamily.Topic })).toEqual(['topic.track_order']);
  });
});

describe('groupRows', () => {
  it('makes one section per family that has rows, in the families’ order', () => {
    const groups = groupRows(templateRows(templates));
    expect(groups.map((g) => [g.family, g.rows.length])).toEqual([
      [TemplateFamily.Intent, 3],
      [TemplateFamily.Ask, 1],
      [TemplateFamily.Handoff, 1],
      [TemplateFamily.System, 1],
      [TemplateFamily.Topic, 1],
    ]);
  });
});
