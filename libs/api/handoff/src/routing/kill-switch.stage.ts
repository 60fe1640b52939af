import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { ProcessingContext, ProcessingPipeline, ProcessingStage, ReplyDraft } from '@kefu/api/conversations';
import { HandoffRouter } from './handoff-router.service';
import { KillSwitchService } from './kill-switch.service';

/**
 * First stage of every bot turn: while the bot is paused globally or for the inbox's channel, the
 * conversation goes to humans and nothing is sent (no greeting, no answer). Checked inside the
 * turn's transaction, so a message queued before the switch went on gets no reply either.
 * Per-intent pauses are the dialogue stage's (the intent is known only once the message is read).
 */
@Injectable()
export class KillSwitchStage implements ProcessingStage, OnModuleInit {
  readonly name = 'kill-switch';
  readonly order = 5;

  constructor(
    private readonly pipeline: ProcessingPipeline,
    private readonly killSwitch: KillSwitchService,
    private readonly router: HandoffRouter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    if (this.config.runsWorker) this.pipeline.use(this);
  }

  async run(ctx: ProcessingContext): Promise<ReplyDraft[]> {
    const pause = await this.killSwitch.pausedFor(ctx.em, { channel: ctx.inbox.channel });
    if (!pause || pause.scope === 'intent') return [];
    await this.router.route(ctx.em, ctx.conversation, { reason: 'policy', teamId: null, priority: 'normal' }, ctx.now, ctx.events);
    ctx.halted = true;
    return [];
  }
}
