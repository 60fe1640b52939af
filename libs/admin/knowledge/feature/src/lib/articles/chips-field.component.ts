import { COMMA, ENTER, SEMICOLON } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { splitList } from '../knowledge-ui';

/** A list of short values (tags, regions, ids) as removable chips; typing a comma or Enter adds one. */
@Component({
  selector: 'kb-chips-field',
  imports: [ReactiveFormsModule, MatChipsModule, MatFormFieldModule, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="field" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-chip-grid #grid [formControl]="control()" [attr.aria-label]="label()">
        @for (value of control().value; track value) {
          <mat-chip-row (removed)="remove(value)" [editable]="false" [disabled]="control().disabled">
            {{ value }}
            @if (!control().disabled) {
              <button matChipRemove [attr.aria-label]="'knowledge.common.remove' | transloco: { value }">
                <mat-icon svgIcon="kb:close" />
              </button>
            }
          </mat-chip-row>
        }
        <input
          [placeholder]="control().disabled ? '' : placeholder()"
          [matChipInputFor]="grid"
          [matChipInputSeparatorKeyCodes]="separators"
          [matChipInputAddOnBlur]="true"
          [disabled]="control().disabled"
          (matChipInputTokenEnd)="add($event)"
          [attr.data-testid]="testId()"
          [class.upper]="uppercase()"
        />
      </mat-chip-grid>
      @if (hint()) {
        <mat-hint>{{ hint() }}</mat-hint>
      }
      @if (control().hasError('server')) {
        <mat-error>{{ control().getError('server') }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      width: 100%;
    }
    .upper {
      text-transform: uppercase;
    }
  `,
})
export class ChipsFieldComponent {
  readonly control = input.required<FormControl<string[]>>();
  readonly label = input.required<string>();
  readonly placeholder = input('');
  readonly hint = input('');
  readonly uppercase = input(false);
  readonly testId = input<string | null>(null);

  protected readonly separators = [ENTER, COMMA, SEMICOLON];

  protected add(event: MatChipInputEvent): void {
    const entries = splitList(event.value).map((v) => (this.uppercase() ? v.toUpperCase() : v));
    event.chipInput.clear();
    if (!entries.length) return;
    const c = this.control();
    c.setValue([...new Set([...c.value, ...entries])]);
    c.markAsDirty();
  }

  protected remove(value: string): void {
    const c = this.control();
    c.setValue(c.value.filter((v) => v !== value));
    c.markAsDirty();
  }
}
