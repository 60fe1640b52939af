import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { formatPercent, formatUsd, LlmStatusView } from '@kefu/admin/llm/data-access';

/** The top of the settings page: whether Claude answers right now, why not and what to do; today's spend. */
@Component({
  selector: 'kefu-llm-status-card',
  imports: [MatCardModule, MatIconModule, MatProgressBarModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = status();
    <mat-card
      appearance="outlined"
      class="status"
      [class.on]="s.answering"
      [class.off]="!s.answering"
      data-testid="llm-status"
    >
      <mat-icon class="big" [svgIcon]="s.answering ? 'llm:smart_toy' : 'llm:block'" />
      <div class="text">
        <h2>{{ (s.answering ? 'llm.status.answering' : 'llm.status.offline') | transloco }}</h2>
        <p data-testid="llm-status-reason">
          @if (s.reason) {
            {{ 'llm.status.reason.' + s.reason | transloco }}
          } @else if (s.recovering) {
            {{ 'llm.status.recovering' | transloco }}
          } @else {
            {{ 'llm.status.answeringHelp' | transloco }}
          }
        </p>
        <div class="spend">
          @if (s.dailyBudgetUsd === null) {
            <span>{{ 'llm.status.spentNoLimit' | transloco: { spent: spent() } }}</span>
          } @else {
            <span>{{
              'llm.status.spent' | transloco: { spent: spent(), budget: budget(), percent: percent() }
            }}</span>
            <mat-progress-bar
              mode="determinate"
              [value]="(s.spentRatio ?? 0) * 100"
              [class.alert]="s.alert"
              [attr.aria-label]="'llm.status.spentLabel' | transloco"
            />
          }
        </div>
      </div>
    </mat-card>
  `,
  styles: `
    .status {
      display: flex;
      flex-direction: row;
      align-items: flex-start;
      gap: 20px;
      padding: 20px 24px;
      &.on {
        background: #e6f4ea;
        color: #1e4620;
      }
      &.off {
        background: #fff3e0;
        color: #5f3200;
      }
    }
    .big {
      width: 48px;
      height: 48px;
      flex: none;
    }
    .text {
      flex: 1;
      min-width: 0;
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0 0 4px;
    }
    p {
      margin: 0;
      font: var(--mat-sys-body-large);
    }
    .spend {
      margin-top: 12px;
      display: flex;
      flex-direction: column;
      gap: 6px;
      font: var(--mat-sys-body-medium);
      max-width: 520px;
    }
    mat-progress-bar {
      border-radius: 4px;
      --mat-progress-bar-active-indicator-color: #2e7d32;
      --mat-progress-bar-track-color: rgba(0, 0, 0, 0.12);
      &.alert {
        --mat-progress-bar-active-indicator-color: #e65100;
      }
    }
    @media (max-width: 600px) {
      .status {
        padding: 16px;
        gap: 12px;
      }
      .big {
        width: 36px;
        height: 36px;
      }
    }
  `,
})
export class LlmStatusCardComponent {
  readonly status = input.required<LlmStatusView>();
  /** The active language, for the amounts. */
  readonly lang = input.required<string>();

  protected readonly spent = computed(() => formatUsd(this.status().spentTodayUsd, this.lang()));
  protected readonly budget = computed(() => formatUsd(this.status().dailyBudgetUsd ?? 0, this.lang()));
  /** The text says how far over the budget spending went; only the bar stops at 100 %. */
  protected readonly percent = computed(() => {
    const { spentTodayUsd: spent, dailyBudgetUsd: budget } = this.status();
    return formatPercent(budget ? spent / budget : (this.status().spentRatio ?? 0), this.lang());
  });
}
