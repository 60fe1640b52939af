import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslocoPipe } from '@jsverse/transloco';
import { widgetSnippets } from '@kefu/admin/inboxes/data-access';
import { CodeBlockComponent } from './code-block.component';

/** How to put the widget on the shop: the one tag, signing logged-in shoppers, and the demo page. */
@Component({
  selector: 'kefu-widget-embed',
  imports: [MatButtonModule, MatIconModule, MatTabsModule, TranslocoPipe, CodeBlockComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>{{ 'inbox.embed.intro' | transloco }}</p>
    <kefu-code-block [code]="snippets().embed" [inline]="true" testId="widget-snippet" />
    <div class="demo">
      <a
        mat-stroked-button
        [href]="snippets().demoUrl"
        target="_blank"
        rel="noopener"
        data-testid="widget-demo-link"
      >
        <mat-icon svgIcon="inbox-open" />
        {{ 'inbox.embed.demo' | transloco }}
      </a>
      <span class="hint">{{ 'inbox.embed.demoHint' | transloco }}</span>
    </div>

    <h4>{{ 'inbox.embed.identityTitle' | transloco }}</h4>
    <p>
      {{ 'inbox.embed.identityIntro' | transloco }}
      <code>hash = hex(HMAC-SHA256(secret, userId))</code>
    </p>
    @if (requireIdentity()) {
      <p class="note"><mat-icon svgIcon="info" />{{ 'inbox.embed.identityRequired' | transloco }}</p>
    }
    <mat-tab-group animationDuration="0ms" mat-stretch-tabs="false">
      <mat-tab label="Node.js">
        <ng-template matTabContent
          ><kefu-code-block [code]="snippets().node" testId="identity-node"
        /></ng-template>
      </mat-tab>
      <mat-tab label="PHP">
        <ng-template matTabContent
          ><kefu-code-block [code]="snippets().php" testId="identity-php"
        /></ng-template>
      </mat-tab>
      <mat-tab label="Python">
        <ng-template matTabContent
          ><kefu-code-block [code]="snippets().python" testId="identity-python"
        /></ng-template>
      </mat-tab>
      <mat-tab [label]="'inbox.embed.pageTab' | transloco">
        <ng-template matTabContent
          ><kefu-code-block [code]="snippets().page" testId="identity-page"
        /></ng-template>
      </mat-tab>
    </mat-tab-group>
    <p class="hint">
      {{ (secret() ? 'inbox.embed.secretFilled' : 'inbox.embed.secretPlaceholder') | transloco }}
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    p {
      margin: 0 0 8px;
    }
    h4 {
      margin: 20px 0 8px;
      font: var(--mat-sys-title-small);
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
    }
    mat-tab-group kefu-code-block {
      margin-top: 8px;
    }
    .demo {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 12px;
      margin-top: 12px;
    }
    .hint {
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .note {
      display: flex;
      align-items: center;
      gap: 6px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class WidgetEmbedComponent {
  private readonly document = inject(DOCUMENT);

  readonly inboxId = input.required<string>();
  /** Only right after the secret was created or rotated; otherwise a placeholder stands in. */
  readonly secret = input<string | null>(null);
  readonly requireIdentity = input(false);

  protected readonly snippets = computed(() =>
    widgetSnippets(this.document.location.origin, this.inboxId(), this.secret()),
  );
}
