import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import {
  buildTestInput,
  CHANNELS,
  emptyTestForm,
  overriddenFacts,
  RuleReferencesStore,
  RulesApiService,
  RuleTestForm,
  TURN_OUTCOMES,
} from '@kefu/admin/rules/data-access';
import { HANDOFF_REASONS, RULE_EVENTS, RuleInput, RuleTestResultDto } from '@kefu/shared/contracts';
import { MessagePickerComponent, PickedMessage } from './message-picker.component';
import { RuleTestResultComponent } from './rule-test-result.component';

/**
 * Runs the rules over a message: pasted (or picked from a conversation), at an event, with facts to
 * pretend; with `draft`, the editor's unsaved rule takes the stored one's place. Shows the trace.
 */
@Component({
  selector: 'kefu-rule-test-runner',
  imports: [
    FormsModule,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    MessagePickerComponent,
    RuleTestResultComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-test-runner.component.html',
  styleUrl: './rule-test-runner.component.scss',
})
export class RuleTestRunnerComponent {
  private readonly api = inject(RulesApiService);
  private readonly transloco = inject(TranslocoService);
  protected readonly refs = inject(RuleReferencesStore);

  /** The editor's draft: tested in place of the stored rule with that id (or appended when new). */
  readonly draft = input<{ id: string | null; rule: RuleInput } | null>(null);
  /** The editor's side panel: no conversation picker, one column. */
  readonly compact = input(false);

  protected readonly events = RULE_EVENTS;
  protected readonly channels = CHANNELS;
  protected readonly outcomes = TURN_OUTCOMES;
  protected readonly reasons = HANDOFF_REASONS;
  protected readonly form = signal<RuleTestForm>(emptyTestForm());
  protected readonly picked = signal<PickedMessage | null>(null);
  protected readonly running = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<RuleTestResultDto | null>(null);
  protected readonly overrides = computed(() => overriddenFacts(this.form()));
  protected readonly canRun = computed(() => !this.running() && (!!this.form().messageId || !!this.form().text.trim()));

  constructor() {
    // The draft's event is the one to test.
    effect(() => {
      const event = this.draft()?.rule.event;
      if (event) untracked(() => this.set({ event }));
    });
  }

  protected set(changes: Partial<RuleTestForm>): void {
    this.form.update((f) => ({ ...f, ...changes }));
  }

  protected pick(message: PickedMessage | null): void {
    this.picked.set(message);
    this.set({ messageId: message?.id ?? null });
  }

  protected clearFacts(): void {
    const { text, messageId, event } = this.form();
    this.form.set({ ...emptyTestForm(event), text, messageId });
  }

  protected run(): void {
    if (!this.canRun()) return;
    this.running.set(true);
    this.error.set(null);
    this.api.test(buildTestInput(this.form(), this.draft() ?? undefined)).subscribe({
      next: (result) => {
        this.running.set(false);
        this.result.set(result);
      },
      error: (err: unknown) => {
        this.running.set(false);
        const e = toApiError(err);
        const detail = e.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
        this.error.set(
          (e.statusCode === 400 && this.draft() ? this.transloco.translate('rules.tester.draftInvalid') + ' ' : '') +
            (detail || e.message || this.transloco.translate('errors.generic')),
        );
      },
    });
  }
}
