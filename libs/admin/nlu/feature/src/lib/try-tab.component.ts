import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { NluIntentsStore, NluService, NluTrainingStore } from '@kefu/admin/nlu/data-access';
import { EmptyStateComponent } from '@kefu/admin/ui';
import { NluResult } from '@kefu/shared/contracts';
import { NluActions } from './nlu-actions';
import { ParseResultComponent } from './parse-result.component';

/** Sample messages in the three languages the engine reads; content, so not translated. */
const SAMPLES = [
  '我的订单 8812345678 还没到，都一个星期了！！再不处理我就投诉到12315',
  'Hi, I ordered the black hoodie in size L for $59 but it never arrived. Can I get a refund?',
  '注文したスニーカーを27cmに交換したいです',
];

/** Type a message, see how the engine reads it; teach it the right intent when it is wrong. */
@Component({
  selector: 'kefu-nlu-try-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    EmptyStateComponent,
    ParseResultComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './try-tab.component.html',
  styleUrl: './try-tab.component.scss',
})
export class TryTabComponent {
  private readonly api = inject(NluService);
  protected readonly intents = inject(NluIntentsStore);
  private readonly training = inject(NluTrainingStore);
  protected readonly actions = inject(NluActions);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly samples = SAMPLES;
  protected readonly text = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(100_000)],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<{ text: string; result: NluResult } | null>(null);

  protected readonly teachIntent = new FormControl<string | null>(null);
  protected readonly teaching = signal(false);

  protected useSample(sample: string): void {
    this.text.setValue(sample);
    this.analyze();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.analyze();
    }
  }

  protected analyze(): void {
    const text = this.text.value;
    if (!text.trim() || this.text.invalid) return;
    this.busy.set(true);
    this.error.set(null);
    this.api.parse({ text }).subscribe({
      next: (result) => {
        this.busy.set(false);
        this.result.set({ text, result });
        this.teachIntent.setValue(result.intent);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err).message || this.transloco.translate('nlu.try.failed'));
      },
    });
  }

  /** Adds the analysed text as an example of the chosen intent. */
  protected teach(): void {
    const current = this.result();
    const intent = this.teachIntent.value;
    if (!current || !intent) return;
    const language = current.result.language === 'und' ? undefined : current.result.language;
    this.teaching.set(true);
    this.api
      .addExamples(intent, {
        examples: [{ text: current.text.trim().slice(0, 500), ...(language ? { language } : {}) }],
      })
      .subscribe({
        next: ({ added }) => {
          this.teaching.set(false);
          const key = added ? 'nlu.try.taught' : 'nlu.try.alreadyKnown';
          this.snackBar.open(this.transloco.translate(key, { intent }), undefined, { duration: 4000 });
          if (added) {
            this.training.markChanged();
            this.intents.refresh();
          }
        },
        error: (err: unknown) => {
          this.teaching.set(false);
          this.actions.fail(err);
        },
      });
  }
}
