import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import type { NluResult } from '@kefu/shared/contracts';

/** The language engine's reading of a shopper's message: one compact line, the details on demand. */
@Component({
  selector: 'kefu-nlu-reading',
  imports: [DecimalPipe, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="line"
      (click)="open.set(!open())"
      [attr.aria-expanded]="open()"
      [title]="'workspace.nlu.toggle' | transloco"
    >
      <span class="intent" data-testid="nlu-intent">{{ nlu().intent }}</span>
      <span class="num">{{ nlu().confidence | number: '1.2-2' }}</span>
      <span class="sep">·</span>
      <span class="emotion" [class]="'emotion e-' + nlu().emotion.label">{{
        'nlu.emotions.' + nlu().emotion.label | transloco
      }}</span>
      <span class="num">{{ nlu().emotion.score | number: '1.2-2' }}</span>
      @for (e of nlu().entities; track $index) {
        <span class="entity" [title]="'nlu.entityTypes.' + e.type | transloco">{{ e.value }}</span>
      }
      <mat-icon class="chev" [svgIcon]="open() ? 'ws:expand_less' : 'ws:expand_more'" aria-hidden="true" />
    </button>
    @if (open()) {
      <dl class="details">
        <dt>{{ 'workspace.nlu.language' | transloco }}</dt>
        <dd>{{ 'nlu.languages.' + nlu().language | transloco }}</dd>
        <dt>{{ 'workspace.nlu.ranking' | transloco }}</dt>
        <dd>
          @for (r of nlu().ranking.slice(0, 3); track r.intent) {
            <span class="rank">{{ r.intent }} {{ r.confidence | number: '1.2-2' }}</span>
          }
        </dd>
        @if (nlu().entities.length) {
          <dt>{{ 'workspace.nlu.entities' | transloco }}</dt>
          <dd>
            @for (e of nlu().entities; track $index) {
              <span class="rank">{{ 'nlu.entityTypes.' + e.type | transloco }}: {{ e.value }}</span>
            }
          </dd>
        }
        @if (nlu().emotion.signals.length) {
          <dt>{{ 'workspace.nlu.signals' | transloco }}</dt>
          <dd>{{ nlu().emotion.signals.join(', ') }}</dd>
        }
      </dl>
    }
  `,
  styles: `
    :host {
      display: block;
      margin: 2px 4px 0;
      max-width: 100%;
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px;
      border: 0;
      background: none;
      padding: 2px 0;
      cursor: pointer;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-small);
      text-align: left;
    }
    .intent {
      font-family: var(--mat-sys-label-small-font, inherit);
      font-weight: 600;
      color: var(--mat-sys-on-surface);
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
    .emotion {
      padding: 0 6px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
    }
    .e-angry {
      background: #ffdad6;
      color: #93000a;
    }
    .e-frustrated {
      background: #ffdcbe;
      color: #6a3c00;
    }
    .e-happy {
      background: #c4eed0;
      color: #0b4a1f;
    }
    .entity {
      padding: 0 6px;
      border-radius: 6px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .chev {
      width: 16px;
      height: 16px;
    }
    .details {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 2px 8px;
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
    }
  `,
})
export class NluReadingComponent {
  readonly nlu = input.required<NluResult>();
  protected readonly open = signal(false);
}
