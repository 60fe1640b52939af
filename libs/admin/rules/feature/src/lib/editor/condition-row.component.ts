import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSliderModule } from '@angular/material/slider';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { defaultCondition, fixedChoices, regexError, RuleIssues, takesNoValue, withOp } from '@kefu/admin/rules/data-access';
import { CONDITION_SPECS, ConditionField, ConditionOp, RuleCondition } from '@kefu/shared/contracts';

/** One row of the condition builder: field → operator → a value widget of the field's kind. */
@Component({
  selector: 'kefu-condition-row',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSliderModule,
    MatTooltipModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './condition-row.component.html',
  styleUrl: './rule-rows.scss',
})
export class ConditionRowComponent {
  readonly condition = input.required<RuleCondition>();
  /** Fields known at the rule's event. */
  readonly fields = input.required<readonly ConditionField[]>();
  /** Intent names for the intent field's suggestions. */
  readonly intents = input<readonly string[]>([]);
  readonly issues = input<RuleIssues>({});
  /** The row's path in the issues, e.g. `conditions.2`. */
  readonly path = input.required<string>();
  readonly changed = output<RuleCondition>();
  readonly removed = output<void>();

  protected readonly separators = [ENTER, COMMA];
  protected readonly typed = signal('');
  protected readonly spec = computed(() => CONDITION_SPECS[this.condition().field]);
  protected readonly choices = computed(() => fixedChoices(this.condition().field));
  protected readonly noValue = computed(() => takesNoValue(this.condition()));
  protected readonly fieldChoices = computed(() => {
    const f = this.condition().field;
    return this.fields().includes(f) ? this.fields() : [f, ...this.fields()];
  });
  protected readonly listValue = computed(() => {
    const v = this.condition().value;
    return Array.isArray(v) ? v : [];
  });
  protected readonly unit = computed(() => {
    const { max } = this.spec();
    return max !== undefined && max <= 1;
  });
  /** Suggestions for free lists: intents, filtered by what is typed and not chosen yet. */
  protected readonly suggestions = computed(() => {
    if (this.condition().field !== 'intent') return [];
    const q = this.typed().trim().toLowerCase();
    const chosen = new Set(this.listValue());
    return this.intents()
      .filter((i) => !chosen.has(i) && (!q || i.includes(q)))
      .slice(0, 50);
  });
  protected readonly liveRegexError = computed(() => {
    const c = this.condition();
    return c.field === 'pattern' && typeof c.value === 'string' ? regexError(c.value) : null;
  });

  protected issue(part: 'field' | 'op' | 'value'): string | null {
    return this.issues()[`${this.path()}.${part}`] ?? null;
  }

  protected setField(field: ConditionField): void {
    this.changed.emit(defaultCondition(field));
  }

  protected setOp(op: ConditionOp): void {
    this.changed.emit(withOp(this.condition(), op));
  }

  protected setValue(value: RuleCondition['value']): void {
    this.changed.emit({ ...this.condition(), value });
  }

  protected setNumber(raw: string | number | null): void {
    const n = typeof raw === 'number' ? raw : raw === null || String(raw).trim() === '' ? NaN : Number(raw);
    this.setValue(Number.isFinite(n) ? n : undefined);
  }

  protected addChip(e: MatChipInputEvent): void {
    const parts = (e.value ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    if (parts.length) this.setValue([...new Set([...this.listValue(), ...parts])]);
    e.chipInput.clear();
    this.typed.set('');
  }

  protected pick(value: string, box: HTMLInputElement): void {
    this.setValue([...new Set([...this.listValue(), value])]);
    box.value = '';
    this.typed.set('');
  }

  protected removeChip(value: string): void {
    this.setValue(this.listValue().filter((v) => v !== value));
  }
}
