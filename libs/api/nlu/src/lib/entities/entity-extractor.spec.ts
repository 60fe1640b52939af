import type { EntityType, NluEntity, NluLanguage } from '@kefu/shared/contracts';
import { loadDefaultGazetteer } from './default-gazetteer';
import { EntityExtractor } from './entity-extractor';

const extractor = new EntityExtractor(loadDefaultGazetteer());
/** Monday 25 November 2024, 10:00 local time. */
const now = new Date(2024, 10, 25, 10, 0);

function extract(text: string, language: NluLanguage = 'zh'): NluEntity[] {
  return extractor.extract(text, { now, language });
}

function ofType(text: string, type: EntityType, language: NluLanguage = 'zh'): NluEntity[] {
  return extract(text, language).filter((e) => e.type === type);
}

function values(text: string, type: EntityType, language: NluLanguage = 'zh'): string[] {
  return ofType(text, type, language).map((e) => e.value);
}

describe('EntityExtractor', () => {
  describe('order and tracking numbers', () => {
    it('reads alphanumeric order ids and long digit strings', () => {
      expect(values('我的订单号是SO20241125001', 'order_number')).toEqual(['SO20241125001']);
      expect(values('DD2311187766 还没发货', 'order_number')).toEqual(['DD2311187766']);
      expect(values('帮我查 2024112509123456', 'order_number')).toEqual(['2024112509123456']);
      expect(values('order #A1029 is late', 'order_number', 'en')).toEqual(['A1029']);
      expect(values('order 12345678 please', 'order_number', 'en')).toEqual(['12345678']);
      expect(values('注文番号：250-1234567-1234567', 'order_number', 'ja')).toEqual(['250-1234567-1234567']);
    });

    it('reads short ids only when an order keyword comes first', () => {
      expect(values('订单号 123456 能改地址吗', 'order_number')).toEqual(['123456']);
      expect(values('我有 123456 个问题', 'order_number')).toEqual([]);
    });

    it('reads carrier tracking numbers and never reports them as orders too', () => {
      const entities = extract('快递单号SF1234567890123，订单SO20241125001');
      expect(entities.map((e) => [e.type, e.value])).toEqual([
        ['tracking_number', 'SF1234567890123'],
        ['order_number', 'SO20241125001'],
      ]);
      expect(values('tracking 1Z999AA10123456784', 'tracking_number', 'en')).toEqual(['1Z999AA10123456784']);
      expect(values('运单号：773098765432109', 'tracking_number')).toEqual(['773098765432109']);
      expect(values('追跡番号 1234-5678-9012 です', 'tracking_number', 'ja')).toEqual(['1234-5678-9012']);
      expect(values('申通单号773312345678901', 'order_number')).toEqual([]);
    });

    it('does not take product codes for orders', () => {
      expect(extract('商品编号100012345678还有货吗').filter((e) => e.type === 'order_number')).toEqual([]);
    });
  });

  describe('phones', () => {
    it('reads Chinese mobiles with spaces, dashes and +86, as digits', () => {
      expect(values('电话 138 1234 5678', 'phone')).toEqual(['13812345678']);
      expect(values('手机138-1234-5678', 'phone')).toEqual(['13812345678']);
      expect(values('+86 13812345678', 'phone')).toEqual(['+8613812345678']);
    });

    it('reads Japanese and international numbers', () => {
      expect(values('電話番号は090-1234-5678です', 'phone', 'ja')).toEqual(['09012345678']);
      expect(values('call +1 (415) 555-0132', 'phone', 'en')).toEqual(['+14155550132']);
      expect(values('客服电话400-820-8820', 'phone')).toEqual(['4008208820']);
    });

    it('never reports a phone number as an order number', () => {
      const entities = extract('收件人手机13812345678');
      expect(entities.map((e) => e.type)).toEqual(['phone']);
    });

    it('reads phone tails after 尾号, ending in and 下4桁', () => {
      expect(values('尾号1234的订单', 'phone_tail')).toEqual(['1234']);
      expect(values('手机尾号是5678', 'phone_tail')).toEqual(['5678']);
      expect(values('my phone ending in 4412', 'phone_tail', 'en')).toEqual(['4412']);
      expect(values('下4桁1234の番号', 'phone_tail', 'ja')).toEqual(['1234']);
    });

    it('treats the 12315 complaints hotline as neither phone nor order', () => {
      expect(extract('我要打12315投诉')).toEqual([]);
      expect(extract('order 12315')).toEqual([]);
    });
  });

  it('reads e-mail addresses, lower-cased, with or without digits', () => {
    expect(values('邮箱 Wang.Li@QQ.com 谢谢', 'email')).toEqual(['wang.li@qq.com']);
    expect(values('send it to billing@acme-shop.co.uk.', 'email', 'en')).toEqual(['billing@acme-shop.co.uk']);
    expect(values('メール：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'email', 'ja')).toEqual(['taro@example.jp']);
  });

  describe('money', () => {
    it('reads prices in yuan, dollars, euros and yen with their currency', () => {
      expect(values('¥59 和 99元 和 12块 和 人民币1299', 'money')).toEqual([
        'CNY 59',
        'CNY 99',
        'CNY 12',
        'CNY 1299',
      ]);
      expect(values('paid $30, then 20 dollars, then USD 15 and €20', 'money', 'en')).toEqual([
        'USD 30',
        'USD 20',
        'USD 15',
        'EUR 20',
      ]);
      expect(values('3000円です', 'money', 'ja')).toEqual(['JPY 3000']);
      expect(values('￥5,980で買いました', 'money', 'ja')).toEqual(['JPY 5980']);
      expect(values('退我五十块', 'money')).toEqual(['CNY 50']);
    });

    it('gives amount and currency in meta', () => {
      expect(ofType('退款259.9元', 'money')[0].meta).toEqual({ amount: 259.9, currency: 'CNY' });
    });

    it('splits 满300减50 into a threshold and a discount', () => {
      const money = ofType('满300减50能叠加吗', 'money');
      expect(money.map((e) => [e.text, e.value, e.meta?.['role']])).toEqual([
        ['300', 'CNY 300', 'threshold'],
        ['50', 'CNY 50', 'discount'],
      ]);
    });

    it('reads "30 off" as a discount but skips percentages', () => {
      expect(ofType('get 30 off today', 'money', 'en').map((e) => [e.value, e.meta?.['role']])).toEqual([
        ['USD 30', 'discount'],
      ]);
      expect(ofType('50% off everything', 'money', 'en')).toEqual([]);
    });
  });

  describe('quantities', () => {
    it('reads counts with measure words, Chinese numerals included', () => {
      expect(values('买了2件，又买了两件，还有3个和十双', 'quantity')).toEqual(['2', '2', '3', '10']);
      expect(values('2つと3点ください', 'quantity', 'ja')).toEqual(['2', '3']);
      expect(values('2 pcs, x3 and qty 4', 'quantity', 'en')).toEqual(['2', '3', '4']);
    });

    it('does not take prices, durations or ordinals for quantities', () => {
      expect(ofType('59块一件', 'quantity').map((e) => e.text)).toEqual(['一件']);
      expect(ofType('保修三个月，一个人用', 'quantity')).toEqual([]);
      expect(ofType('第二件半价', 'quantity')).toEqual([]);
      expect(ofType('下午3点发货', 'quantity')).toEqual([]);
    });
  });

  describe('sizes', () => {
    it('reads letter sizes as standalone tokens and normalises them', () => {
      expect(values('M码和L号，还有XL的，2XL也行', 'size')).toEqual(['M', 'L', 'XL', 'XXL']);
      expect(values('Mサイズありますか', 'size', 'ja')).toEqual(['M']);
      expect(values('do you have it in size M?', 'size', 'en')).toEqual(['M']);
      expect(values('I ordered a medium', 'size', 'en')).toEqual(['M']);
    });

    it('does not see sizes inside words', () => {
      expect(ofType("I'm waiting for the SMS", 'size', 'en')).toEqual([]);
      expect(ofType('M2芯片的MacBook', 'size')).toEqual([]);
      expect(ofType('Plan S is fine', 'size', 'en')).toEqual([]);
    });

    it('reads shoe and numeric sizes with their system', () => {
      expect(ofType('42码的有吗', 'size').map((e) => [e.value, e.meta?.['system']])).toEqual([['42', 'eu']]);
      expect(ofType('EU 42 or US 9', 'size', 'en').map((e) => [e.value, e.meta?.['system']])).toEqual([
        ['42', 'eu'],
        ['9', 'us'],
      ]);
      expect(ofType('26.5cmはありますか', 'size', 'ja').map((e) => [e.value, e.meta?.['system']])).toEqual([
        ['26.5', 'cm'],
      ]);
      expect(values('均码', 'size')).toEqual(['one size']);
    });

    it('reads 38号 as a size but 25号 as a date', () => {
      expect(extract('38号的凉鞋').map((e) => e.type)).toEqual(['size', 'product']);
      expect(extract('25号能到吗').map((e) => e.type)).toEqual(['date']);
    });
  });

  describe('height and weight', () => {
    it('reads heights in cm, metres, Chinese numerals and feet/inches', () => {
      expect(values('170cm', 'height')).toEqual(['170']);
      expect(values('身高170', 'height')).toEqual(['170']);
      expect(values('1米75', 'height')).toEqual(['175']);
      expect(values('一米六五', 'height')).toEqual(['165']);
      expect(values('I am 5\'9" tall', 'height', 'en')).toEqual(['175']);
    });

    it('converts 斤 and pounds to kg', () => {
      expect(ofType('体重130斤', 'weight').map((e) => [e.value, e.meta?.['unit']])).toEqual([['65', 'kg']]);
      expect(values('65kg', 'weight')).toEqual(['65']);
      expect(values('140 lbs', 'weight', 'en')).toEqual(['63.5']);
    });

    it('reads a bare height right before a weight', () => {
      expect(extract('170 130斤穿什么码').map((e) => [e.type, e.value])).toEqual([
        ['height', '170'],
        ['weight', '65'],
      ]);
    });

    it('does not take garment or bed lengths for heights', () => {
      expect(ofType('裤子长度100cm吗', 'height')).toEqual([]);
      expect(ofType('1.8米的床', 'height')).toEqual([]);
    });
  });

  it('reads storage sizes, not grams or network generations', () => {
    expect(values('内存8G+256G', 'storage')).toEqual(['8GB', '256GB']);
    expect(values('512 GB and 1TB', 'storage', 'en')).toEqual(['512GB', '1TB']);
    expect(values('128g够吗', 'storage')).toEqual(['128GB']);
    expect(ofType('500g装的坚果，5G手机', 'storage')).toEqual([]);
  });

  describe('colours', () => {
    it('reads zh, en and ja colours with an English value', () => {
      expect(values('黑色和藏青，还有卡其色', 'color')).toEqual(['black', 'navy', 'khaki']);
      expect(values('navy or light blue', 'color', 'en')).toEqual(['navy', 'light blue']);
      expect(values('ネイビーとベージュ', 'color', 'ja')).toEqual(['navy', 'beige']);
    });

    it('reads a lone 白/黑 only where it names a colour', () => {
      expect(values('要白的，黑的也行', 'color')).toEqual(['white', 'black']);
      expect(values('白T恤', 'color')).toEqual(['white']);
      expect(ofType('我明白了，白天再说，黑人牙膏', 'color')).toEqual([]);
      expect(ofType('面白いですね、赤ちゃん用', 'color', 'ja')).toEqual([]);
    });
  });

  it('reports products and brands from the gazetteer', () => {
    expect(extract('华为手机壳和耐克运动鞋').map((e) => [e.type, e.value])).toEqual([
      ['brand', 'Huawei'],
      ['product', 'phone case'],
      ['brand', 'Nike'],
      ['product', 'sneakers'],
    ]);
  });

  describe('offsets', () => {
    it('are UTF-16 offsets into the original text when emoji come first', () => {
      const text = '😭😭订单SO20241125001还没到';
      const [order] = extract(text);
      expect(order).toMatchObject({ type: 'order_number', start: 6, end: 19 });
      expect(text.slice(order.start, order.end)).toBe('SO20241125001');
    });

    it('map full-width digits back to the original text and normalise the value', () => {
      const text = '订单号：１２３４５６７８９０１２３ 手机１３８１２３４５６７８';
      const entities = extract(text);
      expect(entities.map((e) => [e.type, e.value, e.text])).toEqual([
        ['order_number', '1234567890123', '１２３４５６７８９０１２３'],
        ['phone', '13812345678', '１３８１２３４５６７８'],
      ]);
      for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    });

    it('come back sorted by start, never overlapping', () => {
      const entities = extract('😊我要2件黑色羽绒服XL码，满300减50，SF1234567890123，昨天买的');
      for (let i = 1; i < entities.length; i++)
        expect(entities[i].start).toBeGreaterThanOrEqual(entities[i - 1].end);
      expect(entities.map((e) => e.type)).toEqual([
        'quantity',
        'color',
        'product',
        'size',
        'money',
        'money',
        'tracking_number',
        'date',
      ]);
    });
  });

  it('returns nothing for empty or entity-free text', () => {
    expect(extract('')).toEqual([]);
    expect(extract('你好，在吗？')).toEqual([]);
    expect(extract('Hi, can you help me?', 'en')).toEqual([]);
  });
});
