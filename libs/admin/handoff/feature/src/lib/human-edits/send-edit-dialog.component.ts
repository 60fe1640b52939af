import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { HumanEditsApiService, SendHumanEditInput } from '@kefu/admin/handoff/data-access';
import { HumanEditDto } from '@kefu/shared/contracts';
import { startWith } from 'rxjs';

export interface SendEditDialogData {
  edit: HumanEditDto;
  target: 'knowledge' | 'training';
  /** Intent names for the training target's autocomplete. */
  intents: string[];
}

const INTENT = /^[a-z_]{2,60}$/;

/** Sends an agent's edited reply to the knowledge base (as an article titled …) or to training data (for an intent). */
@Component({
  selector: 'kefu-send-edit-dialog',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'humanEdits.send.' + data.target + 'Title' | transloco }}</h2>
    <mat-dialog-content>
      <p class="help">{{ 'humanEdits.send.' + data.target + 'Help' | transloco }}</p>
      <blockquote>{{ data.edit.edited }}</blockquote>
      <form id="send-edit" (ngSubmit)="send()">
        @if (data.target === 'knowledge') {
          <mat-form-field appearance="outline" class="field">
            <mat-label>{{ 'humanEdits.send.title' | transloco }}</mat-label>
            <input matInput [formControl]="title" maxlength="200" data-testid="send-title" />
            <mat-hint>{{ 'humanEdits.send.titleHint' | transloco }}</mat-hint>
          </mat-form-field>
        } @else {
          <mat-form-field appearance="outline" class="field">
            <mat-label>{{ 'humanEdits.send.intent' | transloco }}</mat-label>
            <input matInput [formControl]="intent" [matAutocomplete]="auto" spellcheck="false" data-testid="send-intent" />
            <mat-autocomplete #auto="matAutocomplete">
              @for (n of intentOptions(); track n) {
                <mat-option [value]="n">{{ n }}</mat-option>
              }
            </mat-autocomplete>
            @if (intent.invalid) {
              <mat-error>{{ 'humanEdits.send.intentFormat' | transloco }}</mat-error>
            } @else {
              <mat-hint>{{ 'humanEdits.send.intentHint' | transloco }}</mat-hint>
            }
          </mat-form-field>
        }
      </form>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close type="button">{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="submit" form="send-edit" [disabled]="sending()" data-testid="send-confirm">
        {{ (sending() ? 'humanEdits.send.sending' : 'humanEdits.send.confirm') | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .help {
      margin: 0 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    blockquote {
      margin: 0 0 16px;
      padding: 8px 12px;
      border-left: 3px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      max-height: 160px;
      overflow: auto;
    }
    .field {
      width: 100%;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class SendEditDialogComponent {
  private readonly api = inject(HumanEditsApiService);
  private readonly ref = inject<MatDialogRef<SendEditDialogComponent, HumanEditDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);
  protected readonly data = inject<SendEditDialogData>(MAT_DIALOG_DATA);

  protected readonly title = new FormControl(this.data.edit.question?.slice(0, 200) ?? '', { nonNullable: true });
  protected readonly intent = new FormControl(this.data.edit.intent ?? '', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(INTENT)],
  });
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly intentInput = toSignal(this.intent.valueChanges.pipe(startWith(this.intent.value)), {
    initialValue: '',
  });
  protected readonly intentOptions = computed(() => {
    const q = this.intentInput().trim().toLowerCase();
    return this.data.intents.filter((n) => !q || n.includes(q)).slice(0, 50);
  });

  protected send(): void {
    const input: SendHumanEditInput = { target: this.data.target };
    if (this.data.target === 'knowledge') {
      const title = this.title.value.trim();
      if (title) input.title = title;
    } else {
      if (this.intent.invalid) {
        this.intent.markAsTouched();
        return;
      }
      input.intent = this.intent.value.trim();
    }
    this.sending.set(true);
    this.error.set(null);
    this.api.send(this.data.edit.id, input).subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.sending.set(false);
        this.error.set(toApiError(err).message || this.transloco.translate('errors.generic'));
      },
    });
  }
}
