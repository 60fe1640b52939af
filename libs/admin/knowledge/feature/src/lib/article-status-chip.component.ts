import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ArticleStatus } from '@kefu/shared/contracts';

/** An article's status as a small coloured label: draft, published, archived. */
@Component({
  selector: 'kb-status-chip',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip status-' + status()">{{
    'knowledge.status.' + status() | transloco
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
    .status-published {
      background: #c4eed0;
      color: #0b4a1f;
    }
    .status-draft {
      background: #ffe1b3;
      color: #5b3a00;
    }
    .status-archived {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ArticleStatusChipComponent {
  readonly status = input.required<ArticleStatus>();
}
