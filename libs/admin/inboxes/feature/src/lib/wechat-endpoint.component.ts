import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { TranslocoPipe } from '@jsverse/transloco';
import { wechatCallbackUrl } from '@kefu/admin/inboxes/data-access';
import type { WechatSettings } from '@kefu/shared/contracts';
import { CodeBlockComponent } from './code-block.component';

/** What to enter in the WeChat console so WeChat pushes messages to this inbox. */
@Component({
  selector: 'kefu-wechat-endpoint',
  imports: [TranslocoPipe, CodeBlockComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      {{
        (kind() === 'mini_program' ? 'inbox.wechatEndpoint.whereMp' : 'inbox.wechatEndpoint.whereOa')
          | transloco
      }}
    </p>
    <ol>
      <li>
        {{ 'inbox.wechatEndpoint.url' | transloco }}
        <kefu-code-block [code]="url()" [inline]="true" testId="wechat-url" />
      </li>
      <li>{{ 'inbox.wechatEndpoint.token' | transloco }}</li>
      <li>{{ 'inbox.wechatEndpoint.aesKey' | transloco }}</li>
      <li>
        {{
          'inbox.wechatEndpoint.mode'
            | transloco: { mode: ('inbox.wechat.modes.' + encryption() | transloco) }
        }}
      </li>
      @if (kind() === 'mini_program') {
        <li>{{ 'inbox.wechatEndpoint.format' | transloco }}</li>
      }
      <li>{{ 'inbox.wechatEndpoint.ipWhitelist' | transloco }}</li>
    </ol>
    <p class="hint">{{ 'inbox.wechatEndpoint.verifyHint' | transloco }}</p>
  `,
  styles: `
    :host {
      display: block;
    }
    p {
      margin: 0 0 8px;
    }
    ol {
      margin: 0 0 8px;
      padding-left: 20px;
      li {
        margin: 8px 0;
      }
    }
    kefu-code-block {
      margin-top: 6px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class WechatEndpointComponent {
  private readonly document = inject(DOCUMENT);

  readonly inboxId = input.required<string>();
  readonly kind = input<WechatSettings['kind']>('official_account');
  readonly encryption = input<WechatSettings['encryption']>('safe');

  protected readonly url = computed(() => wechatCallbackUrl(this.document.location.origin, this.inboxId()));
}
