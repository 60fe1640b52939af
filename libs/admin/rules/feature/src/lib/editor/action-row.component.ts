import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { ACTION_TYPES, ActionType, defaultAction, HandoffAgent, RuleIssues } from '@kefu/admin/rules/data-access';
import { HANDOFF_REASONS, PRIORITIES, RuleAction, TeamDto } from '@kefu/shared/contracts';

/** One row of the actions builder: the action type and its settings. */
@Component({
  selector: 'kefu-action-row',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-row.component.html',
  styleUrl: './rule-rows.scss',
})
export class ActionRowComponent {
  readonly action = input.required<RuleAction>();
  readonly teams = input<readonly TeamDto[]>([]);
  readonly agents = input<readonly HandoffAgent[]>([]);
  readonly templateKeys = input<readonly string[]>([]);
  readonly issues = input<RuleIssues>({});
  /** The row's path in the issues, e.g. `actions.0`. */
  readonly path = input.required<string>();
  readonly changed = output<RuleAction>();
  readonly removed = output<void>();

  protected readonly types = ACTION_TYPES;
  protected readonly priorities = PRIORITIES;
  protected readonly reasons = HANDOFF_REASONS;
  protected readonly targets = ['team', 'team_lead', 'user'] as const;
  protected readonly separators = [ENTER, COMMA];
  protected readonly typedKey = signal('');
  protected readonly keySuggestions = computed(() => {
    const q = this.typedKey().trim().toLowerCase();
    return this.templateKeys()
      .filter((k) => !q || k.toLowerCase().includes(q))
      .slice(0, 50);
  });

  protected issue(part?: string): string | null {
    const issues = this.issues();
    const base = this.path();
    if (!part) return Object.entries(issues).find(([p]) => p.startsWith(`${base}.`))?.[1] ?? issues[base] ?? null;
    return issues[`${base}.${part}`] ?? null;
  }

  protected setType(type: ActionType): void {
    this.changed.emit(defaultAction(type));
  }

  protected patch(changes: Partial<RuleAction>): void {
    this.changed.emit({ ...this.action(), ...changes } as RuleAction);
  }

  protected tags(): string[] {
    const a = this.action();
    return a.type === 'tag' ? a.tags : [];
  }

  protected addTag(e: MatChipInputEvent): void {
    const parts = (e.value ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    if (parts.length) this.patch({ tags: [...new Set([...this.tags(), ...parts])] });
    e.chipInput.clear();
  }

  protected removeTag(tag: string): void {
    this.patch({ tags: this.tags().filter((t) => t !== tag) });
  }
}
