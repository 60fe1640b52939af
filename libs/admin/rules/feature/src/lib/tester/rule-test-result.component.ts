import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { describeAction, describeCondition, NameOf } from '@kefu/admin/rules/data-access';
import { RuleTestResultDto } from '@kefu/shared/contracts';
import { RuleNumberPipe } from './rule-number.pipe';

/** What the tester found: the NLU reading, the safety triggers, each rule condition by condition, the decision and routing. */
@Component({
  selector: 'kefu-rule-test-result',
  imports: [MatIconModule, TranslocoPipe, RuleNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-test-result.component.html',
  styleUrl: './rule-test-result.component.scss',
})
export class RuleTestResultComponent {
  private readonly transloco = inject(TranslocoService);
  readonly result = input.required<RuleTestResultDto>();
  readonly teamName = input<NameOf>(() => null);
  readonly userName = input<NameOf>(() => null);
  /** Narrow layout (the editor's side panel). */
  readonly compact = input(false);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  /** The active language's strings once loaded: the sentences below are built from them in code. */
  private readonly strings = toSignal(this.transloco.selectTranslation());
  protected readonly top3 = computed(() => this.result().nlu.ranking.slice(0, 3));
  protected readonly firedSafety = computed(() => this.result().safety.find((s) => s.fired) ?? null);
  /** Condition and action lines in words, in the active language. */
  protected readonly words = computed(() => {
    this.strings();
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    const r = this.result();
    return {
      conditions: r.rules.map((rule) => rule.conditions.map((c) => describeCondition(t, c.condition))),
      actions: r.rules.map((rule) => rule.actions.map((a) => describeAction(t, a, this.teamName(), this.userName()))),
      notify: r.decision.notify.map((n) => describeAction(t, { type: 'notify', ...n }, this.teamName(), this.userName())),
    };
  });
  protected readonly handoffTeam = computed(() => {
    this.strings();
    const h = this.result().decision.handoff;
    const routing = this.result().routing;
    if (!h) return null;
    if (routing?.teamName) return routing.teamName;
    return h.teamId ? (this.teamName()(h.teamId) ?? h.teamId) : this.transloco.translate('rules.summary.defaultTeam');
  });

  protected actual(value: string | number | boolean | null): string {
    if (value === null) return '—';
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
    return String(value);
  }
}
