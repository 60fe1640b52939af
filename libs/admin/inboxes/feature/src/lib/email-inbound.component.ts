import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslocoPipe } from '@jsverse/transloco';
import { emailInboundSnippets } from '@kefu/admin/inboxes/data-access';
import { CodeBlockComponent } from './code-block.component';

/** How mail reaches the inbox: the inbound URL, and a signed Postfix pipe that posts to it. */
@Component({
  selector: 'kefu-email-inbound',
  imports: [MatTabsModule, TranslocoPipe, CodeBlockComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>{{ 'inbox.inbound.intro' | transloco }}</p>
    <kefu-code-block [code]="snippets().inboundUrl" [inline]="true" testId="email-inbound-url" />
    <ul class="scheme">
      <li><code>Content-Type: message/rfc822</code> — {{ 'inbox.inbound.body' | transloco }}</li>
      <li><code>X-Kefu-Timestamp</code>: {{ 'inbox.snippet.timestamp' | transloco }}</li>
      <li>
        <code>X-Kefu-Signature</code>:
        <code>sha256=&lt;hex HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;raw message&gt;")&gt;</code>
      </li>
    </ul>
    <mat-tab-group animationDuration="0ms" mat-stretch-tabs="false">
      <mat-tab [label]="'inbox.inbound.scriptTab' | transloco">
        <ng-template matTabContent>
          <kefu-code-block [code]="snippets().script" testId="email-script" />
        </ng-template>
      </mat-tab>
      <mat-tab [label]="'inbox.inbound.postfixTab' | transloco">
        <ng-template matTabContent>
          <kefu-code-block [code]="snippets().postfix" testId="email-postfix" />
        </ng-template>
      </mat-tab>
    </mat-tab-group>
    <p class="hint">{{ 'inbox.inbound.exitCodes' | transloco }}</p>
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
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
      overflow-wrap: anywhere;
    }
    .scheme {
      margin: 8px 0;
      padding-left: 20px;
      font: var(--mat-sys-body-medium);
      li {
        margin: 4px 0;
      }
    }
    mat-tab-group kefu-code-block {
      margin-top: 8px;
    }
    .hint {
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class EmailInboundComponent {
  private readonly document = inject(DOCUMENT);

  readonly inboxId = input.required<string>();
  readonly address = input('');
  /** Only right after the secret was created or rotated; otherwise a placeholder stands in. */
  readonly secret = input<string | null>(null);

  protected readonly snippets = computed(() =>
    emailInboundSnippets(this.document.location.origin, this.inboxId(), this.secret(), this.address()),
  );
}
