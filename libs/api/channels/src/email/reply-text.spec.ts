import { baseSubject, replySubject, stripQuoted } from './reply-text';

const ours = 'Kefu Shop <support@shop.example>';

describe('stripping quoted history from a shopper e-mail', () => {
  describe('English clients', () => {
    it('Gmail: drops "On … wrote:" and the > quote', () => {
      const text = `Thanks, that works!\n\nOn Fri, Nov 20, 2026 at 10:15 AM ${ours} wrote:\n> Your order has shipped.\n> Carrier: SF Express`;
      expect(stripQuoted(text)).toBe('Thanks, that works!');
    });

    it('Gmail: a header wrapped over two lines', () => {
      const text = `Still nothing arrived.\n\nOn Fri, Nov 20, 2026 at 10:15 AM Kefu Shop <\nsupport@shop.example> wrote:\n\n> Your order has shipped.`;
      expect(stripQuoted(text)).toBe('Still nothing arrived.');
    });

    it('Outlook: drops the rule and the From/Sent/To/Subject block with everything under it', () => {
      const text = [
        'Please cancel order A1001.',
        '',
        'Get Outlook for iOS',
        '________________________________',
        'From: Kefu Shop',
        'Sent: Friday, November 20, 2026 10:15 AM',
        'To: Bob Smith',
        'Subject: Re: Order A1001',
        '',
        'Your order has shipped.',
      ].join('\r\n');
      expect(stripQuoted(text)).toBe('Please cancel order A1001.');
    });

    it('keeps a shopper sentence that only looks like a signature', () => {
      const text =
        'My parcel has not arrived.\nSent from your Shanghai warehouse on Monday, tracking SF123.\nCan you check?';
      expect(stripQuoted(text)).toBe(text);
    });

    it('drops "Sent from my iPhone" and a "-- " signature block', () => {
      expect(stripQuoted('Where is my parcel?\n\nSent from my iPhone')).toBe('Where is my parcel?');
      expect(stripQuoted('Where is it?\n\n-- \nBob Smith\nACME Inc.\n+1 555 0100')).toBe('Where is it?');
    });

    it('keeps a "From:" line the shopper wrote in the body', () => {
      const text = 'I ordered two shirts.\nFrom: the sale page\nOnly one arrived.';
      expect(stripQuoted(text)).toBe(text);
    });
  });

  describe('Chinese clients', () => {
    it('Gmail zh: 在 … 写道：', () => {
      const text = `好的，谢谢\n\n在 2026年11月20日周五 10:15，${ours} 写道：\n> 您的订单已发货`;
      expect(stripQuoted(text)).toBe('好的，谢谢');
    });

    it('Gmail zh with an ASCII colon, and Apple Mail without 在', () => {
      expect(
        stripQuoted(
          `好的\n\n在 2026年11月20日 上午10:15，客服 <support@shop.example> 写道:\n> 您的订单已发货`,
        ),
      ).toBe('好的');
      expect(
        stripQuoted(`收到\n\n2026年11月20日 上午10:15，客服 <support@shop.example> 写道：\n\n您的订单已发货`),
      ).toBe('收到');
    });

    it('QQ Mail: ------------------ 原始邮件 ------------------', () => {
      const text = [
        '收到了，谢谢！',
        '',
        '',
        '------------------ 原始邮件 ------------------',
        '发件人: "客服"<support@shop.example>;',
        '发送时间: 2026年11月20日(星期五) 上午10:15',
        '收件人: "我"<me@qq.example>;',
        '主题: Re: 订单',
        '',
        '您的订单已发货',
      ].join('\n');
      expect(stripQuoted(text)).toBe('收到了，谢谢！');
    });

    it('NetEase: -----原始邮件----- with full-width colons', () => {
      const text =
        '包裹破损了，可以换货吗？\n\n-----原始邮件-----\n发件人："客服" <support@shop.example>\n发送时间：2026-11-20 10:15:00\n收件人：me@163.example\n主题：订单\n\n您的订单已发货';
      expect(stripQuoted(text)).toBe('包裹破损了，可以换货吗？');
    });

    it('Outlook zh: 发件人/发送时间/收件人/主题 block, and 发自我的iPhone', () => {
      const text =
        '请帮我取消订单\n\n发自我的iPhone\n\n发件人: 客服 <support@shop.example>\n发送时间: 2026年11月20日 10:15\n收件人: 张三 <z@example.com>\n主题: 回复: 订单\n\n您的订单已发货';
      expect(stripQuoted(text)).toBe('请帮我取消订单');
    });

    it('traditional Chinese Outlook: 寄件者/寄件日期/收件者/主旨', () => {
      const text =
        '請問何時出貨？\n\n寄件者: 客服 <support@shop.example>\n寄件日期: 2026年11月20日 上午 10:15\n收件者: 陳小姐\n主旨: 訂單\n\n已收到您的訂單';
      expect(stripQuoted(text)).toBe('請問何時出貨？');
    });
  });

  describe('Japanese clients', () => {
    it('Gmail ja: 2026年11月20日(金) 10:15 Name <addr>:', () => {
      const text = `ありがとうございます。\n\n2026年11月20日(金) 10:15 ${ours}:\n> ご注文は発送されました。`;
      expect(stripQuoted(text)).toBe('ありがとうございます。');
    });

    it('Gmail ja in English UI: 2026年11月20日(金) … wrote:', () => {
      expect(
        stripQuoted(`はい、お願いします\n\n2026年11月20日(金) 10:15 ${ours} wrote:\n> 発送されました`),
      ).toBe('はい、お願いします');
    });

    it('Thunderbird ja: 2026/11/20 10:15、Name のメッセージ:', () => {
      expect(
        stripQuoted('了解です。\n\n2026/11/20 10:15、Kefu Shop のメッセージ:\n> ご注文は発送されました。'),
      ).toBe('了解です。');
    });

    it('Outlook ja: 差出人/送信日時/宛先/件名 and ----- 元のメッセージ -----', () => {
      const block =
        '差出人: Kefu Shop <support@shop.example>\n送信日時: 2026年11月20日 10:15\n宛先: 山田 <y@example.jp>\n件名: RE: ご注文\n\nご注文は発送されました。';
      expect(stripQuoted(`キャンセルしてください。\n\n${block}`)).toBe('キャンセルしてください。');
      expect(stripQuoted(`キャンセルしてください。\n\n----- 元のメッセージ -----\n${block}`)).toBe(
        'キャンセルしてください。',
      );
    });

    it('発信者: block and iPhoneから送信', () => {
      const text =
        '返品したいです\n\niPhoneから送信\n\n発信者: Kefu Shop <support@shop.example>\n日付: 2026年11月20日 10:15\n件名: ご注文\n\n発送されました';
      expect(stripQuoted(text)).toBe('返品したいです');
    });
  });

  it('is empty for a reply that only quotes', () => {
    expect(stripQuoted(`On Fri, Nov 20, 2026 at 10:15 AM ${ours} wrote:\n> Your order has shipped.`)).toBe(
      '',
    );
  });

  it('keeps an answer written below the quote', () => {
    const text = `> Which size do you need?\n\nSize M please.`;
    expect(stripQuoted(text)).toBe('Size M please.');
  });

  it('leaves a mail without history as it is (trimmed, blank runs collapsed)', () => {
    expect(stripQuoted('  你好\n\n\n\n我的订单 A1001 还没到  \n')).toBe('你好\n\n我的订单 A1001 还没到');
  });
});

describe('subjects', () => {
  it('strips every reply and forward prefix, in any language and case', () => {
    expect(baseSubject('Re: RE: Fwd: Order A1001')).toBe('Order A1001');
    expect(baseSubject('回复: 回复：订单问题')).toBe('订单问题');
    expect(baseSubject('AW: Re[2]: Lieferung')).toBe('Lieferung');
    expect(baseSubject('返信: 転送: ご注文について')).toBe('ご注文について');
    expect(baseSubject('Return request')).toBe('Return request');
  });

  it('answers with exactly one "Re:", and a localized subject when there was none', () => {
    expect(replySubject('Re: Re: 订单问题')).toBe('Re: 订单问题');
    expect(replySubject('Where is my order?')).toBe('Re: Where is my order?');
    expect(replySubject('', 'en')).toBe('Re: Your message');
    expect(replySubject(null, 'ja-JP')).toBe('Re: お問い合わせ');
    expect(replySubject(undefined, 'zh-CN')).toBe('Re: 您的咨询');
  });
});
