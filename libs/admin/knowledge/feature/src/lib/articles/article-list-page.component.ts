import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { ArticleFilters, ArticleListStore, LOCALE_CHOICES } from '@kefu/admin/knowledge/data-access';
import { EmptyStateComponent, LocalizedDatePipe, StatusChipComponent } from '@kefu/admin/ui';
import { ArticleStatus, KnowledgeArticleListItemDto, Permission } from '@kefu/shared/contracts';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { injectLang, KbLocaleNamePipe, KbNumberPipe, KbPlainTextPipe } from '../knowledge-ui';

const STATUSES = Object.values(ArticleStatus);
const PAGE_SIZES = [25, 50, 100];

const clean = (v: string | null | undefined) => (v ?? '').trim() || null;

@Component({
  selector: 'kb-article-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    StatusChipComponent,
    KbNumberPipe,
    KbLocaleNamePipe,
    KbPlainTextPipe,
  ],
  providers: [ArticleListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './article-list-page.component.html',
  styleUrl: './article-list-page.component.scss',
})
export class ArticleListPageComponent {
  protected readonly store = inject(ArticleListStore);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query parameters, so filters survive reloads and the back button. */
  readonly q = input<string | undefined>();
  readonly locale = input<string | undefined>();
  readonly status = input<string | undefined>();
  readonly tag = input<string | undefined>();
  readonly region = input<string | undefined>();
  readonly feedId = input<string | undefined>();

  protected readonly lang = injectLang();
  protected readonly statuses = STATUSES;
  protected readonly locales = LOCALE_CHOICES;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly ALL = '';
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly tagInput = new FormControl('', { nonNullable: true });
  protected readonly regionInput = new FormControl('', { nonNullable: true });

  protected readonly filters = computed<ArticleFilters>(() => ({
    q: clean(this.q()),
    locale: clean(this.locale()),
    status: STATUSES.includes(this.status() as ArticleStatus) ? (this.status() as ArticleStatus) : null,
    tag: clean(this.tag()),
    region: clean(this.region())?.toUpperCase() ?? null,
    feedId: clean(this.feedId()),
  }));

  constructor() {
    effect(() => {
      const f = this.filters();
      untracked(() => {
        // Keep the text boxes in step with the URL (back button), without re-triggering a search.
        if (clean(this.search.value) !== f.q) this.search.setValue(f.q ?? '', { emitEvent: false });
        if (clean(this.tagInput.value) !== f.tag) this.tagInput.setValue(f.tag ?? '', { emitEvent: false });
        if (clean(this.regionInput.value)?.toUpperCase() !== f.region) {
          this.regionInput.setValue(f.region ?? '', { emitEvent: false });
        }
        this.store.setFilters(f);
      });
    });
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.navigate({ q: clean(q) }));
    this.tagInput.valueChanges
      .pipe(debounceTime(400), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((tag) => this.navigate({ tag: clean(tag) }));
    this.regionInput.valueChanges
      .pipe(debounceTime(400), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((region) => this.navigate({ region: clean(region)?.toUpperCase() ?? null }));
  }

  protected setLocale(locale: string): void {
    this.navigate({ locale: locale || null });
  }

  protected setStatus(status: string): void {
    this.navigate({ status: status || null });
  }

  protected filterByTag(tag: string, event: Event): void {
    event.stopPropagation();
    event.preventDefault();
    this.navigate({ tag });
  }

  protected clearFilters(): void {
    this.navigate({ q: null, locale: null, status: null, tag: null, region: null, feedId: null });
  }

  protected open(article: KnowledgeArticleListItemDto): void {
    void this.router.navigate(['/knowledge/articles', article.id]);
  }

  protected readonly trackById = (_: number, a: KnowledgeArticleListItemDto) => a.id;

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
