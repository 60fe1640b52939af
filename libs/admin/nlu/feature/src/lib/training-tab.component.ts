import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { NluTrainingStore } from '@kefu/admin/nlu/data-access';
import { EmptyStateComponent, LocalizedDatePipe } from '@kefu/admin/ui';
import { NluModelDto, NluTrainingRunDto } from '@kefu/shared/contracts';
import { NluActions } from './nlu-actions';
import { NluNumberPipe } from './nlu-format';
import { runDurationMs, trainingStageKey } from './training-stage';

/** Held-out sets in the order they are shown; any others the API reports come after. */
const METRIC_ORDER = ['zh', 'en', 'ja', 'bitext'];

/** Model versions with their held-out scores (restore an earlier one) and the history of training runs. */
@Component({
  selector: 'kefu-nlu-training-tab',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    NluNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './training-tab.component.html',
  styleUrl: './training-tab.component.scss',
})
export class TrainingTabComponent {
  protected readonly store = inject(NluTrainingStore);
  protected readonly actions = inject(NluActions);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly metricKeys = computed(() => {
    const keys = new Set<string>();
    for (const m of this.store.models()) for (const k of Object.keys(m.metrics ?? {})) keys.add(k);
    const known = METRIC_ORDER.filter((k) => keys.has(k));
    return [...known, ...[...keys].filter((k) => !METRIC_ORDER.includes(k)).sort()];
  });
  protected readonly modelColumns = computed(() => [
    'version',
    'created',
    'data',
    ...this.metricKeys().map((k) => `m-${k}`),
    'size',
    'actions',
  ]);
  protected readonly runColumns = ['requested', 'status', 'stage', 'duration', 'model'];
  protected readonly trackByVersion = (_: number, m: NluModelDto) => m.version;
  protected readonly trackById = (_: number, r: NluTrainingRunDto) => r.id;

  protected stageLabel(run: NluTrainingRunDto): string {
    this.lang();
    const key = trainingStageKey(run);
    return key ? this.transloco.translate(key) : run.stage;
  }

  protected duration(run: NluTrainingRunDto): number | null {
    return runDurationMs(run);
  }
}
