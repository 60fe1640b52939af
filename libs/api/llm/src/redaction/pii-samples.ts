import type { PiiKind } from './pii-kind';

/**
 * A labelled sample set (zh / en / ja) for measuring the detectors: each text lists every piece of
 * personal data it holds, verbatim. Texts with `pii: []` are the negatives (order and tracking numbers,
 * prices, dates, times, ordinary sentences). Written before the detectors were tuned; the accuracy spec
 * reports precision and recall over it.
 */
export interface PiiSample {
  text: string;
  pii: Array<{ kind: PiiKind; value: string }>;
}

const p = (value: string) => ({ kind: 'PHONE' as const, value });
const e = (value: string) => ({ kind: 'EMAIL' as const, value });
const id = (value: string) => ({ kind: 'ID' as const, value });
const c = (value: string) => ({ kind: 'CARD' as const, value });
const a = (value: string) => ({ kind: 'ADDRESS' as const, value });

export const PII_SAMPLES: PiiSample[] = [
  // ---- phones: zh
  { text: '我的手机号是13812345678，麻烦尽快联系我', pii: [p('13812345678')] },
  { text: '电话：138 1234 5678', pii: [p('138 1234 5678')] },
  { text: '联系电话 +86 139-1234-5678 谢谢', pii: [p('+86 139-1234-5678')] },
  { text: '打0086 15912345678找我', pii: [p('0086 15912345678')] },
  { text: '+8618612345678', pii: [p('+8618612345678')] },
  { text: '座机010-12345678，白天有人', pii: [p('010-12345678')] },
  { text: '公司电话0755-87654321转分机', pii: [p('0755-87654321')] },
  { text: '请打(021) 68881234', pii: [p('(021) 68881234')] },
  { text: '手机１３８１２３４５６７８', pii: [p('１３８１２３４５６７８')] },
  { text: '换个号码19912345678吧', pii: [p('19912345678')] },
  // ---- phones: ja / international
  { text: '携帯は090-1234-5678です', pii: [p('090-1234-5678')] },
  { text: '電話番号：080ー9876ー5432', pii: [p('080ー9876ー5432')] },
  { text: '連絡先 +81 90-1234-5678 までお願いします', pii: [p('+81 90-1234-5678')] },
  { text: '自宅は03-1234-5678です', pii: [p('03-1234-5678')] },
  { text: '〇九〇ではなく07012345678にかけてください', pii: [p('07012345678')] },
  { text: 'Call me on +1 415 555 2671 after 6pm', pii: [p('+1 415 555 2671')] },
  { text: 'My number is (415) 555-2671.', pii: [p('(415) 555-2671')] },
  { text: 'UK mobile +44 7911 123456', pii: [p('+44 7911 123456')] },
  { text: 'reach me at +49-30-1234567', pii: [p('+49-30-1234567')] },
  { text: 'Phone: 415-555-2671', pii: [p('415-555-2671')] },
  // ---- emails
  { text: '邮箱是zhang.san@example.com', pii: [e('zhang.san@example.com')] },
  { text: 'Please write to jane_doe+shop@mail.example.co.uk.', pii: [e('jane_doe+shop@mail.example.co.uk')] },
  { text: 'メールはtaro.yamada@example.jpまで', pii: [e('taro.yamada@example.jp')] },
  { text: '我的QQ邮箱 12345678@qq.com 和手机13712345678', pii: [e('12345678@qq.com'), p('13712345678')] },
  { text: 'email: A.B-C@Sub.Example.ORG', pii: [e('A.B-C@Sub.Example.ORG')] },
  // ---- resident ID numbers
  { text: '身份证号11010519491231002X', pii: [id('11010519491231002X')] },
  { text: '我的身份证：440306199001011236，请核实', pii: [id('440306199001011236')] },
  { text: 'ID 310115198507152011 for customs', pii: [id('310115198507152011')] },
  { text: '身份证510107200011304568', pii: [id('510107200011304568')] },
  { text: 'マイナンバーは123456789018です', pii: [id('123456789018')] },
  // ---- bank cards
  { text: '退款到这张卡 6222021234567890128', pii: [c('6222021234567890128')] },
  { text: 'Card 4111 1111 1111 1111, exp 12/27', pii: [c('4111 1111 1111 1111')] },
  { text: '卡号5499-1234-5678-9012', pii: [c('5499-1234-5678-9012')] },
  { text: 'Amex 3782 822463 10005 please', pii: [c('3782 822463 10005')] },
  { text: '建行卡6217001234567893退款', pii: [c('6217001234567893')] },
  { text: 'カード番号は3530111333300000です', pii: [c('3530111333300000')] },
  // ---- addresses: zh
  { text: '请寄到上海市浦东新区世纪大道100号', pii: [a('上海市浦东新区世纪大道100号')] },
  {
    text: '收货地址：北京市朝阳区建国路88号SOHO现代城3号楼2单元1501室',
    pii: [a('北京市朝阳区建国路88号SOHO现代城3号楼2单元1501室')],
  },
  {
    text: '地址改成广东省深圳市南山区科技园南区高新南一道9号',
    pii: [a('广东省深圳市南山区科技园南区高新南一道9号')],
  },
  {
    text: '我住在杭州市西湖区文三路478号华星时代广场A座1201室',
    pii: [a('杭州市西湖区文三路478号华星时代广场A座1201室')],
  },
  { text: '送到阳光花园小区5栋3单元502室就行', pii: [a('阳光花园小区5栋3单元502室')] },
  { text: '成都市武侯区人民南路四段27号', pii: [a('成都市武侯区人民南路四段27号')] },
  { text: '上海市黄浦区南京东路123弄45号', pii: [a('上海市黄浦区南京东路123弄45号')] },
  { text: '江苏省南京市鼓楼区中山北路30号 收件人王先生', pii: [a('江苏省南京市鼓楼区中山北路30号')] },
  // ---- addresses: ja
  { text: '住所：東京都千代田区千代田1-1', pii: [a('東京都千代田区千代田1-1')] },
  { text: '〒160-0023 東京都新宿区西新宿2丁目8番1号', pii: [a('〒160-0023 東京都新宿区西新宿2丁目8番1号')] },
  { text: 'お届け先は大阪府大阪市北区梅田3-1-1です', pii: [a('大阪府大阪市北区梅田3-1-1')] },
  {
    text: '神奈川県横浜市西区みなとみらい2-2-1 ランドマークタワー10階',
    pii: [a('神奈川県横浜市西区みなとみらい2-2-1 ランドマークタワー10階')],
  },
  {
    text: '北海道札幌市中央区北1条西2丁目1番地に送ってください',
    pii: [a('北海道札幌市中央区北1条西2丁目1番地')],
  },
  {
    text: '京都府京都市下京区烏丸通七条下ル東塩小路町721-1',
    pii: [a('京都府京都市下京区烏丸通七条下ル東塩小路町721-1')],
  },
  // ---- addresses: en
  {
    text: 'Ship it to 123 Main Street, Springfield, IL 62701 please',
    pii: [a('123 Main Street, Springfield, IL 62701')],
  },
  { text: 'New address: 456 Oak Ave Apt 5B', pii: [a('456 Oak Ave Apt 5B')] },
  {
    text: 'I moved to 1600 Pennsylvania Avenue NW, Washington, DC 20500.',
    pii: [a('1600 Pennsylvania Avenue NW, Washington, DC 20500')],
  },
  { text: 'deliver to 77 sunset blvd unit 12', pii: [a('77 sunset blvd unit 12')] },
  { text: 'Send it to 221B Baker Street, London', pii: [a('221B Baker Street, London')] },
  { text: 'My flat is at 10 Downing St.', pii: [a('10 Downing St')] },
  {
    text: 'Address: 350 Fifth Avenue, Suite 3400, New York, NY 10118',
    pii: [a('350 Fifth Avenue, Suite 3400, New York, NY 10118')],
  },
  { text: 'It is 42 Elm Lane', pii: [a('42 Elm Lane')] },
  // ---- mixed
  {
    text: '王女士 13598765432 浙江省杭州市余杭区文一西路969号 邮箱 wang@example.cn',
    pii: [p('13598765432'), a('浙江省杭州市余杭区文一西路969号'), e('wang@example.cn')],
  },
  {
    text: 'Jane, jane@example.com, +1 212 555 0199, 9 Park Road',
    pii: [e('jane@example.com'), p('+1 212 555 0199'), a('9 Park Road')],
  },
  // ---- negatives: order and tracking numbers, amounts, dates, times, ordinary sentences
  { text: '订单号KF100123还没发货', pii: [] },
  { text: '我的订单 KF2024011512345 什么时候到', pii: [] },
  { text: '顺丰单号SF1234567890123', pii: [] },
  { text: '快递单号 773012345678908 查不到', pii: [] },
  { text: '订单号 2024011512345674 退款', pii: [] },
  { text: '运单号：4311234567890123', pii: [] },
  { text: 'order #20240115123456 was charged twice', pii: [] },
  { text: 'Tracking 1Z999AA10123456784 shows delivered', pii: [] },
  { text: '一共¥13,800.00，优惠了1380元', pii: [] },
  { text: 'Total $1,234.56 and 13812 points', pii: [] },
  { text: '2024-01-15 13:45 下的单', pii: [] },
  { text: '2024年1月15日14点送到', pii: [] },
  { text: 'It arrived on 2024/03/05 at 09:30', pii: [] },
  { text: '请看第2单元的说明', pii: [] },
  { text: '我在3号楼', pii: [] },
  { text: '5楼的那个', pii: [] },
  { text: '我住在上海市', pii: [] },
  { text: '发货地是杭州市余杭区', pii: [] },
  { text: '中山路和解放路交叉口', pii: [] },
  { text: '这张卡 4111111111111112 被拒了', pii: [] },
  { text: '编号1234567890123456', pii: [] },
  { text: 'I walked 5 miles down the road', pii: [] },
  { text: 'We ordered 3 items for the main street store', pii: [] },
  { text: 'It took 2 days on the road', pii: [] },
  { text: 'Size 42 Street shoes', pii: [] },
  { text: '注文番号は123456789012です', pii: [] },
  { text: '2024年3月5日に届きました', pii: [] },
  { text: '価格は12,800円です', pii: [] },
  { text: '1丁目の店舗で買いました', pii: [] },
  { text: 'SKU 4901234567894 out of stock', pii: [] },
  { text: '数量3件，尺码42，颜色黑色', pii: [] },
  { text: '本周三全市3号线停运', pii: [] },
  { text: '节省了50元', pii: [] },
  { text: '12月3号能到吗', pii: [] },
  { text: 'Version 1.2.3 build 20240115', pii: [] },
  { text: '客服工作时间9:00-18:00', pii: [] },
  { text: 'Coupon code SAVE2024 gives 20% off', pii: [] },
  { text: '退款金额 1388.00 元已到账', pii: [] },
  { text: '快递員さんの追跡番号は1234-5678-9012です', pii: [] },
];
