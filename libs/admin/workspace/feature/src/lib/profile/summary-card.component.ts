import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConversationStore } from '@kefu/admin/workspace/data-access';
import { LocalizedDatePipe } from '@kefu/admin/ui';

/**
 * The hand-off summary at the top of the side panel: what the shopper wants, what the bot tried, the facts
 * and the mood, in the shopper's language, with who wrote it (Claude or Kefu's own records) and a refresh.
 */
@Component({
  selector: 'kefu-summary-card',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    TranslocoPipe,
    LocalizedDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" data-testid="summary-card" [attr.aria-busy]="!!store.summaryLoading()">
      <header>
        <mat-icon svgIcon="ws:article" aria-hidden="true" />
        <h4>{{ 'assist.summary.title' | transloco }}</h4>
        @if (summary(); as s) {
          <span
            class="source"
            [class.claude]="s.source === 'claude'"
            [matTooltip]="'assist.summary.sourceHint.' + s.source | transloco"
            data-testid="summary-source"
          >
            @if (s.source === 'claude') {
              <mat-icon svgIcon="ws:auto_awesome" aria-hidden="true" />
            }
            {{ 'assist.summary.source.' + s.source | transloco }}
          </span>
        }
        <span class="spacer"></span>
        <button
          mat-icon-button
          (click)="store.refreshSummary()"
          [disabled]="!!store.summaryLoading()"
          [matTooltip]="'assist.summary.refresh' | transloco"
          [attr.aria-label]="'assist.summary.refresh' | transloco"
          data-testid="summary-refresh"
        >
          <mat-icon svgIcon="ws:refresh" />
        </button>
      </header>
      @if (store.summaryLoading(); as loading) {
        <mat-progress-bar mode="indeterminate" />
        @if (loading === 'refresh' || !summary()) {
          <p class="muted" role="status">{{ 'assist.summary.writing' | transloco }}</p>
        }
      }
      @if (store.summaryError() !== null) {
        <p class="error" role="alert">
          {{ store.summaryError() || ('assist.summary.loadFailed' | transloco) }}
        </p>
      } @else if (summary(); as s) {
        <dl>
          <dt>{{ 'assist.summary.wants' | transloco }}</dt>
          <dd class="wants" data-testid="summary-wants">{{ s.wants }}</dd>
          <dt>{{ 'assist.summary.tried' | transloco }}</dt>
          <dd>
            @if (s.tried.length) {
              <ul>
                @for (t of s.tried; track $index) {
                  <li>{{ t }}</li>
                }
              </ul>
            } @else {
              <span class="muted">{{ 'assist.summary.nothingTried' | transloco }}</span>
            }
          </dd>
          @if (s.facts.length) {
            <dt>{{ 'assist.summary.facts' | transloco }}</dt>
            <dd>
              <ul>
                @for (f of s.facts; track $index) {
                  <li>{{ f }}</li>
                }
              </ul>
            </dd>
          }
          <dt>{{ 'assist.summary.mood' | transloco }}</dt>
          <dd>{{ s.mood }}</dd>
        </dl>
        <p class="muted when">
          {{ 'assist.summary.written' | transloco }} {{ s.createdAt | kefuDate: lang() : 'smart' }}
        </p>
      } @else if (!store.summaryLoading()) {
        <div class="empty" data-testid="summary-empty">
          <p>{{ 'assist.summary.emptyBody' | transloco }}</p>
          <button mat-stroked-button (click)="store.refreshSummary()">
            {{ 'assist.summary.write' | transloco }}
          </button>
        </div>
      }
    </section>
  `,
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 8px 12px 10px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
    }
    header {
      display: flex;
      align-items: center;
      gap: 6px;
      mat-icon {
        width: 18px;
        height: 18px;
      }
    }
    h4 {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .spacer {
      flex: 1;
    }
    header button {
      --mat-icon-button-state-layer-size: 32px;
      width: 32px;
      height: 32px;
      padding: 4px;
    }
    .source {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding: 0 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        width: 14px;
        height: 14px;
      }
    }
    .source.claude {
      background: #f3e8ff;
      color: #5b2a86;
    }
    dl {
      margin: 0;
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 4px 10px;
      font: var(--mat-sys-body-small);
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      padding-top: 1px;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .wants {
      font-weight: 600;
    }
    ul {
      margin: 0;
      padding-left: 16px;
    }
    li + li {
      margin-top: 2px;
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .when {
      text-align: right;
      font: var(--mat-sys-label-small);
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .empty {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 6px;
      p {
        margin: 0;
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
    }
  `,
})
export class SummaryCardComponent {
  protected readonly store = inject(ConversationStore);
  readonly lang = input('');
  protected readonly summary = computed(() => this.store.summary());
}
