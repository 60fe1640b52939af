import type { NluLanguage } from '@kefu/shared/contracts';
import { Script, scriptOf } from '../text/normalize';

/** A CJK character carries about as much text as three Latin letters. */
const CJK_WEIGHT = 3;
const SCAN_LIMIT = 600;

/** Kanji used in Japanese but not in simplified Chinese writing (shinjitai and kokuji). */
const JA_ONLY_HAN = new Set(
  Array.from(
    '込払済円売戻様駅辺険県斎畳枠峠栃匂働搾躾絵辻凪樫鰯沢択訳拠営労児対関図歩検証読続説変発楽帰歳気亜悪圧囲為壱隠栄衛縁桜殴穏仮価懐拡殻覚顔偽戯犠挙暁駆勲恵掲渓経継蛍軽鶏芸撃倹剣圏権顕験厳広効鉱黒砕剤雑桟蚕賛糸飼歯実釈収従渋獣縦粛処暑緒奨焼乗剰壌嬢浄譲醸寝粋酔髄瀬斉摂専戦繊銭捜挿総聡荘騒増臓蔵堕帯滝単嘆団弾遅昼鋳庁徴聴懲勅鎮塚逓鉄転伝闘徳弐悩脳廃髪抜晩賓頻侮仏併並塀餅弁舗穂豊毎満黙薬揺謡頼覧欄竜虜両猟緑涙塁鈴霊隷齢暦歴録',
  ),
);
/** Simplified-only characters that Japanese never uses: evidence for Chinese. */
const ZH_ONLY_HAN = new Set(
  Array.from('们这个吗呢么还没给说话时间货发买卖换单码钱贵吧啊哪谁怎样让进过对开关门问题应该东车长见'),
);

const EN_WORDS = new Set(
  (
    'i me my you your u ur we our it its is are was were be been am do does did have has had the a an and or but ' +
    'to of in on at for with from by about this that these those what where when why how which who can could would ' +
    'should will not no yes please pls plz thanks thank thx hi hello hey ok okay order orders item items my want need ' +
    'get got help still yet just there here any some want wanna gonna dont cant wont im ive ill isnt wasnt didnt ' +
    'refund return money account password shipping delivery package parcel payment card invoice size stock'
  ).split(' '),
);
const OTHER_LATIN_WORDS = new Set(
  (
    'le la les des est une un et où mon ma mes pas pour avec je vous nous que qui dans sur ' +
    'el los las es y en por para con mi mis que pero cómo dónde está estoy tengo ' +
    'der die das und ist nicht ich mein meine wo wie mit für ein eine bitte ' +
    'il lo gli di che non sono per una io mio dove ' +
    'o os um uma não com meu minha onde está eu ' +
    'ik het een niet mijn waar en van ' +
    'saya tidak ini itu dan apa'
  ).split(' '),
);

export interface LanguageGuess {
  language: NluLanguage;
  /** Share of the weighted letters that belong to the chosen language's script(s). */
  share: number;
}

/**
 * Detects zh / en / ja from the script mix, weighting CJK characters against Latin letters so that
 * "我的order到哪了" is Chinese and "where is my 快递" is English. Kana anywhere decides Japanese;
 * kanji-only text is Japanese only when it uses Japanese-only characters. Latin text is English unless
 * it reads like another Latin-script language. Everything else (Korean, Cyrillic, emoji, digits) is `und`.
 */
export function detectLanguage(text: string): LanguageGuess {
  let han = 0;
  let kana = 0;
  let latin = 0;
  let other = 0;
  let jaOnly = 0;
  let zhOnly = 0;
  const n = Math.min(text.length, SCAN_LIMIT);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const s = scriptOf(c);
    if (s === Script.Han) {
      han++;
      const ch = text[i];
      if (JA_ONLY_HAN.has(ch)) jaOnly++;
      else if (ZH_ONLY_HAN.has(ch)) zhOnly++;
    } else if (s === Script.Kana) kana++;
    else if (s === Script.Latin) latin++;
    else if (s === Script.Hangul || s === Script.OtherLetter) other++;
  }
  const cjk = (han + kana) * CJK_WEIGHT;
  const total = cjk + latin + other * CJK_WEIGHT;
  if (total === 0) return { language: 'und', share: 0 };
  if (other * CJK_WEIGHT > cjk && other * CJK_WEIGHT > latin) return { language: 'und', share: 0 };
  if (cjk >= latin) {
    const share = cjk / total;
    if (kana > 0 && kana * 8 >= han) return { language: 'ja', share };
    if (kana > 0 && kana >= 2) return { language: 'ja', share };
    if (jaOnly > zhOnly) return { language: 'ja', share };
    return { language: 'zh', share };
  }
  return { language: latinLanguage(text, n), share: latin / total };
}

function latinLanguage(text: string, n: number): NluLanguage {
  const words =
    text
      .slice(0, n)
      .toLowerCase()
      .match(/[a-zà-ÿ']+/g) ?? [];
  let en = 0;
  let otherLang = 0;
  let diacritics = 0;
  for (const w of words) {
    if (EN_WORDS.has(w)) en++;
    else if (OTHER_LATIN_WORDS.has(w)) otherLang++;
    if (/[à-ÿ]/.test(w)) diacritics++;
  }
  if (otherLang > en) return 'und';
  if (en === 0 && diacritics > 0) return 'und';
  return 'en';
}
