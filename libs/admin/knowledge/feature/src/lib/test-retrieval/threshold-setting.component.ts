import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatSliderModule } from '@angular/material/slider';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { KnowledgeSearchService } from '@kefu/admin/knowledge/data-access';
import { KnowledgeSettingsDto } from '@kefu/shared/contracts';
import { errorText, KbNumberPipe } from '../knowledge-ui';

/** The answer threshold: a hit scoring at least this is good enough for the bot to send. */
@Component({
  selector: 'kb-threshold-setting',
  imports: [FormsModule, MatButtonModule, MatSliderModule, TranslocoPipe, KbNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="row">
      <mat-slider min="0" max="1" step="0.01" [disabled]="!canManage() || saving()" class="slider">
        <input
          matSliderThumb
          [ngModel]="value()"
          (ngModelChange)="value.set($event)"
          [attr.aria-label]="'knowledge.test.threshold' | transloco"
        />
      </mat-slider>
      <strong class="value">{{ value() | kbNumber: lang() : 'score' }}</strong>
    </div>
    <p class="muted">
      {{ 'knowledge.test.thresholdHelp' | transloco }}
      {{
        'knowledge.test.thresholdDefault'
          | transloco: { value: (settings().defaultAnswerThreshold | kbNumber: lang() : 'score') }
      }}
    </p>
    @if (canManage()) {
      <div class="actions">
        <button
          mat-button
          (click)="value.set(settings().defaultAnswerThreshold)"
          [disabled]="saving() || value() === settings().defaultAnswerThreshold"
        >
          {{ 'knowledge.test.reset' | transloco }}
        </button>
        <button
          mat-flat-button
          (click)="save()"
          [disabled]="saving() || value() === settings().answerThreshold"
          data-testid="kb-threshold-save"
        >
          {{ (saving() ? 'common.saving' : 'common.save') | transloco }}
        </button>
      </div>
    }
  `,
  styles: `
    .row {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .slider {
      flex: 1;
    }
    .value {
      font: var(--mat-sys-title-medium);
      min-width: 40px;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin: 0;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
      margin-top: 8px;
    }
  `,
})
export class ThresholdSettingComponent {
  private readonly api = inject(KnowledgeSearchService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly settings = input.required<KnowledgeSettingsDto>();
  readonly canManage = input(false);
  readonly lang = input.required<string>();
  readonly saved = output<KnowledgeSettingsDto>();

  protected readonly value = linkedSignal(() => this.settings().answerThreshold);
  protected readonly saving = signal(false);

  protected save(): void {
    this.saving.set(true);
    this.api.updateSettings({ answerThreshold: Math.round(this.value() * 100) / 100 }).subscribe({
      next: (s) => {
        this.saving.set(false);
        this.saved.emit(s);
        this.snackBar.open(this.transloco.translate('knowledge.test.thresholdSaved'), undefined, {
          duration: 3000,
        });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.snackBar.open(errorText(err, this.transloco), this.transloco.translate('common.dismiss'), {
          duration: 5000,
        });
      },
    });
  }
}
