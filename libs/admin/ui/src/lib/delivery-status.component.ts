import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { MessageStatus } from '@kefu/shared/contracts';

const ICONS: Partial<Record<MessageStatus, string>> = {
  [MessageStatus.Pending]: 'schedule',
  [MessageStatus.Delivered]: 'done_all',
  [MessageStatus.Sent]: 'check',
  [MessageStatus.Failed]: 'error',
};

/** The delivery state of an outgoing message as an icon; the tooltip names it and, on failure, says why. */
@Component({
  selector: 'kefu-delivery-status',
  imports: [MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (icon(); as name) {
      <mat-icon
        [svgIcon]="name"
        [class]="'status-' + status()"
        [matTooltip]="tooltip()"
        [attr.aria-label]="'messageStatus.' + status() | transloco"
        tabindex="0"
      />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    mat-icon {
      width: 16px;
      height: 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .status-delivered {
      color: var(--mat-sys-primary);
    }
    .status-failed {
      color: var(--mat-sys-error);
    }
  `,
})
export class DeliveryStatusComponent {
  private readonly transloco = inject(TranslocoService);
  readonly status = input.required<MessageStatus>();
  readonly error = input<string | null>(null);
  /** The active language, passed in so the tooltip re-renders when it changes. */
  readonly lang = input<string>('');

  protected readonly icon = computed(() => ICONS[this.status()] ?? null);
  protected readonly tooltip = computed(() => {
    this.lang();
    const label = this.transloco.translate(`messageStatus.${this.status()}`);
    const error = this.error();
    return error ? `${label}: ${error}` : label;
  });
}
