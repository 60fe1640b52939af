import type { EmotionLabel, NluEmotion, NluLanguage } from '@kefu/shared/contracts';
import { CharTrie } from '../entities/char-trie';
import { Cue, allCues } from './emotion-lexicon';

/** A clause break: negation and intensifiers do not reach across it. */
const BREAK_RE = /[，。,.!?！？；;、\n]/;
/** Japanese negation follows the word: 満足していない, 嬉しくない, 満足できません. */
const JA_NEG_AFTER_RE = /^[^。、！？!?\s]{0,5}?(?:ない|なかった|ません|ず(?:[、。]|$)|無い)/;
const KANA_RE = /[\u3040-\u30ff]/;
const PUNCT_RE = /[!！?？]{2,}/g;
const QUESTION_RE =
  /[?？吗嗎呢]|请问|請問|麻烦|能不能|可不可以|怎么|如何|什么时候|多久|\b(?:how|what|when|where|why|can|could|would|is there|do you|does)\b|ですか|ますか|でしょうか|いつ|ください/i;
const THREAT_QUESTION_RE =
  /怎么|怎麼|如何|哪里|哪裡|在哪|去哪|\bhow (?:do|can|to)\b|\bwhere\b|どうやって|どこ|方法/i;
/** It has been N days/weeks: 等了半个月, 一周了, 好几天了, for two weeks, 3日も. */
const WAITING_RE =
  /(?:等了|已经|已經|都)?(?:[\d一二两三四五六七八九十半几好多]+)\s?(?:个|個)?\s?(?:天|周|週|星期|礼拜|月|小时|小時)了|等了(?:[\d一二两三四五六七八九十半几好多]+)\s?(?:个|個)?\s?(?:天|周|週|星期|礼拜|月|小时)|\b(?:for|over|almost|nearly|more than|it'?s been|been)\s+(?:\d+|a|two|three|four|five|six|seven|eight|nine|ten|several|a few|many)\s+(?:days|weeks|months)\b|[\d一二三四五六七八九十]+\s?(?:日|週間|ヶ月|か月|カ月)(?:も|以上|経|たって)/i;

const WAITING_HINT_RE = /了|等|days|weeks|months|[日週月]/;
/** Complaint constructions no single word gives away: 也太慢了吧, 怎么这么贵. */
const PATTERNS: { re: RegExp; kind: 'frustrated' | 'angry'; weight: number; name: string }[] = [
  { re: /也太.{1,5}了吧/, kind: 'frustrated', weight: 0.9, name: '也太…了吧' },
  {
    re: /(?:怎么|为什么|為什麼|为啥)(?:这么|那么|这样|還|还).{0,4}/,
    kind: 'frustrated',
    weight: 0.6,
    name: '怎么这么',
  },
  {
    re: /(?:都|已经|已經).{0,6}(?:了|过了)[，,。！!？?]?.{0,6}(?:还|還)/,
    kind: 'frustrated',
    weight: 0.6,
    name: '都…了还',
  },
  { re: /\b(?:still|again)\b.*\?/i, kind: 'frustrated', weight: 0.4, name: 'still…?' },
  // something that should have happened did not: 没人回, 不让退, didn't arrive, hasn't responded
  {
    re: /(?<![能可要是会會行好肯])(?:没人|沒人|都没|还没|还是没|一直没|也没|根本没|从来没|不让|不给|不肯|没有|沒有|没|沒)(?:人|有)?(?:回|接|理|来(?!得)|到|发|退|处理|回复|回答|消息|动静|反应|解决|更新|收到|管|联系|通知)/,
    kind: 'frustrated',
    weight: 0.7,
    name: '没…',
  },
  {
    re: /\b(?:didn'?t|did not|hasn'?t|has not|haven'?t|have not|never|won'?t|doesn'?t|does not|still not)\s+(?:\w+\s+)?(?:arrive[ds]?|come|came|work(?:ed|s)?|show(?:ed|n)? up|respond(?:ed)?|repl(?:y|ied)|answer(?:ed)?|ship(?:ped)?|get back|gotten back|turn on|charge|fit|close)\b/i,
    kind: 'frustrated',
    weight: 0.8,
    name: "didn't…",
  },
];
const PATTERN_HINT_RE = /太|怎么|为什么|為什麼|为啥|都|已经|已經|没|沒|不|still|again|n'?t|not|never/i;
/** 别/不要 before a complaint word is an order (别再让我等了), not a negation. */
const IMPERATIVE_NEGATORS = new Set(['别', '別', '不要']);

const trie = new CharTrie<Cue>();
for (const cue of allCues()) trie.set(cue.word, { ...cue, word: cue.word.replace(/\*$/, '') });

interface Hit {
  start: number;
  end: number;
  cue: Cue;
}

function isLatinStart(word: string): boolean {
  return /^[a-z']/i.test(word);
}

function squash(x: number): number {
  return Math.round(Math.min(0.99, Math.max(0.5, 1 - Math.exp(-1.2 * x))) * 100) / 100;
}

/**
 * Lexicon-based emotion of one shopper message: angry | frustrated | neutral | happy with a 0..1 score
 * and the signals behind it. Reads zh, en and ja cues whatever `language` says (shoppers mix them);
 * `language` only turns on Japanese post-negation for texts without kana.
 */
export class EmotionAnalyzer {
  analyze(text: string, language: NluLanguage): NluEmotion {
    const signals: string[] = [];
    if (!text || !text.trim()) return { label: 'neutral', score: 0.9, signals };

    const hits: Hit[] = [];
    trie.scan(text, (start, end, cue) => {
      hits.push({ start, end, cue });
    });

    let angry = 0;
    let frustrated = 0;
    let happy = 0;
    let thanks = 0;
    let threat = 0;
    let sarcasm = 0;
    let sarcasmStrong = false;
    const jaNeg = language === 'ja' || KANA_RE.test(text);
    const threats: string[] = [];
    const sarcasms: string[] = [];

    for (let h = 0; h < hits.length; h++) {
      const { start, end, cue } = hits[h];
      const kind = cue.kind;
      if (kind === 'negator' || kind === 'intensifier' || kind === 'shield') continue;
      if (kind === 'threat') {
        threat += cue.weight;
        threats.push(cue.word);
        signals.push(`threat:${cue.word}`);
        continue;
      }
      if (kind === 'sarcasm') {
        sarcasm += cue.weight;
        if (cue.weight >= 0.5) sarcasmStrong = true;
        sarcasms.push(cue.word);
        continue;
      }
      let w = cue.weight;
      if (cue.emoji) {
        if (kind === 'angry') angry += w;
        else if (kind === 'frustrated') frustrated += w;
        else happy += w;
        signals.push(`emoji:${cue.word}`);
        continue;
      }
      // negators and intensifiers just before the cue, in the same clause
      const latin = isLatinStart(cue.word);
      const reach = latin ? 14 : 3;
      let negations = 0;
      let imperative = 0;
      let intensifier: string | undefined;
      for (let k = h - 1; k >= 0; k--) {
        const prev = hits[k];
        if (start - prev.end > reach) break;
        const gap = text.slice(prev.end, start);
        if (BREAK_RE.test(gap)) break;
        if (prev.cue.kind === 'negator') {
          negations++;
          if (IMPERATIVE_NEGATORS.has(prev.cue.word)) imperative++;
        } else if (prev.cue.kind === 'intensifier') intensifier ??= prev.cue.word;
        else if (prev.cue.kind !== 'shield') break;
      }
      if (kind === 'happy' && negations === 0 && jaNeg && JA_NEG_AFTER_RE.test(text.slice(end, end + 9)))
        negations = 1;
      if (intensifier) {
        w *= 1.5;
        signals.push(`intensifier:${intensifier}`);
      }
      if (kind === 'happy') {
        if (negations % 2 === 1) {
          frustrated += 0.9 * w;
          signals.push(`negation:${cue.word}`);
        } else if (negations >= 2) {
          happy += 0.4 * w;
          signals.push(`double_negation:${cue.word}`);
        } else {
          happy += w;
          if (cue.thanks) thanks += w;
          signals.push(`happy:${cue.word}`);
        }
      } else if ((negations - imperative) % 2 === 1) {
        signals.push(`negated:${cue.word}`);
      } else if (kind === 'angry') {
        angry += w;
        signals.push(`angry:${cue.word}`);
      } else {
        frustrated += w;
        signals.push(`frustrated:${cue.word}`);
      }
    }

    if (PATTERN_HINT_RE.test(text)) {
      for (const p of PATTERNS) {
        if (!p.re.test(text)) continue;
        if (p.kind === 'angry') angry += p.weight;
        else frustrated += p.weight;
        signals.push(`pattern:${p.name}`);
      }
    }
    const waiting = WAITING_HINT_RE.test(text) ? WAITING_RE.exec(text) : null;
    if (waiting) {
      frustrated += 0.9;
      signals.push(`waiting:${waiting[0].trim()}`);
    }

    if (thanks > 0 && QUESTION_RE.test(text)) happy -= thanks * 0.5;

    if (sarcasm > 0) {
      if (sarcasmStrong || angry + frustrated > 0) {
        frustrated += sarcasm + happy * 0.8;
        happy = 0;
        for (const s of sarcasms) signals.push(`sarcasm:${s}`);
      } else {
        happy += 0.8;
      }
    }

    // arousal: repeated punctuation and shouting push whatever polarity is there
    let exclaim = 0;
    let asks = 0;
    PUNCT_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PUNCT_RE.exec(text))) {
      if (/[!！]/.test(m[0])) exclaim += m[0].length >= 3 ? 1.2 : 1;
      if (/[?？]/.test(m[0])) asks++;
      signals.push(`punctuation:${m[0]}`);
    }
    const shouting = isShouting(text);
    if (shouting) signals.push('shouting');

    const negBefore = angry + frustrated + threat;
    if (negBefore > 0) {
      angry += 0.5 * Math.min(exclaim, 2) + (shouting ? 0.8 : 0);
      frustrated += 0.4 * Math.min(asks, 2);
    } else if (happy > 0 && !shouting) {
      happy += 0.3 * Math.min(exclaim, 2);
    } else {
      frustrated += 0.6 * Math.min(asks, 2) + 0.4 * Math.min(exclaim, 2) + (shouting ? 0.6 : 0);
      // shouting together with !!! or ??? is anger
      angry += shouting ? (exclaim + asks > 0 ? 1.1 : 0.4) : 0;
    }

    // a threat only asked about ("怎么投诉") is frustration, not yet anger
    const threatAsked = threat > 0 && angry + frustrated === 0 && THREAT_QUESTION_RE.test(text);
    if (threatAsked) frustrated += threat * 0.7;
    else angry += threat;

    const neg = angry + frustrated;
    let label: EmotionLabel;
    let score: number;
    if (neg >= 0.5 && neg >= happy * 0.7) {
      // a threat that is not just a question about how to complain settles it: angry
      const threatened = threat > 0 && !threatAsked;
      label = threatened || (angry >= 1 && angry >= frustrated * 0.7) ? 'angry' : 'frustrated';
      score = squash(neg - happy * 0.3);
    } else if (happy >= 0.5) {
      label = 'happy';
      score = squash(happy - neg * 0.5);
    } else {
      label = 'neutral';
      score = Math.round(Math.max(0.5, 0.95 - Math.max(neg, Math.max(happy, 0)) * 0.6) * 100) / 100;
    }
    return { label, score, signals: signals.length > 12 ? signals.slice(0, 12) : signals };
  }
}

/** Mostly upper-case Latin of some length: WHERE IS MY ORDER. */
function isShouting(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
  }
  return upper >= 10 && upper >= 0.75 * (upper + lower);
}
