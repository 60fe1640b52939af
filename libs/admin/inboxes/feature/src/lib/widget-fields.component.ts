import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import { normaliseOrigin } from '@kefu/admin/inboxes/data-access';
import type { WidgetForm } from './channel-forms';
import { InboxFieldErrorPipe } from './field-error.pipe';

/** The web chat widget's settings: title, colour, the sites allowed to embed it, language, identity. */
@Component({
  selector: 'kefu-widget-fields',
  imports: [
    ReactiveFormsModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoPipe,
    InboxFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = form().controls.settings;
    <div class="grid" [formGroup]="s">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'inbox.widget.title' | transloco }}</mat-label>
        <input matInput formControlName="title" maxlength="80" data-testid="widget-title" />
        <mat-hint>{{ 'inbox.widget.titleHint' | transloco }}</mat-hint>
        <mat-error>{{ s.controls.title.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>

      <div class="color-row">
        <input
          type="color"
          class="swatch"
          [value]="swatchValue(s.controls.color.value)"
          [disabled]="s.controls.color.disabled"
          (input)="pickColor($event)"
          [attr.aria-label]="'inbox.widget.color' | transloco"
          data-testid="widget-color-picker"
        />
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="grow">
          <mat-label>{{ 'inbox.widget.color' | transloco }}</mat-label>
          <input
            matInput
            formControlName="color"
            maxlength="7"
            spellcheck="false"
            data-testid="widget-color"
          />
          <mat-error>{{ s.controls.color.errors | inboxFieldError: lang() }}</mat-error>
        </mat-form-field>
      </div>

      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
        <mat-label>{{ 'inbox.widget.allowedOrigins' | transloco }}</mat-label>
        <mat-chip-grid
          #chips
          [formControl]="s.controls.allowedOrigins"
          [attr.aria-label]="'inbox.widget.allowedOrigins' | transloco"
        >
          @for (origin of s.controls.allowedOrigins.value; track origin) {
            <mat-chip-row (removed)="removeOrigin(origin)" [editable]="false" data-testid="widget-origin">
              {{ origin }}
              <button
                matChipRemove
                type="button"
                [attr.aria-label]="'inbox.widget.removeOrigin' | transloco: { origin }"
              >
                <mat-icon svgIcon="inbox-cancel" />
              </button>
            </mat-chip-row>
          }
          <input
            [placeholder]="'inbox.widget.originPlaceholder' | transloco"
            [matChipInputFor]="chips"
            [matChipInputSeparatorKeyCodes]="separators"
            [matChipInputAddOnBlur]="true"
            [disabled]="s.controls.allowedOrigins.disabled"
            (matChipInputTokenEnd)="addOrigin($event)"
            (input)="originError.set(null)"
            data-testid="widget-origin-input"
          />
        </mat-chip-grid>
        @if (originError(); as bad) {
          <mat-hint class="error-hint" role="alert">{{
            'inbox.fieldErrors.origin' | transloco: { value: bad }
          }}</mat-hint>
        } @else {
          <mat-hint>{{ 'inbox.widget.allowedOriginsHint' | transloco }}</mat-hint>
        }
        <mat-error>{{ s.controls.allowedOrigins.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>

      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'inbox.widget.locale' | transloco }}</mat-label>
        <mat-select formControlName="locale" data-testid="widget-locale">
          @for (l of locales; track l) {
            <mat-option [value]="l">{{ 'inbox.widget.locales.' + l | transloco }}</mat-option>
          }
        </mat-select>
      </mat-form-field>

      <div class="toggle wide">
        <mat-slide-toggle formControlName="requireIdentity" data-testid="widget-require-identity">
          {{ 'inbox.widget.requireIdentity' | transloco }}
        </mat-slide-toggle>
        <p class="hint">{{ 'inbox.widget.requireIdentityHint' | transloco }}</p>
      </div>
    </div>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
      gap: 16px;
      align-items: start;
    }
    .wide {
      grid-column: 1 / -1;
    }
    .color-row {
      display: flex;
      gap: 12px;
      align-items: flex-start;
    }
    .grow {
      flex: 1;
    }
    .swatch {
      width: 52px;
      height: 52px;
      padding: 2px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: none;
      cursor: pointer;
    }
    .error-hint {
      color: var(--mat-sys-error);
    }
    .toggle {
      margin: 4px 0 8px;
    }
    .hint {
      margin: 4px 0 0 52px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class WidgetFieldsComponent {
  readonly form = input.required<WidgetForm>();
  readonly lang = input<string>('');

  protected readonly separators = [ENTER, COMMA];
  protected readonly locales = ['auto', 'zh-CN', 'en', 'ja'] as const;
  /** What the admin typed that is not a site address. */
  protected readonly originError = signal<string | null>(null);

  /** The colour input only takes #rrggbb: show black while the text is being typed. */
  protected swatchValue(value: string): string {
    return /^#[0-9a-fA-F]{6}$/.test(value) ? value : '#000000';
  }

  protected pickColor(event: Event): void {
    const control = this.form().controls.settings.controls.color;
    control.setValue((event.target as HTMLInputElement).value);
    control.markAsDirty();
  }

  protected addOrigin(event: MatChipInputEvent): void {
    const typed = (event.value ?? '').trim();
    if (!typed) return;
    const origin = normaliseOrigin(typed);
    if (!origin) {
      this.originError.set(typed);
      return;
    }
    const control = this.form().controls.settings.controls.allowedOrigins;
    if (!control.value.includes(origin)) {
      control.setValue([...control.value, origin]);
      control.markAsDirty();
    }
    this.originError.set(null);
    event.chipInput.clear();
  }

  protected removeOrigin(origin: string): void {
    const control = this.form().controls.settings.controls.allowedOrigins;
    control.setValue(control.value.filter((o) => o !== origin));
    control.markAsDirty();
  }
}
