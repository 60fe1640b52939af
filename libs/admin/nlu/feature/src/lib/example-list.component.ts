import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import { NluExampleDto } from '@kefu/shared/contracts';

/** A list of training examples with their language; custom ones can be deleted. */
@Component({
  selector: 'kefu-nlu-example-list',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe, LocalizedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul role="list">
      @for (e of examples(); track e.id) {
        <li data-testid="nlu-example">
          <span class="lang" [attr.title]="'nlu.languages.' + e.language | transloco">{{ e.language }}</span>
          <span class="text" [attr.lang]="e.language">{{ e.text }}</span>
          @if (showMeta()) {
            <span class="meta">
              {{ 'nlu.examples.sources.' + sourceKey(e.source) | transloco: { source: e.source } }} ·
              {{ e.createdAt | kefuDate: lang() : 'smart' }}
            </span>
          }
          @if (deletable()) {
            <button
              mat-icon-button
              class="delete"
              (click)="remove.emit(e)"
              [disabled]="busy().has(e.id)"
              [matTooltip]="'nlu.examples.delete' | transloco"
              [attr.aria-label]="'nlu.examples.delete' | transloco"
              data-testid="nlu-example-delete"
            >
              <mat-icon svgIcon="delete" />
            </button>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: center;
      gap: 10px;
      min-height: 40px;
      padding: 4px 0 4px 4px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li:last-child {
      border-bottom: 0;
    }
    .lang {
      flex: none;
      width: 28px;
      text-align: center;
      padding: 1px 0;
      border-radius: 6px;
      font: var(--mat-sys-label-small);
      text-transform: uppercase;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    .text {
      flex: 1;
      overflow-wrap: anywhere;
    }
    .meta {
      flex: none;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .delete {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ExampleListComponent {
  readonly examples = input.required<NluExampleDto[]>();
  readonly lang = input.required<string>();
  readonly deletable = input(false);
  readonly showMeta = input(false);
  /** Ids being deleted. */
  readonly busy = input<ReadonlySet<string>>(new Set());
  readonly remove = output<NluExampleDto>();

  protected sourceKey(source: string): string {
    return source === 'admin' ? source : 'other';
  }
}
