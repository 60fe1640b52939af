import type { HandoffReason, NluResult, Priority, SafetyTrace, SafetyTrigger } from '@kefu/shared/contracts';
import { SAFETY_TRIGGERS } from '@kefu/shared/contracts';
import {
  CUSTOMER_REQUEST,
  CUSTOMER_REQUEST_NOT,
  HARM_THREAT,
  LEGAL_SIGNAL_WORDS,
  LEGAL_THREAT,
  SafetyPatterns,
  SELF_HARM,
} from './safety-lexicon';

/** What a fired safety trigger hands off with. */
export interface SafetyTriggerInfo {
  trigger: SafetyTrigger;
  description: string;
  reason: HandoffReason;
  priority: Priority;
}

/** The four built-in triggers, in the order of precedence when several fire (the first one gives the reason). */
export const SAFETY_TRIGGER_INFO: readonly SafetyTriggerInfo[] = [
  {
    trigger: 'self_harm',
    description:
      'The shopper talks of harming themselves ("不想活了", "kill myself", "死にたい"). Goes to a human at once, first in the queue.',
    reason: 'negative_emotion',
    priority: 'urgent',
  },
  {
    trigger: 'harm_threat',
    description:
      'The shopper threatens violence against staff or others ("弄死你", "bomb your store", "殺すぞ"). Goes to a human at once, first in the queue.',
    reason: 'negative_emotion',
    priority: 'urgent',
  },
  {
    trigger: 'legal_threat',
    description:
      'The shopper threatens legal action or a complaint to the authorities: a lawyer, a lawsuit, a chargeback, 12315, the consumer association ("律师", "sue you", "弁護士").',
    reason: 'policy',
    priority: 'high',
  },
  {
    trigger: 'customer_request',
    description:
      'The shopper asks for a person ("转人工", "talk to a human", "オペレーター"), or the language engine reads the request for a human agent. Not for "are you a robot?" or "no need for a human".',
    reason: 'customer_request',
    priority: 'normal',
  },
];

export const safetyInfoOf = (t: SafetyTrigger): SafetyTriggerInfo =>
  SAFETY_TRIGGER_INFO.find((i) => i.trigger === t) as SafetyTriggerInfo;

/** What detectSafety reads of the language engine's result (a full NluResult fits). */
export type SafetyNlu = Pick<NluResult, 'intent' | 'confidence'> & {
  emotion?: { signals: readonly string[] };
};

const MAX_CHARS = 4000;
/** How sure the language engine must be of contact_human_agent to count as a request. */
export const HUMAN_INTENT_CONFIDENCE = 0.5;

interface Forms {
  cjk: string;
  latin: string;
}

/** The two normal forms the patterns run on (see safety-lexicon.ts). */
export function normalForms(text: string): Forms {
  const folded = text
    .slice(0, MAX_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  return {
    cjk: folded.replace(/[\s\p{P}\p{S}]+/gu, ''),
    latin: ` ${folded
      .replace(/'/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()} `,
  };
}

function firstMatch(forms: Forms, patterns: SafetyPatterns): string | null {
  for (const re of patterns.cjk) {
    const m = re.exec(forms.cjk);
    if (m) return m[0];
  }
  for (const re of patterns.latin) {
    const m = re.exec(forms.latin);
    if (m) return m[0].trim();
  }
  return null;
}

/** Removes every negation / question phrase; says whether any was there. */
function strip(forms: Forms, patterns: SafetyPatterns): { forms: Forms; found: boolean } {
  let found = false;
  const cut = (s: string, list: RegExp[], gap: string) =>
    list.reduce((acc, re) => {
      const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
      return acc.replace(g, () => {
        found = true;
        return gap;
      });
    }, s);
  const out = { cjk: cut(forms.cjk, patterns.cjk, '#'), latin: cut(forms.latin, patterns.latin, ' # ') };
  return { forms: out, found };
}

function customerRequest(forms: Forms, nlu: SafetyNlu | null): string | null {
  const { forms: rest, found: negated } = strip(forms, CUSTOMER_REQUEST_NOT);
  const words = firstMatch(rest, CUSTOMER_REQUEST);
  if (words) return words;
  if (!negated && nlu?.intent === 'contact_human_agent' && nlu.confidence >= HUMAN_INTENT_CONFIDENCE) {
    return `intent contact_human_agent (${nlu.confidence.toFixed(2)})`;
  }
  return null;
}

function legalThreat(forms: Forms, nlu: SafetyNlu | null): string | null {
  const words = firstMatch(forms, LEGAL_THREAT);
  if (words) return words;
  const signal = (nlu?.emotion?.signals ?? []).find(
    (s) => s.startsWith('threat:') && LEGAL_SIGNAL_WORDS.has(s.slice(7)),
  );
  return signal ? `emotion signal ${signal}` : null;
}

/**
 * The four safety triggers for one message: always all four, each fired or not, with its evidence
 * (the words matched, or the language engine's signal). Pure; Chinese, English and Japanese.
 */
export function detectSafety(text: string, nlu: SafetyNlu | null): SafetyTrace[] {
  const forms = normalForms(text ?? '');
  const evidence: Record<SafetyTrigger, string | null> = {
    customer_request: customerRequest(forms, nlu),
    legal_threat: legalThreat(forms, nlu),
    harm_threat: firstMatch(forms, HARM_THREAT),
    self_harm: firstMatch(forms, SELF_HARM),
  };
  return SAFETY_TRIGGERS.map((trigger) => ({
    trigger,
    fired: evidence[trigger] !== null,
    evidence: evidence[trigger],
  }));
}

/** The trigger a hand-off is made for when several fired (self-harm first, then harm, legal, request). */
export function leadingTrigger(traces: readonly SafetyTrace[]): SafetyTriggerInfo | null {
  return (
    SAFETY_TRIGGER_INFO.find((info) => traces.some((t) => t.fired && t.trigger === info.trigger)) ?? null
  );
}
