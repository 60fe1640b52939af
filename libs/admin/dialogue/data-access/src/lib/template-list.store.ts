import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import { catchError, EMPTY, Subject, switchMap } from 'rxjs';
import type { DialogueTemplateDto } from './dialogue-template';
import { DialogueTemplatesService } from './dialogue-templates.service';
import {
  EMPTY_TEMPLATE_FILTERS,
  filterRows,
  groupRows,
  TemplateFamily,
  TemplateFilters,
  templateRows,
} from './template-rows';

/**
 * Every reply template (a few hundred), loaded once and filtered here, so the search covers keys
 * and texts in all locales at once. Provide it in the page component.
 */
@Injectable()
export class TemplateListStore {
  private readonly api = inject(DialogueTemplatesService);
  private readonly loads = new Subject<void>();

  readonly templates = signal<DialogueTemplateDto[]>([]);
  readonly filters = signal<TemplateFilters>(EMPTY_TEMPLATE_FILTERS);
  readonly loading = signal(false);
  /** Server message ('' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  /** True once the templates came back, so the page can tell "loading" from "empty". */
  readonly loaded = signal(false);

  readonly rows = computed(() => templateRows(this.templates()));
  readonly shown = computed(() => filterRows(this.rows(), this.filters()));
  readonly groups = computed(() => groupRows(this.shown()));
  readonly keyCount = computed(() => new Set(this.templates().map((t) => t.key)).size);
  readonly isFiltered = computed(() => {
    const f = this.filters();
    return !!(f.q?.trim() || f.locale || f.family);
  });
  /** How many rows each family has, with the search and locale applied but not the family. */
  readonly familyCounts = computed(() => {
    const counts = new Map<TemplateFamily, number>();
    for (const row of filterRows(this.rows(), { ...this.filters(), family: null })) {
      counts.set(row.family, (counts.get(row.family) ?? 0) + 1);
    }
    return counts;
  });

  constructor() {
    this.loads
      .pipe(
        switchMap(() => {
          this.loading.set(true);
          this.error.set(null);
          return this.api.list().pipe(
            catchError((err: unknown) => {
              this.loading.set(false);
              this.error.set(toApiError(err).message);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((templates) => {
        this.templates.set(templates);
        this.loading.set(false);
        this.loaded.set(true);
      });
  }

  load(): void {
    this.loads.next();
  }

  setFilters(filters: TemplateFilters): void {
    this.filters.set(filters);
  }

  /** Puts a saved template in the list (replacing the one with its id, or adding it). */
  upsert(saved: DialogueTemplateDto): void {
    this.templates.update((list) => {
      const i = list.findIndex((t) => t.id === saved.id);
      return i < 0 ? [...list, saved] : list.map((t, j) => (j === i ? saved : t));
    });
  }

  /** The template of a key × locale × region on screen, if there is one. */
  find(key: string, locale: string, region: string | null): DialogueTemplateDto | undefined {
    return this.templates().find((t) => t.key === key && t.locale === locale && t.region === region);
  }
}
