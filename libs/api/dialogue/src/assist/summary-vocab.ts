import type { EmotionLabel, HandoffReason } from '@kefu/shared/contracts';
import type { Lang } from '../engine/vocab';
import type { ProfileTag } from '../profile/contact-profile';

/**
 * The words of the offline hand-off summary in the shopper's language (the summary is read next to the
 * shopper's messages, so it speaks their language, whatever the agent's UI language is). Intent names
 * come from the admin-editable `topic.<intent>` templates; everything else is here.
 */
export interface SummaryWords {
  order: string;
  outcome: Record<string, string>;
  reason: Record<HandoffReason, string>;
  mood: Record<EmotionLabel, string>;
  moodUnknown: string;
  /** The shopper asked for a person without saying what about. */
  wantsPerson: string;
  wantsUnknown: string;
  misunderstood: (times: number) => string;
  facts: {
    reason: string;
    /** Claude's note for the agent when it handed off. */
    note: string;
    orders: string;
    tracking: string;
    money: string;
    product: string;
    tier: string;
    tags: string;
  };
  slot: Record<string, string>;
  tag: Record<ProfileTag, string>;
  /** `topic (outcome): what the bot said`. */
  tried: (topic: string, outcome: string, said: string | null) => string;
  /** `label: value`. */
  fact: (label: string, value: string) => string;
  list: string;
  /** A note's section headings (the note is plain text). */
  heading: { wants: string; tried: string; facts: string; mood: string; title: string };
}

const ZH: SummaryWords = {
  order: '订单',
  outcome: {
    answered: '已答复',
    asked: '追问了信息',
    refused: '被拒绝',
    not_found: '未找到',
    unavailable: '系统暂不可用',
    cancelled: '顾客取消',
    verify_failed: '身份验证失败',
    handoff: '转人工',
  },
  reason: {
    customer_request: '顾客要求人工客服',
    low_confidence: '机器人没有把握',
    negative_emotion: '顾客情绪不满',
    policy: '按规则需人工处理',
    missing_knowledge: '知识库没有答案',
    tool_failure: '系统操作失败',
    vip: 'VIP 客户',
  },
  mood: { angry: '生气', frustrated: '着急/不满', neutral: '平静', happy: '满意' },
  moodUnknown: '未知',
  wantsPerson: '要求人工客服(未说明具体问题)',
  wantsUnknown: '尚未说明具体问题',
  misunderstood: (n) => `机器人未能理解顾客的意思(${n} 次)`,
  facts: {
    reason: '转人工原因',
    note: 'Claude 的交接备注',
    orders: '订单',
    tracking: '运单号',
    money: '金额',
    product: '商品',
    tier: '客户等级',
    tags: '客户特征',
  },
  slot: {
    size: '尺码',
    colour: '颜色',
    storage: '容量',
    quantity: '数量',
    reason: '原因',
    product_query: '商品',
  },
  tag: {
    price_sensitive: '价格敏感',
    frequent_returner: '经常退货',
    vip: 'VIP',
    repeat_complainer: '多次投诉',
    needs_human: '常需人工',
    new_customer: '新客户',
  },
  tried: (topic, outcome, said) => `${topic}(${outcome})${said ? `:${said}` : ''}`,
  fact: (label, value) => `${label}:${value}`,
  list: '、',
  heading: { title: '转人工摘要', wants: '诉求', tried: '机器人已尝试', facts: '要点', mood: '情绪' },
};

