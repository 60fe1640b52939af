import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { UnknownQuestionsService } from '@kefu/admin/knowledge/data-access';
import { INTENT_NAME_PATTERN, NluIntentDto, UnknownQuestionGroupDto } from '@kefu/shared/contracts';
import { startWith } from 'rxjs';

/** Labels a group of unknown questions with an intent; closes with the updated group. */
@Component({
  selector: 'kb-label-intent-dialog',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'knowledge.unknown.label.title' | transloco }}</h2>
    <mat-dialog-content>
      <p class="sample" [attr.lang]="group.language">“{{ group.sample }}”</p>
      <p class="muted">{{ 'knowledge.unknown.label.intro' | transloco: { count: group.count } }}</p>
      @if (intents() === null) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-form-field appearance="outline" class="intent">
        <mat-label>{{ 'knowledge.unknown.label.intent' | transloco }}</mat-label>
        <input
          matInput
          [formControl]="intent"
          [matAutocomplete]="auto"
          spellcheck="false"
          cdkFocusInitial
          placeholder="return_policy"
          data-testid="kb-intent-input"
        />
        <mat-autocomplete #auto="matAutocomplete">
          @for (i of options(); track i.name) {
            <mat-option [value]="i.name">
              <span class="mono">{{ i.name }}</span>
              @if (i.description) {
                <span class="muted"> — {{ i.description }}</span>
              }
            </mat-option>
          }
        </mat-autocomplete>
        <mat-hint>{{
          (unavailable() ? 'knowledge.unknown.label.freeText' : 'knowledge.unknown.label.hint') | transloco
        }}</mat-hint>
        @if (intent.hasError('required')) {
          <mat-error>{{ 'validation.required' | transloco }}</mat-error>
        } @else if (intent.hasError('pattern')) {
          <mat-error>{{ 'knowledge.unknown.label.pattern' | transloco }}</mat-error>
        } @else if (intent.hasError('server')) {
          <mat-error>{{ intent.getError('server') }}</mat-error>
        }
      </mat-form-field>
      @if (isNew()) {
        <p class="muted">{{ 'knowledge.unknown.label.newIntent' | transloco }}</p>
      }
      <mat-checkbox [formControl]="retrain">{{ 'knowledge.unknown.label.retrain' | transloco }}</mat-checkbox>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button (click)="submit()" [disabled]="busy()" data-testid="kb-intent-save">
        {{ 'knowledge.unknown.label.submit' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .sample {
      font: var(--mat-sys-title-medium);
      margin: 0 0 4px;
    }
    .intent {
      width: 100%;
      margin-top: 12px;
    }
    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class LabelIntentDialogComponent {
  private readonly api = inject(UnknownQuestionsService);
  private readonly ref =
    inject<MatDialogRef<LabelIntentDialogComponent, UnknownQuestionGroupDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);
  protected readonly group = inject<UnknownQuestionGroupDto>(MAT_DIALOG_DATA);

  protected readonly intent = new FormControl(this.group.intent ?? '', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(INTENT_NAME_PATTERN)],
  });
  protected readonly retrain = new FormControl(true, { nonNullable: true });
  /** null while loading; [] when the language engine's list is not available. */
  protected readonly intents = signal<NluIntentDto[] | null>(null);
  protected readonly unavailable = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly typed = toSignal(this.intent.valueChanges.pipe(startWith(this.intent.value)), {
    initialValue: '',
  });
  protected readonly options = computed(() => {
    const q = this.typed().trim().toLowerCase();
    const list = (this.intents() ?? []).filter((i) => i.enabled);
    return (
      q ? list.filter((i) => i.name.includes(q) || i.description.toLowerCase().includes(q)) : list
    ).slice(0, 50);
  });
  protected readonly isNew = computed(() => {
    const name = this.typed().trim();
    const list = this.intents();
    return !!list && list.length > 0 && INTENT_NAME_PATTERN.test(name) && !list.some((i) => i.name === name);
  });

  constructor() {
    this.api.intents().subscribe({
      next: (list) => this.intents.set([...list].sort((a, b) => a.name.localeCompare(b.name))),
      error: () => {
        this.intents.set([]);
        this.unavailable.set(true);
      },
    });
  }

  protected submit(): void {
    this.intent.setValue(this.intent.value.trim());
    if (this.intent.invalid) {
      this.intent.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.label(this.group.id, { intent: this.intent.value, retrain: this.retrain.value }).subscribe({
      next: (group) => this.ref.close(group),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        const issue = e.issues?.find((i) => i.path === 'intent');
        if (issue) {
          this.intent.setErrors({ server: issue.message });
          this.intent.markAsTouched();
        }
        this.error.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }
}
