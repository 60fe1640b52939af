import type { HandoffSettings, NluResult, RuleEvent, RuleFacts } from '@kefu/shared/contracts';

/** What the caller knows about the message and the shopper when rules are evaluated. */
export interface FactsInput {
  event: RuleEvent;
  text: string;
  nlu: NluResult | null;
  settings: HandoffSettings;
  channel: string;
  customerTier: string | null;
  /** The order talked about (or the latest), in major units. */
  orderValue: number | null;
  region: string | null;
  /** Whether the team the hand-off would go to is open now. */
  businessHoursOpen: boolean;
  misunderstandings: number;
  retrievalScore?: number | null;
  outcome?: string | null;
  handoffReason?: string | null;
  idleMinutes?: number | null;
}

/** The intent's own confidence threshold, or the default (0.85). */
export function thresholdOf(intent: string, settings: HandoffSettings): number {
  return settings.intentThresholds[intent] ?? settings.defaultThreshold;
}

/** The facts rules are evaluated over (the same for the live path and the rule tester). */
export function factsFrom(i: FactsInput): RuleFacts {
  const ranking = i.nlu?.ranking ?? [];
  const intent = i.nlu?.intent ?? 'none';
  return {
    event: i.event,
    text: i.text,
    language: i.nlu?.language ?? 'und',
    intent,
    confidence: i.nlu?.confidence ?? 0,
    threshold: thresholdOf(intent, i.settings),
    margin: ranking.length >= 2 ? Math.max(0, ranking[0].confidence - ranking[1].confidence) : 1,
    emotion: i.nlu?.emotion.label ?? 'neutral',
    emotionScore: i.nlu?.emotion.score ?? 0,
    misunderstandings: i.misunderstandings,
    customerTier: i.customerTier,
    orderValue: i.orderValue,
    region: i.region,
    channel: i.channel,
    businessHoursOpen: i.businessHoursOpen,
    retrievalScore: i.retrievalScore ?? null,
    outcome: i.outcome ?? null,
    handoffReason: i.handoffReason ?? null,
    idleMinutes: i.idleMinutes ?? null,
  };
}
