import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { toApiError } from '@kefu/admin/auth/data-access';
import type { ArticleStatus, KnowledgeArticleListItemDto } from '@kefu/shared/contracts';
import { catchError, EMPTY, map, Subject, switchMap } from 'rxjs';
import { KnowledgeArticlesService } from './knowledge-articles.service';

export interface ArticleFilters {
  q: string | null;
  locale: string | null;
  status: ArticleStatus | null;
  tag: string | null;
  region: string | null;
  feedId: string | null;
}

export const EMPTY_ARTICLE_FILTERS: ArticleFilters = {
  q: null,
  locale: null,
  status: null,
  tag: null,
  region: null,
  feedId: null,
};

interface PageRequest {
  filters: ArticleFilters;
  pageSize: number;
  /** Cursor of the page to load (null: the first). */
  cursor: string | null;
  /** The index of that page. */
  index: number;
}

/**
 * The article list with its filters and page-by-page navigation over the API's cursors: the cursor of
 * every page visited is kept, so "previous" works. Provide it in the page component.
 */
@Injectable()
export class ArticleListStore {
  private readonly api = inject(KnowledgeArticlesService);
  private readonly requests = new Subject<PageRequest>();
  /** cursors[i] loads page i (cursors[0] = null). */
  private cursors: (string | null)[] = [null];

  readonly filters = signal<ArticleFilters>(EMPTY_ARTICLE_FILTERS);
  readonly pageSize = signal(25);
  readonly pageIndex = signal(0);
  readonly items = signal<KnowledgeArticleListItemDto[]>([]);
  readonly loading = signal(false);
  /** Server message ('' for a generic failure) when the last load failed. */
  readonly error = signal<string | null>(null);
  readonly hasNext = signal(false);
  readonly hasPrevious = computed(() => this.pageIndex() > 0);
  readonly isFiltered = computed(() => Object.values(this.filters()).some((v) => v !== null && v !== ''));
  /** True once a first page came back, so the page can tell "loading" from "empty". */
  readonly loaded = signal(false);

  constructor() {
    this.requests
      .pipe(
        switchMap((req) => {
          this.loading.set(true);
          this.error.set(null);
          return this.api.list({ ...req.filters, limit: req.pageSize, cursor: req.cursor }).pipe(
            map((page) => ({ req, page })),
            catchError((err: unknown) => {
              this.loading.set(false);
              this.error.set(toApiError(err).message);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ req, page }) => {
        this.items.set(page.items);
        this.pageIndex.set(req.index);
        this.cursors[req.index + 1] = page.nextCursor;
        this.hasNext.set(page.nextCursor !== null);
        this.loading.set(false);
        this.loaded.set(true);
      });
  }

  setFilters(filters: ArticleFilters): void {
    this.filters.set(filters);
    this.first();
  }

  setPageSize(size: number): void {
    this.pageSize.set(size);
    this.first();
  }

  /** Reloads the page on screen. */
  reload(): void {
    this.load(this.pageIndex());
  }

  next(): void {
    if (this.hasNext() && !this.loading()) this.load(this.pageIndex() + 1);
  }

  previous(): void {
    if (this.hasPrevious() && !this.loading()) this.load(this.pageIndex() - 1);
  }

  private first(): void {
    this.cursors = [null];
    this.load(0);
  }

  private load(index: number): void {
    this.requests.next({
      filters: this.filters(),
      pageSize: this.pageSize(),
      cursor: this.cursors[index] ?? null,
      index,
    });
  }
}
