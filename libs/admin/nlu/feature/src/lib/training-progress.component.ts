import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import { NluTrainingRunDto } from '@kefu/shared/contracts';
import { NluNumberPipe } from './nlu-format';
import { runDurationMs, trainingStageKey } from './training-stage';

/** One training run as a status card: a progress bar and stage while it runs, the outcome when it ends. */
@Component({
  selector: 'kefu-nlu-training-progress',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    LocalizedDatePipe,
    NluNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = run();
    <div
      class="card"
      [class]="'card status-' + r.status"
      role="status"
      aria-live="polite"
      data-testid="nlu-training-progress"
    >
      <div class="line">
        @switch (r.status) {
          @case ('succeeded') {
            <mat-icon svgIcon="check_circle" class="icon ok" />
            <strong>{{ 'nlu.training.succeeded' | transloco: { version: r.modelVersion } }}</strong>
            <span class="muted">{{
              'nlu.training.took' | transloco: { duration: (duration() | nluNumber: lang() : 'duration') }
            }}</span>
          }
          @case ('failed') {
            <mat-icon svgIcon="error" class="icon bad" />
            <strong>{{ 'nlu.training.failed' | transloco }}</strong>
            <span class="muted error-text">{{ r.error ?? '' }}</span>
          }
          @default {
            <mat-icon svgIcon="refresh" class="icon spin" />
            <strong>{{
              (r.status === 'queued' ? 'nlu.training.queued' : 'nlu.training.running') | transloco
            }}</strong>
            @if (r.status === 'running') {
              <span class="muted" data-testid="nlu-training-stage">
                {{
                  'nlu.training.stage'
                    | transloco: { stage: stageKey() ? (stageKey()! | transloco) : r.stage }
                }}
                ·
                {{ r.progress | nluNumber: lang() : 'percent' }}
              </span>
            }
          }
        }
        <span class="spacer"></span>
        <span class="muted small">{{
          'nlu.training.requested' | transloco: { time: (r.createdAt | kefuDate: lang() : 'smart') }
        }}</span>
        @if (dismissible() && (r.status === 'succeeded' || r.status === 'failed')) {
          <button mat-icon-button (click)="dismiss.emit()" [attr.aria-label]="'common.dismiss' | transloco">
            <mat-icon svgIcon="close" />
          </button>
        }
      </div>
      @if (r.status === 'queued') {
        <mat-progress-bar mode="indeterminate" />
      } @else if (r.status === 'running') {
        <mat-progress-bar mode="determinate" [value]="r.progress * 100" />
      }
    </div>
  `,
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .status-succeeded {
      background: #e3f4e8;
    }
    .status-failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .line {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
      min-height: 40px;
    }
    .spacer {
      flex: 1;
    }
    .icon {
      flex: none;
    }
    .ok {
      color: #1e7a3c;
    }
    .bad {
      color: var(--mat-sys-error);
    }
    .spin {
      color: var(--mat-sys-primary);
      animation: spin 1.2s linear infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .spin {
        animation: none;
      }
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .status-failed .muted {
      color: inherit;
    }
    .error-text {
      overflow-wrap: anywhere;
    }
    .small {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class TrainingProgressComponent {
  readonly run = input.required<NluTrainingRunDto>();
  readonly lang = input.required<string>();
  readonly dismissible = input(false);
  readonly dismiss = output<void>();

  protected readonly stageKey = computed(() => trainingStageKey(this.run()));
  protected readonly duration = computed(() => runDurationMs(this.run()));
}
