import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { KnowledgeSearchService, LOCALE_CHOICES } from '@kefu/admin/knowledge/data-access';
import { SynonymGroupDto } from '@kefu/shared/contracts';
import { ChipsFieldComponent } from '../articles/chips-field.component';
import { injectLang, KbLocaleNamePipe } from '../knowledge-ui';

/** Adds a synonym group or edits one (`data` = the group); closes with the saved group. */
@Component({
  selector: 'kb-synonym-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslocoPipe,
    ChipsFieldComponent,
    KbLocaleNamePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (group ? 'knowledge.synonyms.editTitle' : 'knowledge.synonyms.addTitle') | transloco }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="intro">{{ 'knowledge.synonyms.dialogIntro' | transloco }}</p>
        <kb-chips-field
          [control]="form.controls.terms"
          [label]="'knowledge.synonyms.terms' | transloco"
          [placeholder]="'knowledge.synonyms.termsPlaceholder' | transloco"
          [hint]="'knowledge.synonyms.termsHint' | transloco"
          testId="kb-synonym-terms"
        />
        <mat-form-field appearance="outline" class="locale">
          <mat-label>{{ 'knowledge.fields.locale' | transloco }}</mat-label>
          <mat-select formControlName="locale">
            <mat-select-trigger>{{
              form.controls.locale.value | kbLocale: lang() : 'knowledge.synonyms.allLocales'
            }}</mat-select-trigger>
            <mat-option [value]="ALL">{{ 'knowledge.synonyms.allLocales' | transloco }}</mat-option>
            @for (l of locales; track l) {
              <mat-option [value]="l">{{ 'knowledge.locales.' + l | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="kb-synonym-save">
          {{ (busy() ? 'common.saving' : 'common.save') | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .intro {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .locale {
      width: 240px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class SynonymDialogComponent {
  private readonly api = inject(KnowledgeSearchService);
  private readonly ref = inject<MatDialogRef<SynonymDialogComponent, SynonymGroupDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);
  protected readonly group = inject<SynonymGroupDto | null>(MAT_DIALOG_DATA, { optional: true });

  protected readonly ALL = '';
  protected readonly lang = injectLang();
  protected readonly locales = LOCALE_CHOICES;
  protected readonly form = new FormGroup({
    terms: new FormControl<string[]>(this.group?.terms ?? [], { nonNullable: true }),
    locale: new FormControl(this.group?.locale ?? '', { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    const { terms, locale } = this.form.getRawValue();
    if (terms.length < 2) {
      this.error.set(this.transloco.translate('knowledge.synonyms.needTwo'));
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const input = { terms, locale: locale || null };
    (this.group ? this.api.updateSynonyms(this.group.id, input) : this.api.createSynonyms(input)).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        const issue = e.issues?.find((i) => i.path.startsWith('terms'));
        if (issue) this.form.controls.terms.setErrors({ server: issue.message });
        this.error.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }
}
