import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationStatus } from '@kefu/shared/contracts';
import { ConversationEvents, ConversationUpdatedPayload } from '@kefu/api/conversations';
import { QueueService } from '@kefu/api/platform/queue';
import { HandoffSummaryJob, handoffSummaryJobId } from './handoff-summary.job';

/** Hand-offs this process queued a summary for, remembered so the conversation's next updates do not queue it again. */
const REMEMBERED = 2_000;
const WITH_PEOPLE = new Set<string>([ConversationStatus.PendingHuman, ConversationStatus.Human]);

/**
 * Every path that hands a conversation to people (the bot's turn, the idle rules, the kill switch, an
 * agent) emits `conversations.conversation.updated` after its commit. When the conversation is with people
 * and its hand-off has no summary yet, this queues the job that writes one (the job id dedupes).
 */
@Injectable()
export class HandoffSummaryListener {
  private readonly log = new Logger(HandoffSummaryListener.name);
  private readonly queued = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: QueueService,
  ) {}

  @OnEvent(ConversationEvents.ConversationUpdated, { async: true, promisify: true, suppressErrors: true })
  async onConversationUpdated({ conversationId, status }: ConversationUpdatedPayload): Promise<void> {
    // Most updates are the bot's own turns: with the status known, nothing to read.
    if (status !== undefined && !WITH_PEOPLE.has(status)) return;
    try {
      const [c] = (await this.db.query(
        `SELECT c.handoff_at,
                EXISTS (SELECT 1 FROM handoff_summaries s WHERE s.conversation_id = c.id AND s.handoff_at = c.handoff_at) AS summarized
           FROM conversations c
          WHERE c.id = $1 AND c.status IN ('pending_human', 'human') AND c.handoff_at IS NOT NULL`,
        [conversationId],
      )) as { handoff_at: Date; summarized: boolean }[];
      if (!c || c.summarized) return;
      const at = new Date(c.handoff_at);
      if (this.queued.get(conversationId) === at.getTime()) return;
      await this.queue.add(
        HandoffSummaryJob,
        { conversationId, handoffAt: at.toISOString() },
        { jobId: handoffSummaryJobId(conversationId, at) },
      );
      this.remember(conversationId, at.getTime());
    } catch (err) {
      this.log.warn(`no hand-off summary queued for ${conversationId}: ${(err as Error).name}`);
    }
  }

  private remember(conversationId: string, at: number): void {
    this.queued.delete(conversationId);
    this.queued.set(conversationId, at);
    if (this.queued.size > REMEMBERED) this.queued.delete(this.queued.keys().next().value as string);
  }
}
