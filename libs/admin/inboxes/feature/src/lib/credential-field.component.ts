import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { copyWithFeedback } from './code-block.component';
import { InboxFieldErrorPipe } from './field-error.pipe';

/**
 * One channel credential (WeChat token, EncodingAESKey, AppSecret, SMTP/IMAP password). On create it
 * is a plain field. Once stored it is only ever shown masked (`••••••••ab12`) with a "Replace" button
 * that opens an empty field: left empty, the stored value stays. Optionally a "Generate" button.
 */
@Component({
  selector: 'kefu-credential-field',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    TranslocoPipe,
    InboxFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (editing()) {
      <div class="row">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
          <mat-label>{{ label() }}</mat-label>
          <input
            matInput
            [formControl]="control()"
            [type]="concealed() && !shown() ? 'password' : 'text'"
            autocomplete="off"
            spellcheck="false"
            [attr.data-testid]="testId()"
          />
          @if (concealed()) {
            <button
              mat-icon-button
              matSuffix
              type="button"
              (click)="shown.set(!shown())"
              [attr.aria-label]="
                (shown() ? 'inbox.credentials.hide' : 'inbox.credentials.reveal') | transloco
              "
            >
              <mat-icon [svgIcon]="shown() ? 'visibility_off' : 'visibility'" />
            </button>
          }
          @if (stored()) {
            <mat-hint>{{ 'inbox.credentialField.keepHint' | transloco }}</mat-hint>
          } @else if (hint()) {
            <mat-hint>{{ hint() }}</mat-hint>
          }
          <mat-error>{{ control().errors | inboxFieldError: lang() }}</mat-error>
        </mat-form-field>
        @if (generate(); as gen) {
          <button
            mat-stroked-button
            type="button"
            class="action"
            (click)="fill(gen)"
            [attr.data-testid]="testId() + '-generate'"
          >
            <mat-icon svgIcon="inbox-key" />
            {{ 'inbox.credentialField.generate' | transloco }}
          </button>
        }
        @if (!concealed() && control().value) {
          <button
            mat-icon-button
            type="button"
            class="action"
            (click)="copy()"
            [matTooltip]="'common.copy' | transloco"
            [attr.aria-label]="'common.copy' | transloco"
          >
            <mat-icon svgIcon="content_copy" />
          </button>
        }
        @if (stored()) {
          <button mat-button type="button" class="action" (click)="cancel()">
            {{ 'common.cancel' | transloco }}
          </button>
        }
      </div>
    } @else {
      <div class="stored">
        <span class="label">{{ label() }}</span>
        <code [attr.data-testid]="testId() + '-masked'">{{ stored() }}</code>
        @if (canEdit()) {
          <button
            mat-stroked-button
            type="button"
            (click)="replacing.set(true)"
            [attr.data-testid]="testId() + '-replace'"
          >
            <mat-icon svgIcon="inbox-edit" />
            {{ 'inbox.credentialField.replace' | transloco }}
          </button>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 16px;
    }
    .row {
      display: flex;
      align-items: flex-start;
      gap: 8px;
    }
    .grow {
      flex: 1;
      min-width: 0;
    }
    .action {
      margin-top: 10px;
    }
    .stored {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 12px;
      min-height: 56px;
    }
    .label {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      min-width: 140px;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      background: var(--mat-sys-surface-container-high);
      padding: 4px 8px;
      border-radius: 6px;
    }
  `,
})
export class CredentialFieldComponent {
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly control = input.required<FormControl<string>>();
  readonly label = input.required<string>();
  readonly hint = input<string | null>(null);
  /** The stored value, masked; absent on create or when nothing is stored yet. */
  readonly stored = input<string | undefined>(undefined);
  /** Typed like a password (AppSecret, mail passwords) rather than shown (token, key). */
  readonly concealed = input(false);
  readonly generate = input<(() => string) | null>(null);
  readonly canEdit = input(true);
  readonly lang = input<string>('');
  readonly testId = input<string>('credential');

  protected readonly replacing = signal(false);
  protected readonly shown = signal(false);
  protected readonly editing = computed(() => this.canEdit() && (!this.stored() || this.replacing()));

  constructor() {
    // A new form (after saving or discarding) closes the replace field again.
    effect(() => {
      this.control();
      untracked(() => {
        this.replacing.set(false);
        this.shown.set(false);
      });
    });
  }

  protected fill(gen: () => string): void {
    const c = this.control();
    c.setValue(gen());
    c.markAsDirty();
    c.markAsTouched();
  }

  protected cancel(): void {
    this.control().reset('');
    this.replacing.set(false);
  }

  protected copy(): void {
    copyWithFeedback(this.clipboard, this.snackBar, this.transloco, this.control().value);
  }
}
