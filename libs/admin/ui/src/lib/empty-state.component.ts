import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * What a page shows when it has nothing to list: an icon, a title, and (projected) what to do next,
 * typically a sentence and a button.
 */
@Component({
  selector: 'kefu-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon class="icon" [svgIcon]="icon()" aria-hidden="true" />
    <h2 class="title">{{ title() }}</h2>
    <div class="body"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      padding: 48px 24px;
      color: var(--mat-sys-on-surface-variant);
    }
    .icon {
      width: 56px;
      height: 56px;
      color: var(--mat-sys-outline);
    }
    .title {
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-on-surface);
      margin: 16px 0 8px;
    }
    .body {
      max-width: 640px;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class EmptyStateComponent {
  readonly icon = input('inbox');
  readonly title = input.required<string>();
}
