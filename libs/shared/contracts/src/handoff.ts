import { z } from 'zod';
import type { ConversationDto, Page } from './conversation';
import type { NluResult } from './nlu';
import { businessHoursSchema } from './inbox';

/**
 * Escalation rules, routing, the agent workspace and the kill switch (libs/api/handoff).
 * Shared by the API (validation) and the admin (forms, the condition builder).
 */

/** Why a conversation went to a human: the fixed list reports group by. */
export const HANDOFF_REASONS = [
  'customer_request',
  'low_confidence',
  'negative_emotion',
  'policy',
  'missing_knowledge',
  'tool_failure',
  'vip',
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** Queue priority; higher is served first. Stored as 1..4 on the conversation. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_RANK: Record<Priority, number> = { low: 1, normal: 2, high: 3, urgent: 4 };
export const priorityOfRank = (rank: number): Priority => PRIORITIES[Math.min(Math.max(Math.round(rank), 1), 4) - 1];

/**
 * When a rule is evaluated:
 * - `message_understood`: the language engine has read the shopper's message, before the bot answers;
 * - `before_reply`: the bot's answer is ready, before it is sent (sees the outcome and retrieval score);
 * - `handoff`: a conversation is about to go to a human (any trigger): choose team, priority, tags;
 * - `conversation_idle`: a bot conversation has had no message from the shopper for a while.
 */
export const RULE_EVENTS = ['message_understood', 'before_reply', 'handoff', 'conversation_idle'] as const;
export type RuleEvent = (typeof RULE_EVENTS)[number];

export const CONDITION_FIELDS = [
  'intent',
  'confidence',
  'ambiguity',
  'emotion',
  'emotion_score',
  'misunderstandings',
  'keywords',
  'pattern',
  'customer_tier',
  'order_value',
  'region',
  'channel',
  'business_hours',
  'retrieval_score',
  'outcome',
  'handoff_reason',
  'idle_minutes',
  'language',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const CONDITION_OPS = ['in', 'not_in', 'lt', 'gte', 'below_threshold', 'within', 'contains_any', 'matches', 'is'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** What each condition field accepts: its operators, the kind of value, and the events that know it. */
export interface ConditionFieldSpec {
  ops: readonly ConditionOp[];
  /** `list`: string[]; `number`: a number (min/max); `text`: a regex source; `state`: 'open' | 'closed'; `none`. */
  value: 'list' | 'number' | 'text' | 'state' | 'none';
  min?: number;
  max?: number;
  /** Events at which the field has a value; absent = every event. */
  events?: readonly RuleEvent[];
}

const READ_EVENTS: readonly RuleEvent[] = ['message_understood', 'before_reply', 'handoff'];

export const CONDITION_SPECS: Record<ConditionField, ConditionFieldSpec> = {
  intent: { ops: ['in', 'not_in'], value: 'list', events: READ_EVENTS },
  /** `below_threshold` compares with the intent's own threshold (default 0.85); `lt`/`gte` with a number. */
  confidence: { ops: ['below_threshold', 'lt', 'gte'], value: 'number', min: 0, max: 1, events: READ_EVENTS },
  /** The top two intents are closer than the margin (value). */
  ambiguity: { ops: ['within'], value: 'number', min: 0, max: 1, events: READ_EVENTS },
  emotion: { ops: ['in', 'not_in'], value: 'list', events: READ_EVENTS },
  emotion_score: { ops: ['gte', 'lt'], value: 'number', min: 0, max: 1, events: READ_EVENTS },
  /** Consecutive turns the bot did not understand, this one included. */
  misunderstandings: { ops: ['gte', 'lt'], value: 'number', min: 0, max: 20 },
  keywords: { ops: ['contains_any'], value: 'list', events: READ_EVENTS },
  pattern: { ops: ['matches'], value: 'text', events: READ_EVENTS },
  customer_tier: { ops: ['in', 'not_in'], value: 'list' },
  /** The total of the order talked about (or the shopper's latest), in major units of its currency. */
  order_value: { ops: ['gte', 'lt'], value: 'number', min: 0, max: 100_000_000 },
  region: { ops: ['in', 'not_in'], value: 'list' },
  channel: { ops: ['in', 'not_in'], value: 'list' },
  /** Whether the default team (or the rule's hand-off team) is within its business hours. */
  business_hours: { ops: ['is'], value: 'state' },
  /** The best knowledge-base match, 0..1 (0 when nothing matched). */
  retrieval_score: { ops: ['lt', 'gte'], value: 'number', min: 0, max: 1, events: ['before_reply'] },
  /** How the bot's turn ended: answered, asked, misunderstood, not_found, refused, unavailable, ... */
  outcome: { ops: ['in', 'not_in'], value: 'list', events: ['before_reply', 'handoff'] },
  handoff_reason: { ops: ['in', 'not_in'], value: 'list', events: ['handoff'] },
  idle_minutes: { ops: ['gte'], value: 'number', min: 1, max: 10_080, events: ['conversation_idle'] },
  language: { ops: ['in', 'not_in'], value: 'list', events: READ_EVENTS },
};

export const ruleConditionSchema = z
  .object({
    field: z.enum(CONDITION_FIELDS),
    op: z.enum(CONDITION_OPS),
    value: z.union([z.number(), z.string().max(500), z.array(z.string().trim().min(1).max(200)).max(200)]).optional(),
  })
  .superRefine((c, ctx) => {
    const spec = CONDITION_SPECS[c.field];
    if (!spec.ops.includes(c.op)) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `${c.field} takes ${spec.ops.join(' or ')}, not ${c.op}` });
      return;
    }
    const v = c.value;
    if (spec.value === 'list' && (!Array.isArray(v) || v.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.field} needs a list of at least one value` });
    }
    if (spec.value === 'number' && !(c.field === 'confidence' && c.op === 'below_threshold')) {
      if (typeof v !== 'number' || !Number.isFinite(v)) ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.field} needs a number` });
      else if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.field} must be between ${spec.min} and ${spec.max}` });
      }
    }
    if (spec.value === 'state' && v !== 'open' && v !== 'closed') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.field} is 'open' or 'closed'` });
    }
    if (spec.value === 'text') {
      if (typeof v !== 'string' || !v.trim()) ctx.addIssue({ code: 'custom', path: ['value'], message: 'enter a pattern' });
      else {
        try {
          new RegExp(v, 'iu');
        } catch (e) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid regular expression: ${(e as Error).message}` });
        }
      }
    }
  });
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

const uuid = z.string().uuid();

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('handoff'),
    /** null: the routing default (VIP team for VIP shoppers, else the default team). */
    teamId: uuid.nullable().default(null),
    priority: z.enum(PRIORITIES).default('normal'),
    reason: z.enum(HANDOFF_REASONS),
  }),
  /** A reply template by key (see Templates); sent to the shopper before any hand-off message. */
  z.object({ type: z.literal('send_template'), templateKey: z.string().trim().min(1).max(100) }),
  z.object({ type: z.literal('tag'), tags: z.array(z.string().trim().min(1).max(50)).min(1).max(20) }),
  z.object({ type: z.literal('set_priority'), priority: z.enum(PRIORITIES) }),
  /** A notification in the workspace (and the `handoff.notified` event) for a team, its lead, or one user. */
  z.object({
    type: z.literal('notify'),
    target: z.enum(['team', 'team_lead', 'user']),
    teamId: uuid.nullable().default(null),
    userId: uuid.nullable().default(null),
    message: z.string().trim().max(500).default(''),
  }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1, 'give the rule a name').max(120),
    description: z.string().trim().max(1000).default(''),
    enabled: z.boolean().default(true),
    event: z.enum(RULE_EVENTS),
    /** `all`: every condition must hold; `any`: one is enough. */
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(ruleConditionSchema).max(30).default([]),
    actions: z.array(ruleActionSchema).min(1, 'a rule needs at least one action').max(10),
    /** Later rules of the same event are not evaluated once this one fired. */
    stopProcessing: z.boolean().default(false),
  })
  .superRefine((r, ctx) => {
    r.conditions.forEach((c, i) => {
      const events = CONDITION_SPECS[c.field].events;
      if (events && !events.includes(r.event)) {
        ctx.addIssue({ code: 'custom', path: ['conditions', i, 'field'], message: `${c.field} is not known at ${r.event}; use it with ${events.join(', ')}` });
      }
    });
    if (r.event === 'handoff' && r.actions.some((a) => a.type === 'send_template')) {
      // allowed: e.g. a VIP-specific hand-off message
    }
  });
export type RuleInput = z.infer<typeof ruleInputSchema>;
export const rulePatchSchema = z.object({ enabled: z.boolean() });

export interface EscalationRuleDto extends RuleInput {
  id: string;
  /** 1-based order within the whole list. */
  position: number;
  /** Bumped on every change; the history keeps each version. */
  version: number;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

export const reorderRulesSchema = z.object({ ids: z.array(uuid).min(1) });

export interface RuleVersionDto {
  ruleId: string;
  version: number;
  change: 'created' | 'updated' | 'enabled' | 'disabled' | 'deleted' | 'reordered';
  /** The rule as it was after this change (null when deleted). */
  rule: RuleInput | null;
  actor: { id: string; name: string } | null;
  at: string;
}

/**
 * The built-in safety triggers. They run before every rule and cannot be switched off:
 * the shopper asks for a human, threatens legal action, threatens harm, or talks of self-harm.
 */
export const SAFETY_TRIGGERS = ['customer_request', 'legal_threat', 'harm_threat', 'self_harm'] as const;
export type SafetyTrigger = (typeof SAFETY_TRIGGERS)[number];
/** GET /api/v1/handoff/safety-triggers: the built-in triggers, always on. */
export interface SafetyTriggerDto {
  trigger: SafetyTrigger;
  description: string;
  reason: HandoffReason;
  priority: Priority;
}

export const handoffSettingsSchema = z.object({
  /** Below this the bot is not sure: the two-stage fallback (confirm, then rephrase) applies. */
  defaultThreshold: z.number().min(0).max(1).default(0.85),
  /** Per intent; an intent not listed uses the default. */
  intentThresholds: z.record(z.string().regex(/^[a-z_]{2,60}$/, 'intent names are lower_snake_case'), z.number().min(0).max(1)).default({}),
  /** Top two intents closer than this count as ambiguous. */
  ambiguityMargin: z.number().min(0).max(1).default(0.1),
  /** Misunderstood turns (after the confirm and the rephrase) before the hand-off. */
  misunderstandingLimit: z.number().int().min(1).max(10).default(3),
  /** Where hand-offs go when no rule names a team. */
  defaultTeamId: uuid.nullable().default(null),
  /** Where VIP shoppers go when no rule names a team. */
  vipTeamId: uuid.nullable().default(null),
  /** Customer tiers that count as VIP. */
  vipTiers: z.array(z.string().trim().min(1).max(40)).max(20).default(['vip', 'gold']),
  /** A bot conversation without a shopper message for this long is idle (conversation_idle rules). */
  idleMinutes: z.number().int().min(1).max(10_080).default(30),
});
export type HandoffSettings = z.infer<typeof handoffSettingsSchema>;
/** GET/PUT /api/v1/handoff/settings. */
export type HandoffSettingsDto = HandoffSettings & { version: number; updatedAt: string | null; updatedBy: { id: string; name: string } | null };
export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = handoffSettingsSchema.parse({});

// ---------------------------------------------------------------- teams

export const ASSIGNMENT_STRATEGIES = ['least_load', 'round_robin'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export const teamMemberInputSchema = z.object({
  userId: uuid,
  /** Conversations this member works at once; auto-assignment stops there. */
  capacity: z.number().int().min(1).max(100).default(5),
});

export const teamInputSchema = z.object({
  name: z.string().trim().min(1, 'give the team a name').max(80),
  description: z.string().trim().max(500).default(''),
  assignment: z.enum(ASSIGNMENT_STRATEGIES).default('least_load'),
  /** The same shape as an inbox's hours; `enabled: false` = always open. */
  businessHours: businessHoursSchema.default({ enabled: false, timezone: 'Asia/Shanghai', days: [] }),
  /** No human answer within this many minutes of the hand-off: escalate. null: never. */
  escalateAfterMinutes: z.number().int().min(1).max(1440).nullable().default(null),
  escalationAction: z.enum(['reassign', 'notify_lead']).default('notify_lead'),
  leadUserId: uuid.nullable().default(null),
  members: z.array(teamMemberInputSchema).max(500).default([]),
});
export type TeamInput = z.infer<typeof teamInputSchema>;

export const AGENT_AVAILABILITY = ['online', 'busy', 'offline'] as const;
export type AgentAvailability = (typeof AGENT_AVAILABILITY)[number];
export const availabilitySchema = z.object({ availability: z.enum(AGENT_AVAILABILITY) });

export interface TeamMemberDto {
  userId: string;
  name: string;
  role: string;
  capacity: number;
  availability: AgentAvailability;
  /** Conversations assigned to this member that are not resolved. */
  load: number;
}

export interface TeamDto extends Omit<TeamInput, 'members'> {
  id: string;
  members: TeamMemberDto[];
  /** Handed off and waiting for a human. */
  waiting: number;
  /** Whether the team is within its business hours now. */
  openNow: boolean;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------- kill switch

export const PAUSE_SCOPES = ['global', 'channel', 'intent'] as const;
export type PauseScope = (typeof PAUSE_SCOPES)[number];
export const pauseInputSchema = z
  .object({
    scope: z.enum(PAUSE_SCOPES),
    /** The channel (api, widget, wechat, email) or intent; empty for global. */
    value: z.string().trim().max(60).nullable().default(null),
    reason: z.string().trim().max(500).default(''),
  })
  .refine((p) => (p.scope === 'global' ? !p.value : !!p.value), { message: 'a channel or intent pause names its channel or intent; a global pause names nothing', path: ['value'] });
export type PauseInput = z.infer<typeof pauseInputSchema>;

export interface BotPauseDto {
  id: string;
  scope: PauseScope;
  value: string | null;
  reason: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

export interface KillSwitchDto {
  pauses: BotPauseDto[];
  /** Conversations moved to humans when the last pause went on. */
  lastMoved?: number;
}

// ---------------------------------------------------------------- workspace

/** A conversation as the workspace queue shows it. */
export interface QueueItemDto extends ConversationDto {
  teamId: string | null;
  teamName: string | null;
  priority: Priority;
  assignee: { id: string; name: string } | null;
  tags: string[];
  /** When it was handed to humans. */
  handoffAt: string | null;
  /** Seconds since the hand-off without a human answer (null once answered). */
  waitingSeconds: number | null;
  firstHumanReplyAt: string | null;
  /** Escalated by the team's time limit (reassigned or the lead notified). */
  escalatedAt: string | null;
}

export const queueQuerySchema = z.object({
  teamId: uuid.optional(),
  /** `waiting`: pending_human; `mine`: assigned to me, not resolved; `open`: pending_human or human. */
  view: z.enum(['waiting', 'mine', 'open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const agentReplySchema = z.object({
  text: z.string().trim().min(1, 'write a reply').max(4000),
  /** The suggestion the agent started from; when it differs from `text`, a human-edit record is kept. */
  suggestion: z
    .object({ text: z.string().max(4000), source: z.enum(['template', 'knowledge', 'llm']), ref: z.string().max(200).nullable().default(null) })
    .nullable()
    .default(null),
  /** Makes a retried send idempotent. */
  clientId: z.string().trim().min(1).max(100).optional(),
});
export type AgentReplyInput = z.infer<typeof agentReplySchema>;

export interface SuggestionDto {
  text: string;
  source: 'template' | 'knowledge' | 'llm';
  /** Template key or article id. */
  ref: string | null;
  /** Why it was suggested, e.g. the intent or the article title. */
  label: string;
}

export const noteInputSchema = z.object({ text: z.string().trim().min(1, 'write a note').max(4000) });
/** Notes Kefu writes itself: `summary` is the hand-off summary for the agent (author null). */
export const NOTE_KINDS = ['summary'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export interface NoteDto {
  id: string;
  conversationId: string;
  text: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  /** Set on notes Kefu wrote (absent or null on an agent's note). */
  kind?: NoteKind | null;
}

export const transferSchema = z.object({
  teamId: uuid,
  /** Optional: a specific member of that team. */
  userId: uuid.nullable().default(null),
  note: z.string().trim().max(4000).default(''),
});
export const assignSchema = z.object({ userId: uuid.nullable() });
export const tagsSchema = z.object({ tags: z.array(z.string().trim().min(1).max(50)).max(30) });

export const HUMAN_EDIT_STATUSES = ['new', 'sent_to_knowledge', 'sent_to_training', 'dismissed'] as const;
export type HumanEditStatus = (typeof HUMAN_EDIT_STATUSES)[number];
export interface HumanEditDto {
  id: string;
  conversationId: string;
  messageId: string;
  /** What the shopper asked (the last incoming message before the reply). */
  question: string | null;
  intent: string | null;
  language: string | null;
  suggested: string;
  edited: string;
  source: 'template' | 'knowledge' | 'llm';
  ref: string | null;
  agent: { id: string; name: string } | null;
  status: HumanEditStatus;
  /** The article or training example it became. */
  targetId: string | null;
  createdAt: string;
}
export const humanEditsQuerySchema = z.object({
  status: z.enum(HUMAN_EDIT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export const sendHumanEditSchema = z.object({
  target: z.enum(['knowledge', 'training']),
  /** For knowledge: the article's title (defaults to the question); for training: the intent (defaults to the recorded one). */
  title: z.string().trim().max(200).optional(),
  intent: z.string().trim().regex(/^[a-z_]{2,60}$/).optional(),
});

// ---------------------------------------------------------------- rule tester

export const ruleTestSchema = z
  .object({
    /** A message to test, or … */
    text: z.string().trim().max(4000).optional(),
    /** … an incoming message of a conversation (its text and that conversation's facts). */
    messageId: uuid.optional(),
    event: z.enum(RULE_EVENTS).default('message_understood'),
    /** Facts to pretend (override what the conversation says). */
    facts: z
      .object({
        channel: z.string().max(20).optional(),
        customerTier: z.string().max(40).nullable().optional(),
        region: z.string().max(10).nullable().optional(),
        orderValue: z.number().min(0).nullable().optional(),
        misunderstandings: z.number().int().min(0).max(20).optional(),
        retrievalScore: z.number().min(0).max(1).nullable().optional(),
        outcome: z.string().max(40).optional(),
        handoffReason: z.enum(HANDOFF_REASONS).optional(),
        idleMinutes: z.number().int().min(0).optional(),
        at: z.string().datetime().optional(),
      })
      .default({}),
    /** Test an unsaved rule (the editor's draft) in place of the stored one with this id, or appended. */
    draft: z.object({ id: uuid.nullable().default(null), rule: ruleInputSchema }).optional(),
  })
  .refine((t) => !!t.text || !!t.messageId, { message: 'paste a message or pick one from a conversation', path: ['text'] });
export type RuleTestInput = z.infer<typeof ruleTestSchema>;

/** The facts rules are evaluated over. */
export interface RuleFacts {
  event: RuleEvent;
  text: string;
  language: string;
  intent: string;
  confidence: number;
  /** The threshold of this intent (or the default). */
  threshold: number;
  /** Confidence gap between the top two intents (1 when there is one). */
  margin: number;
  emotion: string;
  emotionScore: number;
  misunderstandings: number;
  customerTier: string | null;
  orderValue: number | null;
  region: string | null;
  channel: string;
  /** Whether the team the rule hands off to (or the default team) is open now. */
  businessHoursOpen: boolean;
  retrievalScore: number | null;
  outcome: string | null;
  handoffReason: string | null;
  idleMinutes: number | null;
}

export interface ConditionTrace {
  condition: RuleCondition;
  passed: boolean;
  /** The fact's value, as evaluated. */
  actual: string | number | boolean | null;
  /** In words, e.g. "confidence 0.42 is below the threshold 0.85 of track_order". */
  explanation: string;
}

export interface RuleTrace {
  ruleId: string;
  name: string;
  event: RuleEvent;
  enabled: boolean;
  /** Not evaluated: disabled, another event, or an earlier rule stopped processing. */
  skipped: 'disabled' | 'other_event' | 'stopped' | null;
  matched: boolean;
  conditions: ConditionTrace[];
  actions: RuleAction[];
  /** E.g. "a second hand-off action is ignored: the first rule's hand-off wins". */
  notes?: string[];
}

export interface SafetyTrace {
  trigger: SafetyTrigger;
  fired: boolean;
  /** The words or signal that fired it. */
  evidence: string | null;
}

/** What the rules decided for one message. */
export interface EscalationDecision {
  handoff: { teamId: string | null; priority: Priority; reason: HandoffReason; ruleId: string | null; safety: SafetyTrigger | null } | null;
  templates: string[];
  tags: string[];
  priority: Priority | null;
  notify: { target: 'team' | 'team_lead' | 'user'; teamId: string | null; userId: string | null; message: string }[];
  /** The rules that fired, in order. */
  fired: string[];
}

export interface RuleTestResultDto {
  nlu: NluResult;
  facts: RuleFacts;
  safety: SafetyTrace[];
  rules: RuleTrace[];
  decision: EscalationDecision;
  /** The routing the hand-off would get (team, whether open, expected wait). */
  routing: { teamId: string | null; teamName: string | null; open: boolean; expectedWaitMinutes: number | null } | null;
}

// ---------------------------------------------------------------- audit

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  /** e.g. rule.updated, kill_switch.on, conversation.takeover. */
  action: string;
  targetType: string;
  targetId: string | null;
  data: Record<string, unknown>;
}
export const auditQuerySchema = z.object({
  action: z.string().max(60).optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type AuditPage = Page<AuditEntryDto>;

/** Socket.io events on `/admin` added by the hand-off domain. */
export const HandoffRealtimeEvent = {
  KillSwitchChanged: 'kill_switch.changed',
  Notification: 'handoff.notification',
  NoteCreated: 'note.created',
} as const;

export interface HandoffNotificationDto {
  id: string;
  kind: 'rule' | 'escalation' | 'assigned' | 'transfer';
  /** Empty when the notification is not about one conversation. */
  conversationId: string;
  teamId: string | null;
  /** A short code-like text (e.g. `handed off: low_confidence`); render by `kind`. */
  message: string;
  at: string;
  readAt: string | null;
}
