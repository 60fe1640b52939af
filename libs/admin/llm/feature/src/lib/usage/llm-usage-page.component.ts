import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import {
  failureRatio,
  formatCount,
  formatDay,
  formatLatency,
  formatPercent,
  formatTokens,
  formatUsd,
  LLM_PURPOSES,
  LLM_USAGE_RANGES,
  LlmApiService,
  purposeRows,
  usageIsEmpty,
  usageRows,
} from '@kefu/admin/llm/data-access';
import { EmptyStateComponent, PageHeaderComponent } from '@kefu/admin/ui';
import { LlmUsageReportDto, Permission } from '@kefu/shared/contracts';
import { BaseChartDirective } from 'ng2-charts';
import { map, Subscription, switchMap } from 'rxjs';
import { usageChartData, usageChartOptions } from './usage-chart';

/** `/llm/usage`: Claude's calls, tokens and cost per day and per purpose, for 7, 30 or 90 days. */
@Component({
  selector: 'kefu-llm-usage-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    BaseChartDirective,
    EmptyStateComponent,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './llm-usage-page.component.html',
  styleUrl: './llm-usage-page.component.scss',
})
export class LlmUsagePageComponent {
  private readonly api = inject(LlmApiService);
  private readonly auth = inject(AuthService);
  private readonly transloco = inject(TranslocoService);
  private sub?: Subscription;

  /** The active language, changing once its translations are loaded (the chart's labels are translated in code). */
  protected readonly lang = toSignal(
    this.transloco.langChanges$.pipe(switchMap((lang) => this.transloco.selectTranslation(lang).pipe(map(() => lang)))),
    { initialValue: this.transloco.getActiveLang() },
  );
  protected readonly ranges = LLM_USAGE_RANGES;
  protected readonly days = signal<number>(30);
  protected readonly report = signal<LlmUsageReportDto | null>(null);
  protected readonly loading = signal(false);
  /** The server's message ('' for a generic failure). */
  protected readonly error = signal<string | null>(null);
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.LlmManage));

  protected readonly empty = computed(() => {
    const r = this.report();
    return r !== null && usageIsEmpty(r);
  });
  protected readonly rows = computed(() => {
    const r = this.report();
    return r ? usageRows(r) : [];
  });
  protected readonly purposes = computed(() => {
    const r = this.report();
    return r ? purposeRows(r) : [];
  });
  protected readonly chartData = computed(() => {
    const r = this.report();
    const lang = this.lang();
    if (!r) return null;
    return usageChartData(r, lang, {
      cost: this.transloco.translate('llm.usage.chart.cost', {}, lang),
      calls: this.transloco.translate('llm.usage.chart.calls', {}, lang),
    });
  });
  protected readonly chartOptions = computed(() => usageChartOptions(this.lang()));
  protected readonly failed = computed(() => {
    const r = this.report();
    return r ? formatPercent(failureRatio(r), this.lang()) : '';
  });

  constructor() {
    this.load();
    inject(DestroyRef).onDestroy(() => this.sub?.unsubscribe());
  }

  protected setDays(days: number): void {
    if (days === this.days()) return;
    this.days.set(days);
    this.load();
  }

  protected load(): void {
    this.sub?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.sub = this.api.usage(this.days()).subscribe({
      next: (r) => {
        this.loading.set(false);
        this.report.set(r);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }

  protected purposeKey(purpose: string): string | null {
    return (LLM_PURPOSES as readonly string[]).includes(purpose) ? `llm.usage.purpose.${purpose}` : null;
  }

  protected usd(v: number): string {
    return formatUsd(v, this.lang());
  }
  protected count(v: number): string {
    return formatCount(v, this.lang());
  }
  protected tokens(v: number): string {
    return formatTokens(v, this.lang());
  }
  protected percent(v: number): string {
    return formatPercent(v, this.lang());
  }
  protected day(d: string): string {
    return formatDay(d, this.lang());
  }
  protected latency(ms: number | null): string {
    return formatLatency(ms, this.lang());
  }
}
