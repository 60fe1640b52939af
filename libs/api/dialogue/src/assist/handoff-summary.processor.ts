import { Injectable, OnModuleInit } from '@nestjs/common';
import { QueueService } from '@kefu/api/platform/queue';
import { HandoffSummaryService } from './handoff-summary.service';
import { HandoffSummaryJob, HandoffSummaryPayload } from './handoff-summary.job';

/** Runs `dialogue.handoff-summary` in worker processes: idempotent, it writes one summary per hand-off. */
@Injectable()
export class HandoffSummaryProcessor implements OnModuleInit {
  constructor(
    private readonly queue: QueueService,
    private readonly summaries: HandoffSummaryService,
  ) {}

  onModuleInit() {
    this.queue.process(HandoffSummaryJob, (p) => this.handle(p));
  }

  async handle({ conversationId, handoffAt }: HandoffSummaryPayload): Promise<void> {
    const at = new Date(handoffAt);
    if (Number.isNaN(at.getTime())) return;
    await this.summaries.writeForHandoff(conversationId, at);
  }
}
