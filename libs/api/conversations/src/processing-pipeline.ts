import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AutoReplyKind, MessageContent } from '@kefu/shared/contracts';
import type { Conversation } from './entities/conversation.entity';
import type { Inbox } from './entities/inbox.entity';
import type { Message } from './entities/message.entity';
import type { EventRecord } from './events-log';

/** What a stage may look at before the turn's transaction: snapshots, not locked. */
export interface PrepareInput {
  inbox: Inbox;
  conversation: Conversation;
  message: Message;
  now: Date;
}

export interface ProcessingContext {
  /** The worker's transaction: read and write only through it. */
  em: EntityManager;
  inbox: Inbox;
  /** Locked for this transaction; stages may change fields and the worker saves it. */
  conversation: Conversation;
  /** Locked; a stage may set `nlu`, which the worker saves with the message's new status. */
  message: Message;
  now: Date;
  /** Replies written so far by earlier stages. */
  replies: ReplyDraft[];
  /** What each stage's `prepare` returned, by stage name. */
  prepared: Map<string, unknown>;
  /** Events the worker appends in the same transaction (ids and codes only, never text). */
  events: EventRecord[];
  /**
   * Set by a stage that took the conversation away from the bot (e.g. the kill switch handed it to
   * humans): later stages do not run.
   */
  halted?: boolean;
}

/** What a stage read from a message in a conversation a human owns (the bot does not answer). */
export interface Observation {
  /** The language engine's reading, shown to the agent. */
  nlu?: Record<string, unknown>;
}

export interface ReplyDraft {
  text: string;
  autoReplyKind?: AutoReplyKind;
  metadata?: Record<string, string | number | boolean | null>;
  /** Quick replies and cards, for channels that render them. */
  content?: MessageContent | null;
}

/**
 * A prepared turn no longer matches the stored state (another message of the same conversation
 * was processed in between); the worker prepares and runs the turn again.
 */
export class StaleTurnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaleTurnError';
  }
}

/**
 * One step of the bot's work on an incoming message. `prepare` (optional) runs before the turn's
 * transaction, for slow reads and calls to other systems (the language engine, the knowledge base,
 * the order system) so that no row stays locked while they run; `run` then writes inside the
 * transaction, with the conversation locked.
 */
export interface ProcessingStage {
  readonly name: string;
  /** Lower runs first. */
  readonly order: number;
  prepare?(input: PrepareInput): Promise<unknown>;
  run(ctx: ProcessingContext): Promise<ReplyDraft[]>;
  /** For a message the bot will not answer (a human owns the conversation): read it only. */
  observe?(input: PrepareInput): Promise<Observation | null>;
}

/** The stages the worker runs, in order. Modules add theirs on init. */
@Injectable()
export class ProcessingPipeline {
  private stages: ProcessingStage[] = [];

  use(stage: ProcessingStage): void {
    this.stages = [...this.stages.filter((s) => s.name !== stage.name), stage].sort((a, b) => a.order - b.order);
  }

  get names(): string[] {
    return this.stages.map((s) => s.name);
  }

  async prepare(input: PrepareInput): Promise<Map<string, unknown>> {
    const prepared = new Map<string, unknown>();
    for (const stage of this.stages) if (stage.prepare) prepared.set(stage.name, await stage.prepare(input));
    return prepared;
  }

  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    for (const stage of this.stages) {
      if (ctx.halted) break;
      ctx.replies.push(...(await stage.run(ctx)));
    }
    return ctx.replies;
  }

  /** What the stages read from a message no stage will answer. */
  async observe(input: PrepareInput): Promise<Observation> {
    const out: Observation = {};
    for (const stage of this.stages) {
      if (!stage.observe) continue;
      Object.assign(out, (await stage.observe(input)) ?? {});
    }
    return out;
  }
}
