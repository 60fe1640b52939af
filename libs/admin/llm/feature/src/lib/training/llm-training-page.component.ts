import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { formatConfidence, LLM_TRAINING_STATUSES, LlmTrainingStore } from '@kefu/admin/llm/data-access';
import { NluService } from '@kefu/admin/nlu/data-access';
import { EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { LlmTrainingCandidateDto, LlmTrainingCandidateStatus } from '@kefu/shared/contracts';
import { catchError, map, of } from 'rxjs';

/**
 * `/llm/training`: messages the offline engine read below its threshold that Claude classified differently.
 * Accept one (under Claude's intent or another) to add it to the language engine's examples, or dismiss it.
 */
@Component({
  selector: 'kefu-llm-training-page',
  imports: [
    FormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
  ],
  providers: [LlmTrainingStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './llm-training-page.component.html',
  styleUrl: './llm-training-page.component.scss',
})
export class LlmTrainingPageComponent {
  protected readonly store = inject(LlmTrainingStore);
  private readonly nlu = inject(NluService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly statuses = LLM_TRAINING_STATUSES;
  protected readonly list = this.store.list;
  private readonly intents = toSignal(
    this.nlu.intents().pipe(
      map((list) => list.map((i) => i.name)),
      catchError(() => of([] as string[])),
    ),
    { initialValue: [] as string[] },
  );
  protected readonly intentSet = computed(() => new Set(this.intents()));

  constructor() {
    this.store.setStatus('new');
    inject(DestroyRef).onDestroy(() => this.store.destroy());
  }

  /** The intents matching what is typed in a candidate's picker. */
  protected choices(c: LlmTrainingCandidateDto): string[] {
    const typed = this.store.intentFor(c).trim().toLowerCase();
    const all = this.intents();
    const matches = all.filter((n) => n.includes(typed));
    // The field starts with Claude's intent filled in: offer every intent then, not only that one.
    return (all.includes(typed) ? all : matches).slice(0, 50);
  }

  /** Accepting under an intent the engine does not know would be refused: say so before. */
  protected unknownIntent(c: LlmTrainingCandidateDto): boolean {
    const intent = this.store.intentFor(c).trim();
    return !intent || (this.intents().length > 0 && !this.intentSet().has(intent));
  }

  protected setStatus(status: LlmTrainingCandidateStatus): void {
    this.store.setStatus(status);
  }

  protected confidence(v: number): string {
    return formatConfidence(v, this.lang());
  }

  protected accept(c: LlmTrainingCandidateDto): void {
    this.store.accept(c).subscribe((intent) => {
      if (intent) this.notify(this.transloco.translate('llm.training.accepted', { intent }));
      else this.failed();
    });
  }

  protected dismiss(c: LlmTrainingCandidateDto): void {
    this.store.dismiss(c).subscribe((ok) => {
      if (ok) this.notify(this.transloco.translate('llm.training.dismissed'));
      else this.failed();
    });
  }

  private failed(): void {
    const message = this.store.actionError();
    if (message === null) return;
    this.snackBar.open(
      message || this.transloco.translate('errors.generic'),
      this.transloco.translate('common.dismiss'),
      {
        duration: 6000,
      },
    );
  }

  private notify(message: string): void {
    this.snackBar.open(message, undefined, { duration: 3000 });
  }
}
