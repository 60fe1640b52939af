import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { InboxesService } from '@kefu/admin/inboxes/data-access';
import { ChannelType, InboxDto } from '@kefu/shared/contracts';
import { httpUrlValidator } from './inbox-form';

/** Creates an API inbox from a name and an optional callback URL; closes with the new inbox. */
@Component({
  selector: 'kefu-create-inbox-dialog',
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
    <h2 mat-dialog-title>{{ 'inboxes.create.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p class="intro">{{ 'inboxes.create.intro' | transloco }}</p>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'inbox.fields.name' | transloco }}</mat-label>
          <input
            matInput
            formControlName="name"
            maxlength="120"
            required
            cdkFocusInitial
            data-testid="new-inbox-name"
          />
          <mat-hint>{{ 'inboxes.create.nameHint' | transloco }}</mat-hint>
          @if (form.controls.name.hasError('required')) {
            <mat-error>{{ 'validation.required' | transloco }}</mat-error>
          } @else if (form.controls.name.hasError('server')) {
            <mat-error>{{ form.controls.name.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'inbox.fields.callbackUrl' | transloco }}</mat-label>
          <input
            matInput
            formControlName="callbackUrl"
            type="url"
            placeholder="https://shop.example.com/kefu/webhook"
          />
          <mat-hint>{{ 'inbox.fields.callbackUrlHint' | transloco }}</mat-hint>
          @if (form.controls.callbackUrl.hasError('url')) {
            <mat-error>{{ 'validation.url' | transloco }}</mat-error>
          } @else if (form.controls.callbackUrl.hasError('server')) {
            <mat-error>{{ form.controls.callbackUrl.getError('server') }}</mat-error>
          }
        </mat-form-field>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-inbox-submit">
          {{ 'inboxes.create.submit' | transloco }}
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
export class CreateInboxDialogComponent {
  private readonly inboxes = inject(InboxesService);
  private readonly dialogRef = inject<MatDialogRef<CreateInboxDialogComponent, InboxDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    callbackUrl: new FormControl('', {
      nonNullable: true,
      validators: [httpUrlValidator, Validators.maxLength(2048)],
    }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { name, callbackUrl } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.inboxes
      .create({ name: name.trim(), channel: ChannelType.Api, callbackUrl: callbackUrl.trim() || null })
      .subscribe({
        next: (inbox) => this.dialogRef.close(inbox),
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
