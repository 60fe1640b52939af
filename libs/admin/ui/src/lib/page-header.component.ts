import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The title row of a page; actions (buttons) are projected to the right. */
@Component({
  selector: 'kefu-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="start">
      <ng-content select="[kefuHeaderLead]" />
      <div>
        <h1 class="title">{{ title() }}</h1>
        @if (subtitle()) {
          <p class="subtitle">{{ subtitle() }}</p>
        }
      </div>
    </div>
    <div class="actions"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
      flex-wrap: wrap;
      margin-bottom: 16px;
    }
    .start {
      display: flex;
      align-items: center;
      gap: 8px;
      min-width: 0;
    }
    .title {
      font: var(--mat-sys-headline-small);
      margin: 0;
      overflow-wrap: anywhere;
    }
    .subtitle {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0 0;
    }
    .actions {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
})
export class PageHeaderComponent {
  readonly title = input.required<string>();
  readonly subtitle = input<string | null>(null);
}
