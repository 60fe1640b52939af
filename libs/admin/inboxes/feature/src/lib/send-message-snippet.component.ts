import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { sendMessageSnippets } from '@kefu/admin/inboxes/data-access';

/** "How to send a message": the endpoint, the signing scheme, and copyable curl / Node examples. */
@Component({
  selector: 'kefu-send-message-snippet',
  imports: [MatButtonModule, MatIconModule, MatTabsModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>{{ 'inbox.snippet.intro' | transloco }}</p>
    <p class="endpoint">
      <span class="method">POST</span>
      <code data-testid="snippet-endpoint">{{ snippets().endpoint }}</code>
    </p>
    <ul class="scheme">
      <li><code>X-Kefu-Timestamp</code>: {{ 'inbox.snippet.timestamp' | transloco }}</li>
      <li>
        <code>X-Kefu-Signature</code>:
        <code>sha256=&lt;hex HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;raw body&gt;")&gt;</code>
      </li>
      <li>{{ 'inbox.snippet.body' | transloco }}</li>
    </ul>
    <mat-tab-group animationDuration="0ms" mat-stretch-tabs="false">
      <mat-tab label="curl">
        <ng-template matTabContent>
          <div class="code">
            <button
              mat-icon-button
              class="copy"
              type="button"
              (click)="copy(snippets().curl)"
              [matTooltip]="'common.copy' | transloco"
            >
              <mat-icon svgIcon="content_copy" />
            </button>
            <pre><code>{{ snippets().curl }}</code></pre>
          </div>
        </ng-template>
      </mat-tab>
      <mat-tab label="Node.js">
        <ng-template matTabContent>
          <div class="code">
            <button
              mat-icon-button
              class="copy"
              type="button"
              (click)="copy(snippets().node)"
              [matTooltip]="'common.copy' | transloco"
            >
              <mat-icon svgIcon="content_copy" />
            </button>
            <pre><code>{{ snippets().node }}</code></pre>
          </div>
        </ng-template>
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
    .endpoint {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .method {
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      padding: 2px 8px;
      border-radius: 4px;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
      overflow-wrap: anywhere;
    }
    .scheme {
      margin: 0 0 8px;
      padding-left: 20px;
      font: var(--mat-sys-body-medium);
      li {
        margin: 4px 0;
      }
    }
    .code {
      position: relative;
      margin-top: 8px;
    }
    .copy {
      position: absolute;
      top: 4px;
      right: 4px;
      color: #e3e3e3;
    }
    pre {
      margin: 0;
      padding: 16px 48px 16px 16px;
      background: #1e1f24;
      color: #e3e3e3;
      border-radius: 8px;
      overflow-x: auto;
      line-height: 1.5;
    }
    pre code {
      overflow-wrap: normal;
    }
    .hint {
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class SendMessageSnippetComponent {
  private readonly document = inject(DOCUMENT);
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly inboxId = input.required<string>();
  /** The secret, only right after it was created or rotated; otherwise a placeholder stands in. */
  readonly secret = input<string | null>(null);

  protected readonly snippets = computed(() =>
    sendMessageSnippets(this.document.location.origin, this.inboxId(), this.secret()),
  );

  protected copy(text: string): void {
    const ok = this.clipboard.copy(text);
    this.snackBar.open(this.transloco.translate(ok ? 'common.copied' : 'common.copyFailed'), undefined, {
      duration: 2000,
    });
  }
}
