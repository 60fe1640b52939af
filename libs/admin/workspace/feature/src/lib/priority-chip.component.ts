import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Priority } from '@kefu/shared/contracts';

/** A conversation's queue priority: urgent red, high orange, normal neutral, low muted. */
@Component({
  selector: 'kefu-priority-chip',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip p-' + priority()" [attr.data-priority]="priority()">{{
    'workspace.priority.' + priority() | transloco
  }}</span>`,
  styles: `
    :host {
      display: inline-flex;
    }
    .chip {
      padding: 0 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-small);
      line-height: 20px;
      white-space: nowrap;
    }
    .p-urgent {
      background: #ffdad6;
      color: #93000a;
      font-weight: 600;
    }
    .p-high {
      background: #ffdcbe;
      color: #6a3c00;
    }
    .p-normal {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .p-low {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PriorityChipComponent {
  readonly priority = input.required<Priority>();
}
