import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { NluIntentsStore } from '@kefu/admin/nlu/data-access';
import { INTENT_NAME_PATTERN, NluIntentDto } from '@kefu/shared/contracts';

/** Creates a custom intent from a snake_case name and a description; closes with the new intent. */
@Component({
  selector: 'kefu-nlu-create-intent-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'nlu.create.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="intro">{{ 'nlu.create.intro' | transloco }}</p>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'nlu.create.name' | transloco }}</mat-label>
          <input
            matInput
            formControlName="name"
            maxlength="63"
            required
            cdkFocusInitial
            autocomplete="off"
            spellcheck="false"
            placeholder="ask_invoice"
            data-testid="nlu-new-intent-name"
          />
          <mat-hint>{{ 'nlu.create.nameHint' | transloco }}</mat-hint>
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ 'validation.required' | transloco }}</mat-error>
          } @else if (form.controls.name.hasError('pattern')) {
            <mat-error>{{ 'nlu.create.namePattern' | transloco }}</mat-error>
          } @else if (form.controls.name.hasError('server')) {
            <mat-error data-testid="nlu-new-intent-error">{{
              form.controls.name.getError('server')
            }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'nlu.create.description' | transloco }}</mat-label>
          <textarea matInput formControlName="description" rows="3" maxlength="500"></textarea>
          <mat-hint>{{ 'nlu.create.descriptionHint' | transloco }}</mat-hint>
          @if (form.controls.description.hasError('server')) {
            <mat-error>{{ form.controls.description.getError('server') }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="nlu-create-intent-submit">
          {{ 'nlu.create.submit' | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding-top: 8px;
    }
    .intro {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class CreateIntentDialogComponent {
  private readonly store = inject(NluIntentsStore);
  private readonly dialogRef = inject<MatDialogRef<CreateIntentDialogComponent, NluIntentDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(INTENT_NAME_PATTERN)],
    }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    const name = this.form.controls.name;
    name.setValue(name.value.trim());
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { description } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.store.create({ name: name.value, description: description.trim() }).subscribe({
      next: (intent) => this.dialogRef.close(intent),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        if (e.statusCode === 409) {
          name.setErrors({ server: this.transloco.translate('nlu.create.exists', { name: name.value }) });
          name.markAsTouched();
          return;
        }
        let placed = false;
        for (const issue of e.issues ?? []) {
          const control = this.form.get(issue.path);
          if (control) {
            control.setErrors({ server: issue.message });
            control.markAsTouched();
            placed = true;
          }
        }
        if (!placed) this.error.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }
}
