import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AutoReplyKind } from '@kefu/shared/contracts';
import type { Conversation } from './entities/conversation.entity';
import type { Inbox } from './entities/inbox.entity';
import type { Message } from './entities/message.entity';

export interface ProcessingContext {
  /** The worker's transaction: read and write only through it. */
  em: EntityManager;
  inbox: Inbox;
  /** Locked for this transaction; stages may change fields and the worker saves it. */
  conversation: Conversation;
  message: Message;
  now: Date;
  /** Replies written so far by earlier stages. */
  replies: ReplyDraft[];
}

export interface ReplyDraft {
  text: string;
  autoReplyKind?: AutoReplyKind;
  metadata?: Record<string, string | number | boolean | null>;
}

/**
 * One step of the bot's work on an incoming message. The dialogue engine plugs in here;
 * until it exists, the inbox's auto-replies are the only stage.
 */
export interface ProcessingStage {
  readonly name: string;
  /** Lower runs first. */
  readonly order: number;
  run(ctx: ProcessingContext): Promise<ReplyDraft[]>;
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

  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    for (const stage of this.stages) ctx.replies.push(...(await stage.run(ctx)));
    return ctx.replies;
  }
}
