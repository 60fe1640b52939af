import type { Locale } from './protocol';

const en = {
  open: 'Open chat',
  close: 'Close chat',
  chat: 'Chat',
  defaultTitle: 'Customer service',
  subtitle: 'We usually reply in a few seconds',
  log: 'Conversation',
  placeholder: 'Type your message…',
  send: 'Send',
  attach: 'Attach an image',
  you: 'You',
  bot: 'Assistant',
  agent: 'Agent',
  system: 'Notice',
  typingBot: 'The assistant is typing…',
  typingAgent: 'An agent is typing…',
  read: 'Read',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  uploading: 'Uploading image…',
  earlier: 'Show earlier messages',
  empty: 'Hi! Ask us anything about products, orders, delivery or returns.',
  connecting: 'Connecting…',
  offline: 'You are offline. Messages will be sent when the connection is back.',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat is not available on this page right now.',
  identityRequired: 'Please log in to chat with us.',
  identityInvalid: 'We could not confirm your login. Please reload the page.',
  badType: 'Only PNG, JPEG, GIF or WebP images can be sent.',
  tooLarge: 'The image is too large (at most {max}).',
  uploadFailed: 'The image could not be uploaded. Please try again.',
  image: 'Image',
  viewOrder: 'View order',
  viewProduct: 'View product',
  order: 'Order',
  total: 'Total',
  carrier: 'Carrier',
  tracking: 'Tracking',
  eta: 'Expected',
  unread: '{n} unread',
  newMessage: 'New message',
};

export type Strings = typeof en;

const zh: Strings = {
  open: '打开在线客服',
  close: '关闭在线客服',
  chat: '在线客服',
  defaultTitle: '在线客服',
  subtitle: '通常几秒内回复',
  log: '会话内容',
  placeholder: '请输入您的问题…',
  send: '发送',
  attach: '发送图片',
  you: '我',
  bot: '智能客服',
  agent: '人工客服',
  system: '提示',
  typingBot: '智能客服正在输入…',
  typingAgent: '客服正在输入…',
  read: '已读',
  sending: '发送中…',
  failed: '发送失败',
  retry: '重试',
  uploading: '图片上传中…',
  earlier: '查看更早的消息',
  empty: '您好!商品、订单、物流、退换货的问题都可以问我。',
  connecting: '连接中…',
  offline: '网络已断开,恢复后将自动发送消息。',
  reconnecting: '连接已断开,正在重新连接…',
  unavailable: '此页面暂时无法使用在线客服。',
  identityRequired: '请先登录后再咨询客服。',
  identityInvalid: '登录状态校验失败,请刷新页面。',
  badType: '仅支持发送 PNG、JPEG、GIF 或 WebP 图片。',
  tooLarge: '图片太大了(最大 {max})。',
  uploadFailed: '图片上传失败,请重试。',
  image: '图片',
  viewOrder: '查看订单',
  viewProduct: '查看商品',
  order: '订单',
  total: '合计',
  carrier: '快递',
  tracking: '单号',
  eta: '预计送达',
  unread: '{n} 条未读消息',
  newMessage: '新消息',
};

const ja: Strings = {
  open: 'チャットを開く',
  close: 'チャットを閉じる',
  chat: 'チャット',
  defaultTitle: 'カスタマーサポート',
  subtitle: '通常数秒でお返事します',
  log: '会話',
  placeholder: 'メッセージを入力…',
  send: '送信',
  attach: '画像を添付',
  you: 'あなた',
  bot: 'AIアシスタント',
  agent: '担当スタッフ',
  system: 'お知らせ',
  typingBot: 'AIアシスタントが入力中…',
  typingAgent: '担当スタッフが入力中…',
  read: '既読',
  sending: '送信中…',
  failed: '送信できませんでした',
  retry: '再送信',
  uploading: '画像をアップロード中…',
  earlier: '以前のメッセージを表示',
  empty: 'こんにちは。商品・ご注文・配送・返品について何でもお尋ねください。',
  connecting: '接続中…',
  offline: 'オフラインです。接続が戻り次第メッセージを送信します。',
  reconnecting: '接続が切れました。再接続しています…',
  unavailable: '現在このページではチャットをご利用いただけません。',
  identityRequired: 'チャットをご利用いただくにはログインしてください。',
  identityInvalid: 'ログイン状態を確認できませんでした。ページを再読み込みしてください。',
  badType: '送信できる画像は PNG・JPEG・GIF・WebP のみです。',
  tooLarge: '画像が大きすぎます(最大 {max})。',
  uploadFailed: '画像をアップロードできませんでした。もう一度お試しください。',
  image: '画像',
  viewOrder: '注文を見る',
  viewProduct: '商品を見る',
  order: 'ご注文',
  total: '合計',
  carrier: '配送業者',
  tracking: '追跡番号',
  eta: 'お届け予定',
  unread: '未読 {n} 件',
  newMessage: '新着メッセージ',
};

export const STRINGS: Record<Locale, Strings> = { 'zh-CN': zh, en, ja };

/** One language tag (`zh-TW`, `ja-JP`, `en-GB`, `fr`) as a supported locale, or null. */
export function supportedLocale(tag: string | null | undefined): Locale | null {
  const t = (tag ?? '').trim().toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('ja')) return 'ja';
  if (t.startsWith('en')) return 'en';
  return null;
}

/**
 * The widget's language: the page's `KefuWidget.locale`, else the inbox's `settings.locale`, else the
 * first of the browser's languages Kefu speaks, else English. `auto` (or nothing) defers to the next.
 */
export function chooseLocale(
  pageLocale: string | null | undefined,
  settingsLocale: string | null | undefined,
  browserLanguages: readonly string[],
): Locale {
  for (const pick of [pageLocale, settingsLocale]) {
    if (pick && pick !== 'auto') {
      const l = supportedLocale(pick);
      if (l) return l;
    }
  }
  for (const lang of browserLanguages) {
    const l = supportedLocale(lang);
    if (l) return l;
  }
  return 'en';
}

/** Replaces `{name}` placeholders. */
export function format(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** 5242880 → "5 MB" (binary megabytes, as file pickers show them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
