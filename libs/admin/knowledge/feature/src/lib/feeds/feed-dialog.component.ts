import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
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
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { KnowledgeFeedsService, LOCALE_CHOICES } from '@kefu/admin/knowledge/data-access';
import { DEFAULT_FEED_SCHEDULE, KnowledgeFeedDto } from '@kefu/shared/contracts';
import { startWith } from 'rxjs';
import { injectLang } from '../knowledge-ui';
import { describeSchedule, SCHEDULE_PRESETS } from './feed-schedule';
import { FeedFormFieldsComponent } from './feed-form-fields.component';

const httpUrl = (c: AbstractControl<string>): ValidationErrors | null => {
  try {
    const u = new URL(c.value.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : { url: true };
  } catch {
    return c.value.trim() ? { url: true } : null;
  }
};

export function createFeedForm() {
  return new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    url: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, httpUrl, Validators.maxLength(2048)],
    }),
    format: new FormControl<'json' | 'csv'>('json', { nonNullable: true }),
    schedule: new FormControl(DEFAULT_FEED_SCHEDULE, {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\S+(\s+\S+){4}$/)],
    }),
    timezone: new FormControl(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', {
      nonNullable: true,
      validators: [Validators.required],
    }),
    locale: new FormControl('zh-CN', { nonNullable: true, validators: [Validators.required] }),
    enabled: new FormControl(true, { nonNullable: true }),
  });
}
export type FeedForm = ReturnType<typeof createFeedForm>;

/** Adds a feed, or edits one (`data` = the feed). Closes with the saved feed. */
@Component({
  selector: 'kb-feed-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, TranslocoPipe, FeedFormFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (feed ? 'knowledge.feeds.editTitle' : 'knowledge.feeds.addTitle') | transloco }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <kb-feed-form-fields
          [form]="form"
          [scheduleText]="scheduleText()"
          [presets]="presets"
          [locales]="locales"
        />
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="kb-feed-save">
          {{ (busy() ? 'common.saving' : 'common.save') | transloco }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .error {
      color: var(--mat-sys-error);
      margin: 8px 0 0;
    }
  `,
})
export class FeedDialogComponent {
  private readonly api = inject(KnowledgeFeedsService);
  private readonly ref = inject<MatDialogRef<FeedDialogComponent, KnowledgeFeedDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);
  protected readonly feed = inject<KnowledgeFeedDto | null>(MAT_DIALOG_DATA, { optional: true });
  private readonly lang = injectLang();

  protected readonly presets = SCHEDULE_PRESETS;
  protected readonly locales = LOCALE_CHOICES;
  protected readonly form = createFeedForm();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly schedule = toSignal(
    this.form.controls.schedule.valueChanges.pipe(startWith(this.form.controls.schedule.value)),
    {
      initialValue: DEFAULT_FEED_SCHEDULE,
    },
  );
  protected readonly scheduleText = computed(() =>
    describeSchedule(this.schedule(), this.transloco, this.lang()),
  );

  constructor() {
    if (this.feed) {
      const { name, url, format, schedule, timezone, locale, enabled } = this.feed;
      this.form.setValue({ name, url, format, schedule, timezone, locale, enabled });
    }
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const input = {
      ...v,
      name: v.name.trim(),
      url: v.url.trim(),
      schedule: v.schedule.trim(),
      timezone: v.timezone.trim(),
    };
    this.busy.set(true);
    this.error.set(null);
    (this.feed ? this.api.update(this.feed.id, input) : this.api.create(input)).subscribe({
      next: (feed) => this.ref.close(feed),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        for (const issue of e.issues ?? []) {
          const control = this.form.get(issue.path);
          if (control) {
            control.setErrors({ server: issue.message });
            control.markAsTouched();
          }
        }
        this.error.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }
}
