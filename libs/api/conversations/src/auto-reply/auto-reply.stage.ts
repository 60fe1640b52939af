import { Injectable, OnModuleInit } from '@nestjs/common';
import { AutoReplyKind } from '@kefu/shared/contracts';
import { ProcessingContext, ProcessingPipeline, ProcessingStage, ReplyDraft } from '../processing-pipeline';
import { autoReplies } from './auto-reply';

/** The inbox's greeting and away message, as the first stage of the pipeline. */
@Injectable()
export class AutoReplyStage implements ProcessingStage, OnModuleInit {
  readonly name = 'auto-reply';
  readonly order = 10;

  constructor(private readonly pipeline: ProcessingPipeline) {}

  onModuleInit() {
    this.pipeline.use(this);
  }

  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    const drafts = autoReplies(ctx.inbox, ctx.conversation, ctx.now);
    for (const d of drafts) {
      if (d.kind === AutoReplyKind.Greeting) ctx.conversation.greetedAt = ctx.now;
      if (d.kind === AutoReplyKind.Away) ctx.conversation.awaySentAt = ctx.now;
    }
    return drafts.map((d) => ({ text: d.text, autoReplyKind: d.kind }));
  }
}
