import {
  buildEncryptedReply,
  buildTextReply,
  cdata,
  parseWechatJson,
  parseWechatPayload,
  parseWechatXml,
  WechatFormatError,
} from './wechat-xml';

const TEXT_PUSH = `<xml>
  <ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>
  <FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>
  <CreateTime>1409735668</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[我的订单 <A1001> & 运费]]></Content>
  <MsgId>6054768590064713728</MsgId>
</xml>`;

describe('WeChat XML', () => {
  it('reads a push into text fields, keeping every digit of a 19-digit MsgId', () => {
    expect(parseWechatXml(TEXT_PUSH)).toEqual({
      ToUserName: 'gh_10f6c3c3ac5a',
      FromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      CreateTime: '1409735668',
      MsgType: 'text',
      Content: '我的订单 <A1001> & 运费',
      MsgId: '6054768590064713728',
    });
  });

  it('decodes entities in plain elements and flattens nested ones', () => {
    const f = parseWechatXml(
      '<?xml version="1.0"?><xml><Content>a &amp; b &lt;c&gt;</Content><ScanCodeInfo><ScanType>qrcode</ScanType></ScanCodeInfo></xml>',
    );
    expect(f).toEqual({ Content: 'a & b <c>', ScanType: 'qrcode' });
  });

  it.each([
    ['', /empty body/],
    ['<xml><Content>unclosed</xml>', /malformed XML/],
    ['{not xml', /malformed XML/],
    ['<root><A>1</A></root>', /root element must be <xml>/],
    ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><A>&a;</A></xml>', /document type/],
  ])('refuses %j with a clear message', (xml, message) => {
    expect(() => parseWechatXml(xml)).toThrow(WechatFormatError);
    expect(() => parseWechatXml(xml)).toThrow(message);
  });

  it('reads a Mini Program JSON push, with the MsgId taken digit for digit from the raw body', () => {
    const raw =
      '{"ToUserName":"gh_abc","FromUserName":"oMini","CreateTime":1482048670,"MsgType":"text","Content":"在吗","MsgId":1234567890123456789}';
    expect(parseWechatJson(JSON.parse(raw), raw)).toEqual({
      ToUserName: 'gh_abc',
      FromUserName: 'oMini',
      CreateTime: '1482048670',
      MsgType: 'text',
      Content: '在吗',
      MsgId: '1234567890123456789',
    });
    expect(parseWechatPayload(raw)['MsgId']).toBe('1234567890123456789');
    expect(() => parseWechatPayload('{"ToUserName":')).toThrow(/malformed JSON/);
    expect(() => parseWechatJson([1, 2])).toThrow(/object/);
  });

  it('builds a passive text reply that parses back, even with "]]>" in the text', () => {
    const xml = buildTextReply({
      to: 'oUser',
      from: 'gh_acc',
      createTime: 1763700000,
      content: '订单已发货 ]]> <script>',
    });
    expect(parseWechatXml(xml)).toEqual({
      ToUserName: 'oUser',
      FromUserName: 'gh_acc',
      CreateTime: '1763700000',
      MsgType: 'text',
      Content: '订单已发货 ]]> <script>',
    });
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
  });

  it('builds the encrypted reply envelope WeChat expects', () => {
    const xml = buildEncryptedReply({
      encrypt: 'abc=',
      signature: 'f'.repeat(40),
      timestamp: '1763700000',
      nonce: '12345',
    });
    expect(parseWechatXml(xml)).toEqual({
      Encrypt: 'abc=',
      MsgSignature: 'f'.repeat(40),
      TimeStamp: '1763700000',
      Nonce: '12345',
    });
  });
});
