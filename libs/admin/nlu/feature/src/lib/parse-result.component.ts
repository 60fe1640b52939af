import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe } from '@jsverse/transloco';
import { NluResult } from '@kefu/shared/contracts';
import { entitySegments } from './entity-segments';
import { NluNumberPipe } from './nlu-format';

/** How many intents of the ranking are shown. */
export const RANKING_SHOWN = 10;

/** The full analysis of one text: language, intent with confidence, emotion, entities in place, ranking. */
@Component({
  selector: 'kefu-nlu-parse-result',
  imports: [MatIconModule, MatProgressBarModule, TranslocoPipe, NluNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './parse-result.component.html',
  styleUrl: './parse-result.component.scss',
})
export class ParseResultComponent {
  readonly result = input.required<NluResult>();
  /** The text that was analysed (entity offsets point into it). */
  readonly text = input.required<string>();
  readonly lang = input.required<string>();

  protected readonly segments = computed(() => entitySegments(this.text(), this.result().entities));
  protected readonly ranking = computed(() => this.result().ranking.slice(0, RANKING_SHOWN));
  protected readonly confidenceLevel = computed(() => {
    const c = this.result().confidence;
    return c >= 0.7 ? 'high' : c >= 0.4 ? 'medium' : 'low';
  });
}
