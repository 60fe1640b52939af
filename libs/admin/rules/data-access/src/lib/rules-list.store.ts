import { computed, inject, Injectable, signal } from '@angular/core';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { EscalationRuleDto, RuleEvent, TeamDto } from '@kefu/shared/contracts';
import { catchError, finalize, forkJoin, Observable, of, tap, throwError } from 'rxjs';
import { RulesApiService, type SafetyTriggerInfo } from './rules-api.service';

/** Moves the item at `from` to `to` in a copy of `list`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from === to || from < 0 || from >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item);
  return next;
}

/**
 * The rules list page's state: the ordered rules, the built-in safety triggers, the teams (for names),
 * the event filter, switching a rule on or off, reordering (optimistic, rolled back when the server
 * refuses) and deleting. Provide it in the page component.
 */
@Injectable()
export class RulesListStore {
  private readonly api = inject(RulesApiService);

  readonly rules = signal<EscalationRuleDto[]>([]);
  readonly safety = signal<SafetyTriggerInfo[]>([]);
  readonly teams = signal<TeamDto[]>([]);
  readonly event = signal<RuleEvent | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<string | null>(null);
  /** Rule ids being saved (switch, delete). */
  readonly busy = signal<ReadonlySet<string>>(new Set());
  readonly reordering = signal(false);

  readonly empty = computed(() => this.loaded() && !this.error() && this.rules().length === 0);
  /** The rules shown: all, or those of the chosen event (still in their global order). */
  readonly shown = computed(() => {
    const e = this.event();
    return e ? this.rules().filter((r) => r.event === e) : this.rules();
  });
  readonly countByEvent = computed(() => {
    const counts: Partial<Record<RuleEvent, number>> = {};
    for (const r of this.rules()) counts[r.event] = (counts[r.event] ?? 0) + 1;
    return counts;
  });
  private readonly teamNames = computed(() => new Map(this.teams().map((t) => [t.id, t.name])));

  teamName = (id: string): string | null => this.teamNames().get(id) ?? null;

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    forkJoin({
      rules: this.api.list(),
      // The list still works without these two (e.g. a server that does not have them yet).
      safety: this.api.safetyTriggers().pipe(catchError(() => of([] as SafetyTriggerInfo[]))),
      teams: this.api.teams().pipe(catchError(() => of([] as TeamDto[]))),
    })
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: ({ rules, safety, teams }) => {
          this.rules.set(rules);
          this.safety.set(safety);
          this.teams.set(teams);
          this.loaded.set(true);
        },
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }

  setEnabled(rule: EscalationRuleDto, enabled: boolean): Observable<EscalationRuleDto> {
    this.mark(rule.id, true);
    this.replace({ ...rule, enabled });
    return this.api.setEnabled(rule.id, enabled).pipe(
      tap((saved) => this.replace(saved)),
      catchError((err: unknown) => {
        this.replace(rule);
        return throwError(() => err);
      }),
      finalize(() => this.mark(rule.id, false)),
    );
  }

  remove(rule: EscalationRuleDto): Observable<void> {
    this.mark(rule.id, true);
    return this.api.remove(rule.id).pipe(
      tap(() => this.rules.update((list) => renumber(list.filter((r) => r.id !== rule.id)))),
      finalize(() => this.mark(rule.id, false)),
    );
  }

  /**
   * Moves a rule within the rules shown (`from`/`to` are indexes in `shown()`); the whole list keeps the
   * other rules where they were. Shows the new order at once and puts the old one back if the server refuses.
   */
  move(from: number, to: number): Observable<EscalationRuleDto[]> {
    const shown = this.shown();
    if (from === to || !shown[from] || !shown[to]) return of(this.rules());
    const before = this.rules();
    const all = before.map((r) => r.id);
    const moved = moveItem(shown, from, to).map((r) => r.id);
    // Put the filtered rules back into the slots they occupy in the whole list.
    const slots = all.map((id, i) => (shown.some((r) => r.id === id) ? i : -1)).filter((i) => i >= 0);
    const ids = [...all];
    slots.forEach((slot, k) => (ids[slot] = moved[k]));
    const byId = new Map(before.map((r) => [r.id, r]));
    this.rules.set(renumber(ids.map((id) => byId.get(id) as EscalationRuleDto)));
    this.reordering.set(true);
    return this.api.reorder(ids).pipe(
      tap((saved) => this.rules.set(saved)),
      catchError((err: unknown) => {
        this.rules.set(before);
        return throwError(() => err);
      }),
      finalize(() => this.reordering.set(false)),
    );
  }

  private replace(rule: EscalationRuleDto): void {
    this.rules.update((list) => list.map((r) => (r.id === rule.id ? rule : r)));
  }

  private mark(id: string, on: boolean): void {
    this.busy.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}

function renumber(list: EscalationRuleDto[]): EscalationRuleDto[] {
  return list.map((r, i) => (r.position === i + 1 ? r : { ...r, position: i + 1 }));
}
