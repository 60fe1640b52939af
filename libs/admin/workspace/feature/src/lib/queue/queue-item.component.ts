import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { contactDisplayName } from '@kefu/admin/conversations/data-access';
import { formatWaiting, isOverdue, waitingSecondsAt } from '@kefu/admin/workspace/data-access';
import { LocalizedDatePipe, StatusChipComponent } from '@kefu/admin/ui';
import type { QueueItemDto } from '@kefu/shared/contracts';
import { PriorityChipComponent } from '../priority-chip.component';

/** One row of the queue: who, where, why, how urgent, and how long they have been waiting. */
@Component({
  selector: 'kefu-queue-item',
  imports: [TranslocoPipe, LocalizedDatePipe, StatusChipComponent, PriorityChipComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class.selected]': 'selected()', '[attr.data-priority]': 'item().priority', 'data-testid': 'queue-item' },
  template: `
    <div class="top">
      <span class="name">{{ name() || ('contact.anonymous' | transloco: { id: item().contact.id.slice(0, 8) }) }}</span>
      @if (waiting() !== null) {
        <span class="wait" [class.overdue]="overdue()" data-testid="waiting"
          [title]="'workspace.queue.waitingFor' | transloco">{{ clock() }}</span>
      } @else {
        <span class="time">{{ item().lastMessageAt | kefuDate: lang() : 'smart' }}</span>
      }
    </div>
    <div class="chips">
      <kefu-priority-chip [priority]="item().priority" />
      @if (item().handoffReason) {
        <span class="reason">{{ 'workspace.reason.' + item().handoffReason | transloco }}</span>
      }
      <kefu-status-chip [status]="item().status" />
    </div>
    @if (item().lastMessagePreview) {
      <p class="preview">{{ item().lastMessagePreview }}</p>
    }
    <div class="meta">
      <span>{{ 'channel.' + item().channel | transloco }}</span>
      <span>· {{ item().teamName || ('workspace.queue.noTeam' | transloco) }}</span>
      <span>· {{ item().assignee?.name || ('workspace.queue.unassigned' | transloco) }}</span>
    </div>
    @if (item().tags.length) {
      <div class="tags">
        @for (t of item().tags; track t) {
          <span class="tag">{{ t }}</span>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 10px 12px;
      border-radius: 12px;
      cursor: pointer;
      border: 1px solid transparent;
    }
    :host(:hover) {
      background: var(--mat-sys-surface-container-high);
    }
    :host(.selected) {
      background: var(--mat-sys-secondary-container);
      border-color: var(--mat-sys-outline-variant);
    }
    :host([data-priority='urgent']) {
      border-left: 4px solid #ba1a1a;
    }
    :host([data-priority='high']) {
      border-left: 4px solid #c66a00;
    }
    .top {
      display: flex;
      align-items: baseline;
      gap: 8px;
    }
    .name {
      flex: 1;
      min-width: 0;
      font: var(--mat-sys-title-small);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .wait,
    .time {
      font: var(--mat-sys-label-medium);
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface-variant);
    }
    .wait.overdue {
      color: #ba1a1a;
      font-weight: 700;
    }
    .chips,
    .tags,
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      align-items: center;
    }
    .reason {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .preview {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .meta {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .tag {
      padding: 0 6px;
      border-radius: 6px;
      font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface-container-highest);
    }
  `,
})
export class QueueItemComponent {
  readonly item = input.required<QueueItemDto>();
  readonly now = input.required<number>();
  /** The team's time limit in minutes, when it has one. */
  readonly limitMinutes = input<number | null | undefined>(null);
  readonly selected = input(false);
  readonly lang = input('');

  protected readonly name = computed(() => contactDisplayName(this.item().contact));
  protected readonly waiting = computed(() => waitingSecondsAt(this.item(), this.now()));
  protected readonly clock = computed(() => formatWaiting(this.waiting() ?? 0));
  protected readonly overdue = computed(() => isOverdue(this.waiting(), this.limitMinutes()));
}
