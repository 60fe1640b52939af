import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ArticleStatus, ConversationStatus } from '@kefu/shared/contracts';

/**
 * A small coloured label for a status: a conversation's (bot, waiting for a human, human, resolved) or a
 * knowledge article's (draft, published, archived). `labels` is the translation prefix of the status names.
 */
@Component({
  selector: 'kefu-status-chip',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip status-' + status()">{{
    labels() + status() | transloco
  }}</span>`,
  styles: `
    :host {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      line-height: 20px;
    }
    .status-bot {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .status-pending_human,
    .status-draft {
      background: #ffe1b3;
      color: #5b3a00;
    }
    .status-human,
    .status-published {
      background: #c4eed0;
      color: #0b4a1f;
    }
    .status-resolved,
    .status-archived {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class StatusChipComponent {
  readonly status = input.required<ConversationStatus | ArticleStatus>();
  readonly labels = input<string>('conversationStatus.');
}
