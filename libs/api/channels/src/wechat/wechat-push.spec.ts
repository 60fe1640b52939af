import { WechatFormatError } from './wechat-xml';
import { eventKey, planPush, type IngestPlan } from './wechat-push';
import { wechatTexts } from './wechat-render';

const base = { ToUserName: 'gh_acc', FromUserName: 'oUser1', CreateTime: '1763700000' };
const ingest = (f: Record<string, string>) => {
  const plan = planPush({ ...base, ...f });
  if (plan.kind !== 'ingest') throw new Error(`expected a message, got ${plan.reason}`);
  return plan as IngestPlan;
};

describe('WeChat push → shopper message', () => {
  it('keys messages by MsgId and events by FromUserName + CreateTime + Event', () => {
    expect(ingest({ MsgType: 'text', Content: '在吗', MsgId: '6054768590064713728' }).externalMessageId).toBe(
      'msg:6054768590064713728',
    );
    expect(ingest({ MsgType: 'event', Event: 'subscribe' }).externalMessageId).toBe(
      'evt:oUser1:1763700000:subscribe',
    );
    expect(eventKey('oUser1', '1763700000', 'CLICK')).toBe('evt:oUser1:1763700000:CLICK');
  });

  it('takes a text message as it is, from the OpenID, at CreateTime', () => {
    const p = ingest({ MsgType: 'text', Content: '我的订单到哪了', MsgId: '1' });
    expect(p).toMatchObject({
      openId: 'oUser1',
      accountId: 'gh_acc',
      text: '我的订单到哪了',
      attachments: [],
      metadata: {},
    });
    expect(p.sentAt.toISOString()).toBe('2025-11-21T04:40:00.000Z');
  });

  it('turns an image into an attachment and keeps its MediaId', () => {
    const p = ingest({
      MsgType: 'image',
      PicUrl: 'http://mmbiz.qpic.cn/abc/0',
      MediaId: 'media-1',
      MsgId: '2',
    });
    expect(p.attachments).toEqual([
      { url: 'http://mmbiz.qpic.cn/abc/0', contentType: 'image/jpeg', name: 'wechat-image.jpg' },
    ]);
    expect(p.metadata).toMatchObject({ mediaId: 'media-1', wechatMsgType: 'image' });
  });

  it("uses WeChat's speech recognition for a voice message, else a note", () => {
    expect(
      ingest({ MsgType: 'voice', MediaId: 'v1', Format: 'amr', Recognition: '我要退货', MsgId: '3' }),
    ).toMatchObject({
      text: '我要退货',
      metadata: { recognized: true, voiceFormat: 'amr', mediaId: 'v1' },
    });
    expect(ingest({ MsgType: 'voice', MediaId: 'v2', Format: 'amr', MsgId: '4' })).toMatchObject({
      text: '[语音]',
      metadata: { recognized: false },
    });
  });

  it('writes a location as "[位置] <Label>" with the coordinates in metadata', () => {
    const p = ingest({
      MsgType: 'location',
      Location_X: '23.134521',
      Location_Y: '113.358803',
      Scale: '20',
      Label: '广州市天河区',
      MsgId: '5',
    });
    expect(p.text).toBe('[位置] 广州市天河区');
    expect(p.metadata).toMatchObject({ lat: 23.134521, lng: 113.358803, label: '广州市天河区', scale: 20 });
    expect(() => planPush({ ...base, MsgType: 'location', Location_X: 'north', MsgId: '6' })).toThrow(
      /Location_X/,
    );
  });

  it('takes a link as its title and URL', () => {
    expect(
      ingest({
        MsgType: 'link',
        Title: '这件卫衣',
        Description: 'd',
        Url: 'https://shop.example/p/1',
        MsgId: '7',
      }),
    ).toMatchObject({
      text: '这件卫衣\nhttps://shop.example/p/1',
      metadata: { linkUrl: 'https://shop.example/p/1' },
    });
  });

  it('opens the conversation on subscribe and on entering a Mini Program session, with no text', () => {
    expect(ingest({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_42' })).toMatchObject({
      text: '',
      metadata: { wechatEvent: 'subscribe', eventKey: 'qrscene_42' },
    });
    expect(ingest({ MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'cart' })).toMatchObject({
      text: '',
      metadata: { wechatEvent: 'user_enter_tempsession' },
    });
  });

  it('treats a menu CLICK as tapping the quick reply with that key', () => {
    expect(ingest({ MsgType: 'event', Event: 'CLICK', EventKey: 'track_order' })).toMatchObject({
      text: 'track_order',
      menuKey: 'track_order',
      metadata: { quickReply: 'track_order', wechatEvent: 'CLICK' },
      externalMessageId: 'evt:oUser1:1763700000:CLICK',
    });
  });

  it('stores nothing for unsubscribe, VIEW and unknown types', () => {
    const pushes: Record<string, string>[] = [
      { MsgType: 'event', Event: 'unsubscribe' },
      { MsgType: 'event', Event: 'VIEW', EventKey: 'https://x' },
      { MsgType: 'hologram', MsgId: '9' },
    ];
    for (const f of pushes) {
      expect(planPush({ ...base, ...f }).kind).toBe('ignore');
    }
  });

  it.each([
    [{ MsgType: 'text', Content: 'hi', MsgId: '1', FromUserName: '' }, /FromUserName/],
    [{ MsgType: 'text', Content: 'hi' }, /MsgId/],
    [{ MsgType: 'text', MsgId: '1' }, /Content/],
    [{ MsgType: 'text', Content: 'hi', MsgId: '1', CreateTime: 'yesterday' }, /CreateTime/],
    [{ MsgType: 'event' }, /Event/],
    [{ MsgType: 'event', Event: 'CLICK' }, /EventKey/],
    [{ Content: 'hi', MsgId: '1' }, /MsgType/],
  ])('refuses a push missing what its type needs (%j)', (f, message) => {
    expect(() => planPush({ ...base, ...f })).toThrow(WechatFormatError);
    expect(() => planPush({ ...base, ...f })).toThrow(message);
  });
});

describe('WeChat rendering of replies', () => {
  it('flattens quick replies to a numbered list and sends attachment URLs after the text', () => {
    const texts = wechatTexts({
      text: '请选择',
      content: {
        quickReplies: [
          { label: '查物流', payload: 'track_order' },
          { label: '转人工', payload: 'contact_human_agent' },
        ],
      },
      attachments: [{ url: 'https://cdn.example/a.jpg', contentType: 'image/jpeg' }],
    });
    expect(texts).toEqual(['请选择\n\n回复数字即可选择:\n1. 查物流\n2. 转人工', 'https://cdn.example/a.jpg']);
  });

  it('uses the shopper language for the flattened words and splits long replies', () => {
    expect(
      wechatTexts({
        text: 'Pick one',
        content: { quickReplies: [{ label: 'Track', payload: 't' }] },
        language: 'en',
      })[0],
    ).toContain('Reply with a number:');
    expect(wechatTexts({ text: '好的。'.repeat(400), content: null }).length).toBeGreaterThan(1);
  });
});
