import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AgentStore, ConversationStore, QueueStore } from '@kefu/admin/workspace/data-access';
import { PageHeaderComponent } from '@kefu/admin/ui';
import type { HandoffNotificationDto, QueueItemDto } from '@kefu/shared/contracts';
import { map } from 'rxjs';
import { ConversationPaneComponent } from './conversation/conversation-pane.component';
import { AgentControlsComponent } from './header/agent-controls.component';
import { ProfilePaneComponent } from './profile/profile-pane.component';
import { QueuePaneComponent } from './queue/queue-pane.component';

type Pane = 'queue' | 'chat' | 'profile';

/** Three panes side by side from this width; one at a time (with a switch) below it. */
export const WORKSPACE_WIDE_QUERY = '(min-width: 1200px)';

/** `/workspace`: the queue, the live conversation and the shopper's profile. */
@Component({
  selector: 'kefu-workspace-page',
  imports: [
    MatButtonToggleModule,
    TranslocoPipe,
    PageHeaderComponent,
    AgentControlsComponent,
    QueuePaneComponent,
    ConversationPaneComponent,
    ProfilePaneComponent,
  ],
  providers: [QueueStore, AgentStore, ConversationStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './workspace-page.component.html',
  styleUrl: './workspace-page.component.scss',
})
export class WorkspacePageComponent {
  protected readonly queue = inject(QueueStore);
  protected readonly agent = inject(AgentStore);
  protected readonly conversation = inject(ConversationStore);
  private readonly transloco = inject(TranslocoService);

  /** Query parameter `?c=<conversation id>`: open that conversation once the queue shows it. */
  readonly c = input<string | undefined>(undefined);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly wide = toSignal(
    inject(BreakpointObserver)
      .observe(WORKSPACE_WIDE_QUERY)
      .pipe(map((s) => s.matches)),
    { initialValue: true },
  );
  protected readonly pane = signal<Pane>('queue');
  private readonly pendingSelect = signal<string | null>(null);

  constructor() {
    this.queue.load();
    this.queue.loadTeams();
    this.agent.load();
    effect(() => {
      const id = this.c();
      if (id) untracked(() => this.pendingSelect.set(id));
    });
    // Keep the open conversation in step with the queue's fresher copy; open a requested one when it shows up.
    effect(() => {
      const items = this.queue.items();
      untracked(() => {
        const wanted = this.pendingSelect();
        const found = wanted ? items.find((i) => i.id === wanted) : undefined;
        if (found) {
          this.pendingSelect.set(null);
          this.select(found);
          return;
        }
        const openId = this.conversation.id();
        const fresh = openId ? items.find((i) => i.id === openId) : undefined;
        if (fresh) this.conversation.open(fresh);
      });
    });
  }

  protected select(item: QueueItemDto): void {
    this.conversation.open(item);
    this.pane.set('chat');
  }

  protected openNotification(n: HandoffNotificationDto): void {
    const item = this.queue.items().find((i) => i.id === n.conversationId);
    if (item) {
      this.select(item);
      return;
    }
    // Not in this tab: look for it among every open conversation.
    this.pendingSelect.set(n.conversationId);
    this.queue.teamId.set(null);
    if (this.queue.view() === 'open') this.queue.load();
    else this.queue.setView('open');
  }
}
