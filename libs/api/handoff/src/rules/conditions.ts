import type { ConditionTrace, RuleCondition, RuleFacts } from '@kefu/shared/contracts';

/** Patterns longer than this are not run (the schema refuses them too). */
export const MAX_PATTERN_LENGTH = 500;
/** Keywords and patterns look at the start of the message only. */
export const MAX_TEXT_CHARS = 2000;

type Actual = ConditionTrace['actual'];

const fold = (s: string) => s.normalize('NFKC').toLowerCase();
const compact = (s: string) => fold(s).replace(/\s+/g, '');
/** 0.42, 2000, 0.8 — enough digits to read, no float noise. */
const num = (n: number) => String(Math.round(n * 100) / 100);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => String(x)) : typeof v === 'string' ? [v] : [];

function trace(
  condition: RuleCondition,
  passed: boolean,
  actual: Actual,
  explanation: string,
): ConditionTrace {
  return { condition, passed, actual, explanation };
}

/** in / not_in over a text fact, case-insensitive; a missing fact fails either way. */
function membership(c: RuleCondition, name: string, actual: string | null): ConditionTrace {
  const values = list(c.value);
  const shown = values.join(', ');
  if (actual === null || actual === '')
    return trace(c, false, null, `no ${name} is known, so the condition does not hold`);
  const hit = values.some((v) => fold(v.trim()) === fold(actual));
  if (c.op === 'not_in') {
    return trace(
      c,
      !hit,
      actual,
      hit ? `${name} ${actual} is one of ${shown}` : `${name} ${actual} is not one of ${shown}`,
    );
  }
  return trace(
    c,
    hit,
    actual,
    hit ? `${name} ${actual} is one of ${shown}` : `${name} ${actual} is not one of ${shown}`,
  );
}

/** gte / lt over a number fact; a missing fact fails. */
function compare(c: RuleCondition, name: string, actual: number | null, unit = ''): ConditionTrace {
  const limit = typeof c.value === 'number' ? c.value : Number(c.value);
  if (actual === null || actual === undefined || Number.isNaN(actual)) {
    return trace(c, false, null, `no ${name} is known, so the condition does not hold`);
  }
  if (!Number.isFinite(limit))
    return trace(c, false, actual, `the condition has no number to compare ${name} with`);
  const a = `${num(actual)}${unit}`;
  const l = `${num(limit)}${unit}`;
  if (c.op === 'lt')
    return trace(
      c,
      actual < limit,
      actual,
      actual < limit ? `${name} ${a} is below ${l}` : `${name} ${a} is not below ${l}`,
    );
  return trace(
    c,
    actual >= limit,
    actual,
    actual >= limit ? `${name} ${a} is at least ${l}` : `${name} ${a} is below ${l}`,
  );
}

function keywords(c: RuleCondition, text: string): ConditionTrace {
  const head = text.slice(0, MAX_TEXT_CHARS);
  const plain = fold(head);
  const tight = compact(head);
  const words = list(c.value)
    .map((w) => w.trim())
    .filter(Boolean);
  const hits = words.filter((w) => plain.includes(fold(w)) || tight.includes(compact(w)));
  return hits.length
    ? trace(c, true, hits.join(', '), `the message contains ${hits.map((h) => `"${h}"`).join(', ')}`)
    : trace(c, false, null, `the message contains none of ${words.map((w) => `"${w}"`).join(', ')}`);
}

/** Compiles a rule's pattern (case-insensitive, Unicode); an unusable one is a reason, not an exception. */
export function compilePattern(source: unknown): RegExp | string {
  if (typeof source !== 'string' || !source) return 'the rule has no pattern';
  if (source.length > MAX_PATTERN_LENGTH)
    return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters and is not run`;
  try {
    return new RegExp(source, 'iu');
  } catch (e) {
    return `the pattern is not a valid regular expression (${(e as Error).message})`;
  }
}

function pattern(c: RuleCondition, text: string): ConditionTrace {
  const re = compilePattern(c.value);
  if (typeof re === 'string') return trace(c, false, null, re);
  const m = re.exec(text.slice(0, MAX_TEXT_CHARS).normalize('NFKC'));
  return m
    ? trace(c, true, m[0], `the message matches /${c.value}/ at "${m[0]}"`)
    : trace(c, false, null, `the message does not match /${c.value}/`);
}

function confidence(c: RuleCondition, f: RuleFacts): ConditionTrace {
  if (c.op === 'below_threshold') {
    const below = f.confidence < f.threshold;
    return trace(
      c,
      below,
      f.confidence,
      `confidence ${num(f.confidence)} is ${below ? 'below' : 'not below'} ${num(f.threshold)}, the threshold of ${f.intent}`,
    );
  }
  return compare(c, 'confidence', f.confidence);
}

function ambiguity(c: RuleCondition, f: RuleFacts): ConditionTrace {
  const margin = typeof c.value === 'number' ? c.value : Number(c.value);
  const within = f.margin < margin;
  return trace(
    c,
    within,
    f.margin,
    within
      ? `the top two intents are ${num(f.margin)} apart, closer than ${num(margin)}`
      : `the top two intents are ${num(f.margin)} apart, not closer than ${num(margin)}`,
  );
}

function businessHours(c: RuleCondition, f: RuleFacts): ConditionTrace {
  const state = f.businessHoursOpen ? 'open' : 'closed';
  const passed = state === c.value;
  return trace(c, passed, state, `the team is ${state} now${passed ? '' : `, not ${c.value}`}`);
}

/** One condition against the facts, with the value it saw and why it holds or not, in English. */
export function evaluateCondition(c: RuleCondition, f: RuleFacts): ConditionTrace {
  switch (c.field) {
    case 'intent':
      return membership(c, 'intent', f.intent);
    case 'confidence':
      return confidence(c, f);
    case 'ambiguity':
      return ambiguity(c, f);
    case 'emotion':
      return membership(c, 'emotion', f.emotion);
    case 'emotion_score':
      return compare(c, `${f.emotion} score`, f.emotionScore);
    case 'misunderstandings':
      return compare(c, 'misunderstood turns', f.misunderstandings);
    case 'keywords':
      return keywords(c, f.text ?? '');
    case 'pattern':
      return pattern(c, f.text ?? '');
    case 'customer_tier':
      return membership(c, 'customer tier', f.customerTier);
    case 'order_value':
      return compare(c, 'order value', f.orderValue);
    case 'region':
      return membership(c, 'region', f.region);
    case 'channel':
      return membership(c, 'channel', f.channel);
    case 'business_hours':
      return businessHours(c, f);
    case 'retrieval_score':
      return compare(c, 'retrieval score', f.retrievalScore);
    case 'outcome':
      return membership(c, 'outcome', f.outcome);
    case 'handoff_reason':
      return membership(c, 'hand-off reason', f.handoffReason);
    case 'idle_minutes':
      return compare(c, 'idle time', f.idleMinutes, ' min');
    case 'language':
      return membership(c, 'language', f.language);
    default:
      return trace(c, false, null, `${String((c as { field: unknown }).field)} is not a known condition`);
  }
}
