import { detectPii } from './detect';

const found = (text: string) => detectPii(text).map((s) => `${s.kind}:${text.slice(s.start, s.end)}`);

describe('detectPii', () => {
  it.each([
    ['13812345678', 'PHONE:13812345678'],
    ['电话 138-1234-5678。', 'PHONE:138-1234-5678'],
    ['(+86) 13812345678', 'PHONE:(+86) 13812345678'],
    ['0086-13812345678', 'PHONE:0086-13812345678'],
    ['座机 021-68881234 转 801', 'PHONE:021-68881234 转 801'],
    ['+81-3-1234-5678', 'PHONE:+81-3-1234-5678'],
    ['03(1234)5678', 'PHONE:03(1234)5678'],
    ['090 1234 5678', 'PHONE:090 1234 5678'],
    ['+33 1 42 68 53 00', 'PHONE:+33 1 42 68 53 00'],
  ])('finds the phone number in %p', (text, expected) => expect(found(text)).toEqual([expected]));

  it.each([
    ['an order number', '订单KF100123'],
    ['an order number after a dash', 'KF-13812345678'],
    ['an 11-digit order number', '订单号：13812345678'],
    ['a tracking number', '运单号 SF1234567890123'],
    ['a price', '¥13,800.00'],
    ['a price with decimals', '13812345678.00元'],
    ['a date', '2024-01-15'],
    ['a date and time', '2024/01/15 13:45:00'],
    ['a number glued to letters', 'abc13812345678'],
    ['a hotline', '400-820-8820'],
    ['a short number', '+86 1234'],
  ])('finds nothing in %s', (_why, text) => expect(found(text)).toEqual([]));

  it('reads full-width digits and Japanese dashes and reports the original characters', () => {
    expect(found('携帯：０９０ー１２３４ー５６７８')).toEqual(['PHONE:０９０ー１２３４ー５６７８']);
  });

  it('keeps an e-mail whole rather than finding a phone in it', () => {
    expect(found('13812345678@qq.com')).toEqual(['EMAIL:13812345678@qq.com']);
  });

  it('calls an 18-digit resident ID an ID even when it also passes Luhn', () => {
    expect(found('11010519491231002X')).toEqual(['ID:11010519491231002X']);
    expect(found('110105 19491231 002X')).toEqual(['ID:110105 19491231 002X']);
  });

  it('finds a My Number only where it is named as one', () => {
    expect(found('個人番号: 1234 5678 9018')).toEqual(['ID:1234 5678 9018']);
    expect(found('番号 123456789018')).toEqual([]);
  });

  it('finds card numbers that pass Luhn, with or without separators, and not those that fail it', () => {
    expect(found('4111111111111111')).toEqual(['CARD:4111111111111111']);
    expect(found('6222 0212 3456 7890 128')).toEqual(['CARD:6222 0212 3456 7890 128']);
    expect(found('4111 1111 1111 1112')).toEqual([]);
    expect(found('4111 1111-1111 1111')).toEqual([]);
    expect(found('运单号 773012345678908')).toEqual([]);
  });

  it.each([
    '第2单元',
    '3号楼',
    '我住在上海市',
    '发货地是杭州市余杭区',
    'Size 42 Street shoes',
    'I walked 5 miles down the road',
    '1丁目',
  ])('does not take %p for a street address', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('finds an address and a phone number side by side', () => {
    expect(found('上海市浦东新区世纪大道100号 13812345678')).toEqual([
      'ADDRESS:上海市浦东新区世纪大道100号',
      'PHONE:13812345678',
    ]);
  });

  it('takes a Shanghai lane and house number as one address, not a phone', () => {
    expect(found('南京东路123弄45号')).toEqual(['ADDRESS:南京东路123弄45号']);
  });
});
