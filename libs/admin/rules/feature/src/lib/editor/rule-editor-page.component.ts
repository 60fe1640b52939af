import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import {
  ACTION_TYPES,
  ActionType,
  defaultAction,
  defaultCondition,
  emptyRule,
  fieldsForEvent,
  issuesFromServer,
  RuleIssues,
  RuleReferencesStore,
  RulesApiService,
  toRuleInput,
  validateRule,
} from '@kefu/admin/rules/data-access';
import { ConditionField, RULE_EVENTS, RuleAction, RuleCondition, RuleEvent, RuleInput } from '@kefu/shared/contracts';
import { RuleTestRunnerComponent } from '../tester/rule-test-runner.component';
import { HasUnsavedChanges } from '../unsaved-changes.guard';
import { ActionRowComponent } from './action-row.component';
import { ConditionRowComponent } from './condition-row.component';
import { RuleVersionsComponent } from './rule-versions.component';

/** `/rules/new` and `/rules/:id`: the rule editor with its condition and action builders, a tester and the history. */
@Component({
  selector: 'kefu-rule-editor-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTabsModule,
    TranslocoPipe,
    ActionRowComponent,
    ConditionRowComponent,
    RuleTestRunnerComponent,
    RuleVersionsComponent,
  ],
  providers: [RuleReferencesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-editor-page.component.html',
  styleUrl: './rule-editor-page.component.scss',
})
export class RuleEditorPageComponent implements HasUnsavedChanges {
  private readonly api = inject(RulesApiService);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  protected readonly refs = inject(RuleReferencesStore);

  /** The route's `:id` (absent for `/rules/new`). */
  readonly id = input<string>();

  protected readonly events = RULE_EVENTS;
  protected readonly actionTypes = ACTION_TYPES;
  protected readonly draft = signal<RuleInput>(emptyRule());
  private readonly saved = signal(JSON.stringify(emptyRule()));
  protected readonly version = signal<number | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  /** Someone else saved the rule since it was opened (409). */
  protected readonly conflict = signal(false);
  protected readonly saveError = signal<string | null>(null);
  /** Show the schema's problems once a save was tried. */
  private readonly attempted = signal(false);
  private readonly serverIssues = signal<RuleIssues>({});
  /** Bumped after each save so the history panel reloads. */
  protected readonly savedCount = signal(0);

  protected readonly isNew = computed(() => !this.id());
  protected readonly fields = computed(() => fieldsForEvent(this.draft().event));
  protected readonly clientIssues = computed(() => validateRule(this.draft()));
  protected readonly issues = computed<RuleIssues>(() => ({
    ...(this.attempted() ? this.clientIssues() : {}),
    ...this.serverIssues(),
  }));
  /** Problems a row does not show itself (the whole conditions or actions list). */
  protected readonly listIssue = (path: 'conditions' | 'actions') => this.issues()[path] ?? null;
  protected readonly dirty = computed(() => JSON.stringify(this.draft()) !== this.saved());
  protected readonly testDraft = computed(() => ({ id: this.id() ?? null, rule: this.draft() }));

  constructor() {
    this.refs.load();
    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.load(id) : this.reset(emptyRule(), null)));
    });
  }

  hasUnsavedChanges(): boolean {
    return this.dirty() && !this.saving();
  }

  protected load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.get(id).subscribe({
      next: (rule) => {
        this.loading.set(false);
        this.reset(toRuleInput(rule), rule.version);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        const e = toApiError(err);
        this.loadError.set(e.statusCode === 404 ? this.transloco.translate('rules.editor.notFound') : e.message || this.transloco.translate('errors.generic'));
      },
    });
  }

  protected reload(): void {
    const id = this.id();
    if (id) this.load(id);
  }

  protected patch(changes: Partial<RuleInput>): void {
    this.draft.update((d) => ({ ...d, ...changes }));
    this.serverIssues.set({});
  }

  protected setEvent(event: RuleEvent): void {
    this.patch({ event });
  }

  protected addCondition(field?: ConditionField): void {
    const f = field ?? this.fields()[0];
    this.patch({ conditions: [...this.draft().conditions, defaultCondition(f)] });
  }

  protected setCondition(i: number, c: RuleCondition): void {
    this.patch({ conditions: this.draft().conditions.map((x, k) => (k === i ? c : x)) });
  }

  protected removeCondition(i: number): void {
    this.patch({ conditions: this.draft().conditions.filter((_, k) => k !== i) });
  }

  protected addAction(type: ActionType): void {
    this.patch({ actions: [...this.draft().actions, defaultAction(type)] });
  }

  protected setAction(i: number, a: RuleAction): void {
    this.patch({ actions: this.draft().actions.map((x, k) => (k === i ? a : x)) });
  }

  protected removeAction(i: number): void {
    this.patch({ actions: this.draft().actions.filter((_, k) => k !== i) });
  }

  protected save(): void {
    this.attempted.set(true);
    this.saveError.set(null);
    if (Object.keys(this.clientIssues()).length) {
      this.saveError.set(this.transloco.translate('validation.fixErrors'));
      return;
    }
    const id = this.id();
    const draft = this.draft();
    this.saving.set(true);
    const request = id ? this.api.update(id, draft, this.version() ?? undefined) : this.api.create(draft);
    request.subscribe({
      next: (rule) => {
        this.saving.set(false);
        this.reset(toRuleInput(rule), rule.version);
        this.savedCount.update((n) => n + 1);
        this.snackBar.open(this.transloco.translate('rules.editor.saved', { name: rule.name }), undefined, { duration: 3000 });
        if (!id) void this.router.navigate(['/rules', rule.id], { replaceUrl: true });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        if (e.statusCode === 409) {
          this.conflict.set(true);
          return;
        }
        this.serverIssues.set(issuesFromServer(e.issues));
        this.saveError.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }

  private reset(rule: RuleInput, version: number | null): void {
    this.draft.set(rule);
    this.saved.set(JSON.stringify(rule));
    this.version.set(version);
    this.attempted.set(false);
    this.serverIssues.set({});
    this.conflict.set(false);
    this.saveError.set(null);
  }
}
