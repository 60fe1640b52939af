import { computed, inject, Injectable, signal } from '@angular/core';
import { DialogueTemplatesService } from '@kefu/admin/dialogue/data-access';
import { NluService } from '@kefu/admin/nlu/data-access';
import type { TeamDto } from '@kefu/shared/contracts';
import { catchError, forkJoin, map, Observable, of } from 'rxjs';
import { HandoffAgent, RulesApiService } from './rules-api.service';

/** Unique, sorted template keys of a template list. */
export function templateKeysOf(list: readonly { key: string }[]): string[] {
  return [...new Set(list.map((t) => t.key))].sort();
}

/**
 * What the rule editor, tester and thresholds offer to choose from: teams, staff who work hand-offs,
 * intents (for the intent field and per-intent thresholds) and reply template keys. Each list is
 * optional: when one cannot be loaded the pages still work with free text. Provide it in the page.
 */
@Injectable()
export class RuleReferencesStore {
  private readonly api = inject(RulesApiService);
  private readonly nlu = inject(NluService);
  private readonly templates = inject(DialogueTemplatesService);

  readonly teams = signal<TeamDto[]>([]);
  readonly agents = signal<HandoffAgent[]>([]);
  readonly intents = signal<string[]>([]);
  readonly templateKeys = signal<string[]>([]);
  readonly loaded = signal(false);

  private readonly teamNames = computed(() => new Map(this.teams().map((t) => [t.id, t.name])));
  private readonly agentNames = computed(() => new Map(this.agents().map((a) => [a.id, a.name])));
  teamName = (id: string): string | null => this.teamNames().get(id) ?? null;
  agentName = (id: string): string | null => this.agentNames().get(id) ?? null;

  load(): void {
    const quiet = <T>(o: Observable<T>, empty: T) => o.pipe(catchError(() => of(empty)));
    forkJoin({
      teams: quiet(this.api.teams(), [] as TeamDto[]),
      agents: quiet(this.api.agents(), [] as HandoffAgent[]),
      intents: quiet(this.nlu.intents().pipe(map((l) => l.map((i) => i.name).sort())), [] as string[]),
      keys: quiet(this.templates.list().pipe(map(templateKeysOf)), [] as string[]),
    }).subscribe(({ teams, agents, intents, keys }) => {
      this.teams.set(teams);
      this.agents.set(agents);
      this.intents.set(intents);
      this.templateKeys.set(keys);
      this.loaded.set(true);
    });
  }
}
