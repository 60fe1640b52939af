import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { WebhooksApiService } from '@kefu/admin/webhooks/data-access';
import { WEBHOOK_EVENTS, WebhookDto, WebhookEvent } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export interface WebhookDialogData {
  /** null: create a new one. */
  webhook: WebhookDto | null;
}

/** http:// or https:// only, like the server checks. */
export function webhookUrlValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  if (!value) return null;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol) ? null : { url: true };
  } catch {
    return { url: true };
  }
}

const atLeastOne = (control: AbstractControl<Record<string, boolean>>): ValidationErrors | null =>
  Object.values(control.value ?? {}).some(Boolean) ? null : { noEvent: true };

/** Creates or edits a webhook: name, URL, the events it gets (checkboxes), on or off. Closes with the saved webhook. */
@Component({
  selector: 'kefu-webhook-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{ (editing ? 'webhooks.dialog.editTitle' : 'webhooks.dialog.createTitle') | transloco }}
    </h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'webhooks.fields.name' | transloco }}</mat-label>
          <input
            matInput
            formControlName="name"
            maxlength="120"
            required
            cdkFocusInitial
            data-testid="wh-form-name"
          />
          <mat-hint>{{ 'webhooks.fields.nameHint' | transloco }}</mat-hint>
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ 'validation.required' | transloco }}</mat-error>
          } @else if (form.controls.name.hasError('server')) {
            <mat-error>{{ form.controls.name.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'webhooks.fields.url' | transloco }}</mat-label>
          <input
            matInput
            formControlName="url"
            type="url"
            required
            placeholder="https://crm.example.com/kefu/events"
            data-testid="wh-form-url"
          />
          <mat-hint>{{ 'webhooks.fields.urlHint' | transloco }}</mat-hint>
          @if (form.controls.url.hasError('required')) {
            <mat-error>{{ 'validation.required' | transloco }}</mat-error>
          } @else if (form.controls.url.hasError('url')) {
            <mat-error>{{ 'validation.url' | transloco }}</mat-error>
          } @else if (form.controls.url.hasError('server')) {
            <mat-error>{{ form.controls.url.getError('server') }}</mat-error>
          }
        </mat-form-field>

        <fieldset class="events" formGroupName="events">
          <legend>{{ 'webhooks.fields.events' | transloco }}</legend>
          @for (e of events; track e) {
            <div class="event">
              <mat-checkbox [formControlName]="e" [attr.data-testid]="'wh-form-event-' + e">
                <span class="label">{{ 'webhooks.events.' + e + '.label' | transloco }}</span>
                <code>{{ e }}</code>
              </mat-checkbox>
              <p class="hint">{{ 'webhooks.events.' + e + '.hint' | transloco }}</p>
            </div>
          }
          @if (form.controls.events.touched && form.controls.events.hasError('noEvent')) {
            <p class="error" role="alert">{{ 'webhooks.fields.eventsRequired' | transloco }}</p>
          }
        </fieldset>

        <mat-slide-toggle formControlName="enabled" data-testid="wh-form-enabled">
          {{ 'webhooks.fields.enabled' | transloco }}
        </mat-slide-toggle>

        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="wh-form-submit">
          {{ (editing ? 'common.save' : 'webhooks.dialog.create') | transloco }}
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
    .events {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 8px 12px 12px;
      margin: 0;
    }
    legend {
      font: var(--mat-sys-label-large);
      padding: 0 4px;
    }
    .event {
      margin-top: 4px;
    }
    .label {
      margin-right: 8px;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .hint {
      margin: -6px 0 4px 40px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
      margin: 4px 0 0;
    }
  `,
})
export class WebhookDialogComponent {
  private readonly api = inject(WebhooksApiService);
  private readonly dialogRef = inject<MatDialogRef<WebhookDialogComponent, WebhookDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);
  private readonly data = inject<WebhookDialogData>(MAT_DIALOG_DATA);

  protected readonly events = WEBHOOK_EVENTS;
  protected readonly editing = !!this.data.webhook;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = new FormGroup({
    name: new FormControl(this.data.webhook?.name ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    url: new FormControl(this.data.webhook?.url ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(2048), webhookUrlValidator],
    }),
    events: new FormGroup(
      Object.fromEntries(
        WEBHOOK_EVENTS.map((e) => [
          e,
          new FormControl(
            this.data.webhook ? this.data.webhook.events.includes(e) : e !== 'conversation.resolved',
            { nonNullable: true },
          ),
        ]),
      ) as Record<WebhookEvent, FormControl<boolean>>,
      { validators: atLeastOne },
    ),
    enabled: new FormControl(this.data.webhook?.enabled ?? true, { nonNullable: true }),
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const input = {
      name: v.name.trim(),
      url: v.url.trim(),
      events: WEBHOOK_EVENTS.filter((e) => v.events[e]),
      enabled: v.enabled,
    };
    const webhook = this.data.webhook;
    const request: Observable<WebhookDto> = webhook
      ? this.api.update(webhook.id, input)
      : this.api.create(input);
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        for (const issue of e.issues ?? []) {
          const control = this.form.get(issue.path.split('.')[0]);
          if (control && control !== this.form.controls.events) {
            control.setErrors({ server: issue.message });
            control.markAsTouched();
          }
        }
        this.error.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }
}
