import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { KnowledgeArticlesService } from '@kefu/admin/knowledge/data-access';
import {
  ConfirmDialogData,
  LocalizedDatePipe,
  PageHeaderComponent,
  confirmAction,
  StatusChipComponent,
} from '@kefu/admin/ui';
import {
  KnowledgeArticleDto,
  KnowledgeDiffDto,
  KnowledgeVersionSummaryDto,
  Permission,
} from '@kefu/shared/contracts';
import { catchError, EMPTY, forkJoin, of, Subscription, switchMap } from 'rxjs';
import { AuthorNames } from '../author-names';
import { errorText, injectLang } from '../knowledge-ui';
import { DiffViewComponent } from './diff-view.component';

/** `current`: what differs between the chosen version and today's; `previous`: what that version changed. */
export type CompareMode = 'current' | 'previous';

@Component({
  selector: 'kb-article-history-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    LocalizedDatePipe,
    PageHeaderComponent,
    StatusChipComponent,
    DiffViewComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './article-history-page.component.html',
  styleUrl: './article-history-page.component.scss',
})
export class ArticleHistoryPageComponent {
  private readonly api = inject(KnowledgeArticlesService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly authors = inject(AuthorNames);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();
  /** Query parameter `?v=`: the version on the right. */
  readonly v = input<string | undefined>();

  protected readonly lang = injectLang();
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));
  protected readonly article = signal<KnowledgeArticleDto | null>(null);
  protected readonly versions = signal<KnowledgeVersionSummaryDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly mode = signal<CompareMode>('current');
  protected readonly diff = signal<KnowledgeDiffDto | null>(null);
  protected readonly diffLoading = signal(false);
  protected readonly diffError = signal<string | null>(null);
  protected readonly restoring = signal(false);
  private diffSub: Subscription | null = null;

  protected readonly current = computed(() => this.article()?.version ?? null);
  protected readonly selected = computed(() => {
    const list = this.versions();
    const wanted = Number(this.v());
    if (list.some((x) => x.version === wanted)) return wanted;
    // Default: the version before the current one (the most likely to restore), else the only one.
    return list[1]?.version ?? list[0]?.version ?? null;
  });
  protected readonly selectedSummary = computed(
    () => this.versions().find((x) => x.version === this.selected()) ?? null,
  );
  /** Comparing a version with itself says nothing: the current version is compared with its predecessor. */
  protected readonly effectiveMode = computed<CompareMode>(() =>
    this.selected() === this.current() ? 'previous' : this.mode(),
  );

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          this.loading.set(true);
          this.error.set(null);
          return forkJoin([this.api.get(Number(id)), this.api.versions(Number(id))]).pipe(
            catchError((err: unknown) => {
              this.loading.set(false);
              this.error.set(errorText(err, this.transloco));
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(([article, versions]) => {
        this.loading.set(false);
        this.article.set(article);
        this.versions.set([...versions].sort((a, b) => b.version - a.version));
      });
    toObservable(computed(() => [this.selected(), this.effectiveMode()] as const))
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.loadDiff());
  }

  protected select(version: number): void {
    void this.router.navigate([], { queryParams: { v: version }, replaceUrl: true });
  }

  protected authorName(v: KnowledgeVersionSummaryDto): string {
    this.lang();
    return this.authors.name(v);
  }

  protected setMode(mode: CompareMode): void {
    this.mode.set(mode);
  }

  protected confirmRestore(version: KnowledgeVersionSummaryDto): void {
    const article = this.article();
    if (!article) return;
    const t = (k: string, p?: Record<string, unknown>) => this.transloco.translate(k, p);
    const data: ConfirmDialogData = {
      title: t('knowledge.history.restore.title', { version: version.version }),
      message: t('knowledge.history.restore.message', {
        version: version.version,
        next: article.version + 1,
      }),
      confirm: t('knowledge.history.restore.confirm'),
      cancel: t('common.cancel'),
    };
    confirmAction(this.dialog, data, '460px')
      .pipe(
        switchMap(() => {
          this.restoring.set(true);
          return this.api.restore(article.id, version.version);
        }),
        switchMap((restored) => forkJoin([of(restored), this.api.versions(restored.id)])),
      )
      .subscribe({
        next: ([restored, versions]) => {
          this.restoring.set(false);
          this.article.set(restored);
          this.versions.set([...versions].sort((a, b) => b.version - a.version));
          this.select(restored.version);
          this.snackBar.open(t('knowledge.history.restore.done', { version: restored.version }), undefined, {
            duration: 4000,
          });
        },
        error: (err: unknown) => {
          this.restoring.set(false);
          this.snackBar.open(errorText(err, this.transloco), t('common.dismiss'), { duration: 6000 });
        },
      });
  }

  private loadDiff(): void {
    const article = this.article();
    const selected = this.selected();
    if (!article || selected === null) return;
    this.diffSub?.unsubscribe();
    this.diffLoading.set(true);
    this.diffError.set(null);
    const request =
      this.effectiveMode() === 'current'
        ? this.api.diff(article.id, article.version, selected)
        : selected > 1
          ? this.api.diff(article.id, selected)
          : null;
    if (!request) {
      // Version 1 has nothing before it.
      this.diff.set(null);
      this.diffLoading.set(false);
      return;
    }
    this.diffSub = request.subscribe({
      next: (d) => {
        this.diff.set(d);
        this.diffLoading.set(false);
      },
      error: (err: unknown) => {
        this.diffLoading.set(false);
        this.diffError.set(errorText(err, this.transloco));
      },
    });
  }
}