const EN: SummaryWords = {
  order: 'order',
  outcome: {
    answered: 'answered',
    asked: 'asked for details',
    refused: 'refused',
    not_found: 'not found',
    unavailable: 'system unavailable',
    cancelled: 'cancelled by the shopper',
    verify_failed: 'verification failed',
    handoff: 'handed off',
  },
  reason: {
    customer_request: 'the shopper asked for a person',
    low_confidence: 'the bot was not sure',
    negative_emotion: 'the shopper is upset',
    policy: 'a rule sends it to a person',
    missing_knowledge: 'no answer in the knowledge base',
    tool_failure: 'a system action failed',
    vip: 'VIP customer',
  },
  mood: { angry: 'angry', frustrated: 'frustrated', neutral: 'calm', happy: 'happy' },
  moodUnknown: 'unknown',
  wantsPerson: 'asked for a person without saying what about',
  wantsUnknown: 'has not said what about yet',
  misunderstood: (n) => `the bot did not understand the shopper (${n} ${n === 1 ? 'time' : 'times'})`,
  facts: {
    reason: 'Hand-off reason',
    note: "Claude's hand-off note",
    orders: 'Orders',
    tracking: 'Tracking numbers',
    money: 'Amounts',
    product: 'Product',
    tier: 'Customer tier',
    tags: 'Customer traits',
  },
  slot: {
    size: 'Size',
    colour: 'Colour',
    storage: 'Storage',
    quantity: 'Quantity',
    reason: 'Reason',
    product_query: 'Product',
  },
  tag: {
    price_sensitive: 'price-sensitive',
    frequent_returner: 'returns often',
    vip: 'VIP',
    repeat_complainer: 'complained before',
    needs_human: 'often needs a person',
    new_customer: 'new customer',
  },
  tried: (topic, outcome, said) => `${topic} (${outcome})${said ? `: ${said}` : ''}`,
  fact: (label, value) => `${label}: ${value}`,
  list: ', ',
  heading: {
    title: 'Hand-off summary',
    wants: 'Wants',
    tried: 'The bot tried',
    facts: 'Facts',
    mood: 'Mood',
  },
};

const JA: SummaryWords = {
  order: '注文',
  outcome: {
    answered: '回答済み',
    asked: '追加情報を質問',
    refused: 'お断り',
    not_found: '見つからず',
    unavailable: 'システム利用不可',
    cancelled: 'お客様が取り消し',
    verify_failed: '本人確認に失敗',
    handoff: '担当者へ引き継ぎ',
  },
  reason: {
    customer_request: 'お客様が担当者を希望',
    low_confidence: 'ボットの確信度が低い',
    negative_emotion: 'お客様がご不満',
    policy: 'ルールにより担当者対応',
    missing_knowledge: 'ナレッジに回答なし',
    tool_failure: 'システム操作に失敗',
    vip: 'VIP のお客様',
  },
  mood: { angry: '怒り', frustrated: '不満・焦り', neutral: '落ち着いている', happy: '満足' },
  moodUnknown: '不明',
  wantsPerson: '担当者を希望(ご用件は未確認)',
  wantsUnknown: 'ご用件は未確認',
  misunderstood: (n) => `ボットがお客様の意図を理解できず(${n} 回)`,
  facts: {
    reason: '引き継ぎ理由',
    note: 'Claudeの引き継ぎメモ',
    orders: '注文',
    tracking: '追跡番号',
    money: '金額',
    product: '商品',
    tier: '会員ランク',
    tags: 'お客様の傾向',
  },
  slot: {
    size: 'サイズ',
    colour: 'カラー',
    storage: '容量',
    quantity: '数量',
    reason: '理由',
    product_query: '商品',
  },
  tag: {
    price_sensitive: '価格重視',
    frequent_returner: '返品が多い',
    vip: 'VIP',
    repeat_complainer: '苦情歴あり',
    needs_human: '担当者対応が多い',
    new_customer: '新規のお客様',
  },
  tried: (topic, outcome, said) => `${topic}(${outcome})${said ? `:${said}` : ''}`,
  fact: (label, value) => `${label}:${value}`,
  list: '、',
  heading: {
    title: '引き継ぎサマリー',
    wants: 'ご用件',
    tried: 'ボットの対応',
    facts: '要点',
    mood: 'ご様子',
  },
};

export const SUMMARY_WORDS: Record<Lang, SummaryWords> = { zh: ZH, en: EN, ja: JA };

/** Language names for the model's instructions. */
export const LANGUAGE_NAMES: Record<Lang, string> = {
  zh: 'Simplified Chinese',
  en: 'English',
  ja: 'Japanese',
};
