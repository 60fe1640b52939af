import EmailReplyParser from 'email-reply-parser';

/**
 * The new part of a shopper's e-mail: quoted history and signatures removed. email-reply-parser knows
 * the "On … wrote:" headers of many languages and `>` quoting; the patterns below add what it misses in
 * Chinese and Japanese mail clients (Gmail, Apple Mail, Foxmail, QQ/NetEase/Sina, Outlook) and Outlook's
 * "From: … Sent: …" header block in any of those languages.
 */

/** A line that starts a quoted message on its own. */
const QUOTE_HEADER_LINES: RegExp[] = [
  // 在 2026年11月20日周五 10:15，Kefu Shop <support@shop.com> 写道：   (Gmail, Foxmail; 寫道 in traditional Chinese)
  /^\s*在.{4,240}(写道|寫道)\s*[:：]?\s*$/,
  // 2026年11月20日 上午10:15，Kefu Shop <support@shop.com> 写道：   (Apple Mail zh)
  /^\s*\d{4}\s*年.{2,240}(写道|寫道)\s*[:：]?\s*$/,
  // 2026年11月20日(金) 10:15 Kefu Shop <support@shop.com>:   (Gmail ja)   … wrote: / …さんは書きました:
  /^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,240}(<[^<>\s]+@[^<>\s]+>|wrote|のメッセージ|書きました|写道|寫道)\s*[:：]\s*$/,
  // 2026/11/20 10:15、Kefu Shop のメッセージ:   2026-11-20 10:15 GMT+8, Kefu <a@b> wrote:   (Thunderbird, Apple Mail)
  /^\s*\d{4}[/.-]\d{1,2}[/.-]\d{1,2}.{0,240}(<[^<>\s]+@[^<>\s]+>|wrote|のメッセージ|書きました|写道|寫道)\s*[:：]\s*$/,
  // On Fri, Nov 20, 2026 at 10:15 AM Kefu Shop <support@shop.com> wrote:
  /^\s*On\s.{4,240}\bwrote\s*:\s*$/i,
  // ------------------ 原始邮件 ------------------ (QQ)  -----原始郵件----- (NetEase)  ----- 元のメッセージ ----- (Outlook ja)
  /^\s*[-—_=*]{2,}\s*(原始邮件|原始郵件|原邮件|原郵件|回复的原邮件|邮件原文|元のメッセージ|オリジナル\s*メッセージ|Original Message|Original E-?mail)\s*[-—_=*]{2,}\s*$/i,
];

/** The first line of Outlook's header block: 发件人: / 差出人: / 発信者: / From: … */
const FROM_LABEL =
  /^\s*\*?\s*(From|发件人|發件人|寄件者|寄件人|差出人|発信者|送信者|Von|De|Da|Van|От)\s*\*?\s*[:：]/i;
/** Lines that follow it within a few lines: the date, the recipients, the subject. */
const BLOCK_LABELS = [
  /^\s*\*?\s*(Sent|Date|发送时间|發送時間|寄件日期|时间|時間|日期|送信日時|送信日|日付|日時|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Отправлено)\s*\*?\s*[:：]/i,
  /^\s*\*?\s*(To|收件人|收件者|宛先|An|À|Para|A|Aan|Кому)\s*\*?\s*[:：]/i,
  /^\s*\*?\s*(Subject|主题|主題|主旨|件名|Betreff|Objet|Asunto|Oggetto|Onderwerp|Тема)\s*\*?\s*[:：]/i,
];
/** A rule Outlook puts above the block. */
const SEPARATOR = /^\s*([_—-]{8,}|-{2,}\s*Original Message\s*-{2,})\s*$/i;

/** Mobile and webmail signatures in Chinese and Japanese (email-reply-parser knows "Sent from my iPhone"). */
const SIGNATURE_LINES: RegExp[] = [
  /^\s*(发自|來自|来自|寄自)\s*我的\s*\S.{0,40}$/,
  /^\s*从我的\s*\S.{0,30}发送\s*$/,
  /^\s*(发自|来自)\s*(网易邮箱大师|QQ邮箱|手机QQ邮箱|Outlook|WPS邮箱|新浪邮箱|139邮箱|企业微信|钉钉).{0,30}$/,
  /^\s*(获取|取得)\s*(适用于\s*)?\S{0,20}\s*Outlook.{0,30}$/,
  /^\s*\S{0,20}\s*から送信\s*$/,
  /^\s*\S{0,20}\s*(版|用)?\s*Outlook\s*を入手.{0,20}$/,
  /^\s*Get Outlook for .{1,30}$/i,
  /^\s*Sent from my \S.{0,40}$/i,
];

