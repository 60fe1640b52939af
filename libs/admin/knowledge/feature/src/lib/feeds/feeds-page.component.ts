import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { KnowledgeFeedsService } from '@kefu/admin/knowledge/data-access';
import { ConfirmDialogData, EmptyStateComponent, LocalizedDatePipe, confirmAction } from '@kefu/admin/ui';
import { KnowledgeFeedDto, Permission } from '@kefu/shared/contracts';
import { exhaustMap, Subscription, switchMap, takeWhile, timer } from 'rxjs';
import { errorText, injectLang, KbNumberPipe } from '../knowledge-ui';
import { FeedDialogComponent } from './feed-dialog.component';
import { describeSchedule } from './feed-schedule';

/** How often a feed with a running sync is re-read. */
const RUN_POLL_MS = 2000;

@Component({
  selector: 'kb-feeds-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatExpansionModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    KbNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './feeds-page.component.html',
  styleUrl: './feeds-page.component.scss',
})
export class FeedsPageComponent {
  private readonly api = inject(KnowledgeFeedsService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly polls = new Map<string, Subscription>();

  protected readonly lang = injectLang();
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));
  protected readonly feeds = signal<KnowledgeFeedDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  /** Feeds whose "run now" request is on its way. */
  protected readonly starting = signal<ReadonlySet<string>>(new Set());

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.polls.forEach((s) => s.unsubscribe()));
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list().subscribe({
      next: (feeds) => {
        this.feeds.set(feeds);
        this.loading.set(false);
        feeds.filter((f) => f.lastRun?.status === 'running').forEach((f) => this.follow(f.id));
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(errorText(err, this.transloco));
      },
    });
  }

  protected schedule(feed: KnowledgeFeedDto): string {
    return describeSchedule(feed.schedule, this.transloco, this.lang());
  }

  protected isRunning(feed: KnowledgeFeedDto): boolean {
    return this.starting().has(feed.id) || feed.lastRun?.status === 'running';
  }

  protected add(): void {
    this.dialog
      .open<FeedDialogComponent, null, KnowledgeFeedDto>(FeedDialogComponent, { width: '600px', data: null })
      .afterClosed()
      .subscribe((feed) => {
        if (!feed) return;
        this.feeds.update((list) => [...list, feed]);
        this.snackBar.open(this.transloco.translate('knowledge.feeds.added'), undefined, { duration: 3000 });
      });
  }

  protected edit(feed: KnowledgeFeedDto): void {
    this.dialog
      .open<FeedDialogComponent, KnowledgeFeedDto, KnowledgeFeedDto>(FeedDialogComponent, {
        width: '600px',
        data: feed,
      })
      .afterClosed()
      .subscribe((saved) => {
        if (saved) this.replace(saved);
      });
  }

  protected confirmDelete(feed: KnowledgeFeedDto): void {
    const t = (k: string, p?: Record<string, unknown>) => this.transloco.translate(k, p);
    const data: ConfirmDialogData = {
      title: t('knowledge.feeds.delete.title'),
      message: t('knowledge.feeds.delete.message', { name: feed.name }),
      confirm: t('knowledge.feeds.delete.confirm'),
      cancel: t('common.cancel'),
      danger: true,
    };
    confirmAction(this.dialog, data)
      .pipe(switchMap(() => this.api.remove(feed.id)))
      .subscribe({
        next: () => this.feeds.update((list) => list.filter((f) => f.id !== feed.id)),
        error: (err: unknown) => this.toast(errorText(err, this.transloco)),
      });
  }

  protected runNow(feed: KnowledgeFeedDto): void {
    this.setStarting(feed.id, true);
    this.api.run(feed.id).subscribe({
      next: (run) => {
        this.setStarting(feed.id, false);
        this.replace({ ...feed, lastRun: run });
        this.follow(feed.id);
      },
      error: (err: unknown) => {
        this.setStarting(feed.id, false);
        this.toast(errorText(err, this.transloco));
      },
    });
  }

  /** Re-reads the feed until its run has finished, then says how it went. */
  private follow(id: string): void {
    this.polls.get(id)?.unsubscribe();
    const sub = timer(RUN_POLL_MS, RUN_POLL_MS)
      .pipe(
        exhaustMap(() => this.api.get(id)),
        takeWhile((f) => f.lastRun?.status === 'running', true),
      )
      .subscribe({
        next: (f) => {
          this.replace(f);
          if (f.lastRun && f.lastRun.status !== 'running') {
            const key =
              f.lastRun.status === 'failed' ? 'knowledge.feeds.runFailed' : 'knowledge.feeds.runDone';
            this.toast(this.transloco.translate(key, { name: f.name }));
          }
        },
        error: () => this.polls.delete(id),
        complete: () => this.polls.delete(id),
      });
    this.polls.set(id, sub);
  }

  private replace(feed: KnowledgeFeedDto): void {
    this.feeds.update((list) => list.map((f) => (f.id === feed.id ? feed : f)));
  }

  private setStarting(id: string, on: boolean): void {
    this.starting.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private toast(message: string): void {
    this.snackBar.open(message, this.transloco.translate('common.dismiss'), { duration: 5000 });
  }
}
