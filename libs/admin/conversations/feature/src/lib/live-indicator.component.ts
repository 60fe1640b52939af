import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';

/** "Live" with a green dot while the realtime feed is connected; "Reconnecting…" otherwise. */
@Component({
  selector: 'kefu-live-indicator',
  imports: [MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="live"
      [class.on]="connected()"
      [matTooltip]="(connected() ? 'live.onHint' : 'live.offHint') | transloco"
      data-testid="live-indicator"
    >
      <span class="dot" aria-hidden="true"></span>
      {{ (connected() ? 'live.on' : 'live.off') | transloco }}
    </span>
  `,
  styles: `
    .live {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
    }
    .on .dot {
      background: #1e8e3e;
      box-shadow: 0 0 0 3px rgba(30, 142, 62, 0.2);
    }
  `,
})
export class LiveIndicatorComponent {
  readonly connected = input(false);
}