const parser = new EmailReplyParser();

/**
 * email-reply-parser takes everything from a line like "Sent from …" downwards as a signature; a
 * shopper's "Sent from your Shanghai warehouse on Monday" is not one. Only these openings are trusted.
 */
const LOOSE_SIGNATURE =
  /^\s*Sent from (?!my\b|Mail\b|Outlook\b|Yahoo\b|Gmail\b|AOL\b|ProtonMail\b|Spark\b|BlueMail\b|Samsung\b|Huawei\b|Xiaomi\b)/i;

/** The parser's visible text, keeping "signatures" that are really the shopper's sentences. */
function visibleText(text: string): string {
  return parser
    .read(text)
    .getFragments()
    .filter(
      (f) => !f.isQuoted() && !f.isEmpty() && (!f.isSignature() || LOOSE_SIGNATURE.test(f.getContent())),
    )
    .map((f) => f.getContent())
    .join('\n');
}

/** Index of the first line that starts quoted history, or -1. */
export function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    // Clients wrap a long "On … wrote:" header onto two lines.
    const joined = i + 1 < lines.length ? `${line.trimEnd()} ${lines[i + 1].trim()}` : line;
    if (QUOTE_HEADER_LINES.some((re) => re.test(line) || re.test(joined))) return i;
    if (FROM_LABEL.test(line) && isHeaderBlock(lines, i)) return separatorAbove(lines, i);
  }
  return -1;
}

/** "From: …" followed within five lines by at least two of date / to / subject. */
function isHeaderBlock(lines: string[], i: number): boolean {
  const next = lines.slice(i + 1, i + 6);
  return BLOCK_LABELS.filter((re) => next.some((l) => re.test(l))).length >= 2;
}

function separatorAbove(lines: string[], i: number): number {
  let j = i - 1;
  while (j >= 0 && !lines[j].trim()) j--;
  return j >= 0 && SEPARATOR.test(lines[j]) ? j : i;
}

function dropTrailingSignature(lines: string[]): string[] {
  const out = [...lines];
  for (;;) {
    while (out.length && !out[out.length - 1].trim()) out.pop();
    if (out.length > 1 && SIGNATURE_LINES.some((re) => re.test(out[out.length - 1]))) out.pop();
    else return out;
  }
}

const tidy = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** The shopper's new words: quoted history and signatures removed. May be empty (a reply that only quotes). */
export function stripQuoted(text: string): string {
  const normalized = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u200b\ufeff]/g, (c) => (c === '\u00a0' ? ' ' : ''));
  const lines = normalized.split('\n');
  const cut = quoteStart(lines);
  const head = cut >= 0 ? lines.slice(0, cut) : lines;
  // email-reply-parser drops `>` quotes, the headers it knows and signatures ("-- ", "Sent from my iPhone").
  const reply = head.join('\n').trim() ? visibleText(head.join('\n')) : '';
  const cleaned = tidy(dropTrailingSignature(reply.split('\n')).join('\n'));
  if (cleaned || cut !== 0) return cleaned;
  // The mail starts with the quote (answered below it): keep what the parser finds visible.
  return tidy(dropTrailingSignature(visibleText(normalized).split('\n')).join('\n'));
}

/** Re:, RE[2]:, Fwd:, AW:, 回复:, 回覆:, 答复:, 转发:, 返信:, 転送: … however often repeated. */
const SUBJECT_PREFIX =
  /^\s*(?:(?:re|fwd?|aw|wg|sv|vs|tr|antw|回复|回覆|答复|答覆|转发|轉寄|转寄|転送|返信)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;

/** The subject without reply and forward prefixes. */
export function baseSubject(subject: string | null | undefined): string {
  return (subject ?? '').replace(/\s+/g, ' ').replace(SUBJECT_PREFIX, '').trim();
}

const FALLBACK_SUBJECT: Record<string, string> = { zh: '您的咨询', en: 'Your message', ja: 'お問い合わせ' };

/** "Re: <subject>" exactly once; a localized "Re: Your message" when the shopper's mail had none. */
export function replySubject(subject: string | null | undefined, locale?: string | null): string {
  const base = baseSubject(subject);
  const lang = (locale ?? '').slice(0, 2).toLowerCase();
  return `Re: ${base || FALLBACK_SUBJECT[lang] || FALLBACK_SUBJECT['zh']}`;
}
