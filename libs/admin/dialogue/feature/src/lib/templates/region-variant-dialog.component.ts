import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { REGION_PATTERN, TEMPLATE_LOCALES, TemplateLocale } from '@kefu/admin/dialogue/data-access';
import { map, startWith } from 'rxjs';

export interface RegionVariantData {
  key: string;
  /** The locale to start with. */
  locale: TemplateLocale;
  /** The variants the key has already. */
  existing: { locale: TemplateLocale; region: string }[];
}

export interface RegionVariant {
  locale: TemplateLocale;
  region: string;
}

/** Region codes offered as one-click suggestions; any other code may be typed. */
const SUGGESTED_REGIONS = ['CN', 'HK', 'TW', 'SG', 'JP', 'US', 'GB'];

/** Asks which locale and region a new regional variant of a key is for; closes with them. */
@Component({
  selector: 'dlg-region-variant-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'dialogue.variant.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="intro">
          <code>{{ data.key }}</code> — {{ 'dialogue.variant.intro' | transloco }}
        </p>
        <div class="fields">
          <mat-form-field appearance="outline" class="locale" subscriptSizing="dynamic">
            <mat-label>{{ 'dialogue.variant.locale' | transloco }}</mat-label>
            <mat-select formControlName="locale" data-testid="dlg-variant-locale">
              @for (l of locales; track l) {
                <mat-option [value]="l">{{ 'dialogue.locales.' + l | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" class="region" subscriptSizing="dynamic">
            <mat-label>{{ 'dialogue.variant.region' | transloco }}</mat-label>
            <input
              matInput
              formControlName="region"
              class="upper"
              maxlength="20"
              autocomplete="off"
              data-testid="dlg-variant-region"
            />
            <mat-hint>{{ 'dialogue.variant.regionHint' | transloco }}</mat-hint>
            @if (form.controls.region.hasError('pattern')) {
              <mat-error>{{ 'dialogue.variant.regionInvalid' | transloco }}</mat-error>
            } @else if (form.controls.region.hasError('required')) {
              <mat-error>{{ 'dialogue.variant.regionRequired' | transloco }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="suggestions">
          @for (r of suggestions; track r) {
            <button mat-stroked-button type="button" class="suggestion" (click)="pick(r)">{{ r }}</button>
          }
        </div>
        @if (exists()) {
          <p class="error" role="alert" data-testid="dlg-variant-exists">
            {{ 'dialogue.variant.exists' | transloco: { key: data.key, region: normalized() } }}
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="exists()" data-testid="dlg-variant-continue">
          {{ 'dialogue.variant.continue' | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .intro {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .fields {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      flex-wrap: wrap;
    }
    .locale {
      width: 180px;
    }
    .region {
      flex: 1;
      min-width: 160px;
    }
    .upper {
      text-transform: uppercase;
    }
    .suggestions {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-top: 12px;
    }
    .suggestion {
      min-width: 0;
      --mat-button-outlined-horizontal-padding: 10px;
      height: 30px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 12px 0 0;
    }
  `,
})
export class RegionVariantDialogComponent {
  protected readonly data = inject<RegionVariantData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RegionVariantDialogComponent, RegionVariant>>(MatDialogRef);

  protected readonly locales = TEMPLATE_LOCALES;
  protected readonly suggestions = SUGGESTED_REGIONS;
  protected readonly form = new FormGroup({
    locale: new FormControl<TemplateLocale>(this.data.locale, { nonNullable: true }),
    region: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, (c: AbstractControl<string>) => this.validRegion(c)],
    }),
  });
  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );
  protected readonly normalized = computed(() => this.value().region.trim().toUpperCase());
  /** The key already has this variant: it is edited in the list, not added again. */
  protected readonly exists = computed(() =>
    this.data.existing.some((v) => v.locale === this.value().locale && v.region === this.normalized()),
  );

  protected pick(region: string): void {
    this.form.controls.region.setValue(region);
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid || this.exists()) return;
    this.ref.close({ locale: this.form.controls.locale.value, region: this.normalized() });
  }

  private validRegion(control: AbstractControl<string>): ValidationErrors | null {
    const v = (control.value ?? '').trim();
    return !v || REGION_PATTERN.test(v) ? null : { pattern: true };
  }
}
