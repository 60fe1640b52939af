import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { contactDisplayName } from '@kefu/admin/conversations/data-access';
import { ConversationStore, QueueStore, TransferInput } from '@kefu/admin/workspace/data-access';
import { confirmAction, EmptyStateComponent, LocalizedDatePipe, StatusChipComponent } from '@kefu/admin/ui';
import type { QueueItemDto } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { PriorityChipComponent } from '../priority-chip.component';
import { ComposerComponent } from './composer.component';
import { TagsDialogComponent } from './tags-dialog.component';
import { TransferDialogComponent, TransferDialogData } from './transfer-dialog.component';
import { WsMessageComponent } from './ws-message.component';

const STICK_TO_BOTTOM_PX = 120;

/** The middle pane: the live conversation, its notes, the actions and the composer. */
@Component({
  selector: 'kefu-conversation-pane',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    StatusChipComponent,
    PriorityChipComponent,
    ComposerComponent,
    WsMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './conversation-pane.component.html',
  styleUrl: './conversation-pane.component.scss',
})
export class ConversationPaneComponent {
  protected readonly store = inject(ConversationStore);
  private readonly queue = inject(QueueStore);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly lang = input('');
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private stickToBottom = true;
  private lastCount = 0;
  private lastId: string | null = null;

  protected readonly c = this.store.conversation;
  protected readonly contactName = computed(() => {
    const c = this.c();
    if (!c) return '';
    this.lang();
    return contactDisplayName(c.contact) ?? this.transloco.translate('contact.anonymous', { id: c.contact.id.slice(0, 8) });
  });

  /** Why each action is off (a translation key), or null when it can be used. */
  protected readonly why = computed(() => {
    const c = this.c();
    const busy = this.store.acting() ? 'workspace.why.busy' : null;
    if (!c) return { takeover: 'x', transfer: 'x', handback: 'x', resolve: 'x', tags: 'x', reply: 'x' };
    const resolved = c.status === 'resolved' ? 'workspace.why.resolved' : null;
    const mine = c.assignee?.id === this.auth.user()?.id;
    return {
      takeover:
        busy ?? resolved ?? (c.status === 'human' ? (mine ? 'workspace.why.alreadyYours' : 'workspace.why.withAgent') : null),
      transfer: busy ?? resolved,
      handback: busy ?? resolved ?? (c.status === 'bot' ? 'workspace.why.withBot' : null),
      resolve: busy ?? resolved,
      tags: busy,
      reply: resolved,
    };
  });

  constructor() {
    afterRenderEffect(() => {
      const count = this.store.timeline().length;
      const id = this.store.id();
      const el = this.scroller()?.nativeElement;
      if (!el) return;
      if (id !== this.lastId) {
        this.lastId = id;
        this.stickToBottom = true;
      }
      if (count === this.lastCount) return;
      this.lastCount = count;
      if (this.stickToBottom) el.scrollTop = el.scrollHeight;
    });
  }

  protected onScroll(el: HTMLElement): void {
    this.stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  }

  protected takeover(): void {
    this.run(this.store.takeover(), 'workspace.done.takeover');
  }

  protected handback(): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('workspace.handback.title'),
      message: this.transloco.translate('workspace.handback.message'),
      confirm: this.transloco.translate('workspace.handback.confirm'),
      cancel: this.transloco.translate('common.cancel'),
    }).subscribe(() => this.run(this.store.handback(), 'workspace.done.handback'));
  }

  protected resolve(): void {
    this.run(this.store.resolve(), 'workspace.done.resolve');
  }

  protected transfer(): void {
    const c = this.c();
    if (!c) return;
    this.dialog
      .open<TransferDialogComponent, TransferDialogData, TransferInput | null>(TransferDialogComponent, {
        data: { teams: this.queue.teams(), currentTeamId: c.teamId },
      })
      .afterClosed()
      .subscribe((input) => {
        if (input) this.run(this.store.transfer(input), 'workspace.done.transfer');
      });
  }

  protected editTags(): void {
    const c = this.c();
    if (!c) return;
    this.dialog
      .open<TagsDialogComponent, string[], string[] | undefined>(TagsDialogComponent, { data: c.tags })
      .afterClosed()
      .subscribe((tags) => {
        if (tags) this.run(this.store.setTags(tags), null);
      });
  }

  private run(call: Observable<QueueItemDto>, done: string | null): void {
    call.subscribe({
      next: (item) => {
        this.queue.replace(item);
        this.queue.refresh();
        if (done) this.snackBar.open(this.transloco.translate(done), undefined, { duration: 3000 });
      },
      error: (err: unknown) =>
        this.snackBar.open(
          toApiError(err).message || this.transloco.translate('errors.generic'),
          this.transloco.translate('common.dismiss'),
          { duration: 6000 },
        ),
    });
  }
}
