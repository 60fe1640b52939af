import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { DeliveryStatusComponent, LocalizedDatePipe } from '@kefu/admin/ui';
import { MessageDirection, MessageDto, SenderType } from '@kefu/shared/contracts';

const METADATA_KEYS = ['orderId', 'productId', 'pageUrl'] as const;

/** One message of a transcript: shopper on the left, bot/agent/system replies on the right. */
@Component({
  selector: 'kefu-message-bubble',
  imports: [MatIconModule, TranslocoPipe, DeliveryStatusComponent, LocalizedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.outgoing]': 'outgoing()',
    '[class.system]': 'system()',
    '[attr.data-sender]': 'message().senderType',
    '[attr.data-direction]': 'message().direction',
  },
  template: `
    <div class="sender">
      @if (message().senderType === 'contact') {
        {{ contactName() }}
      } @else {
        <span class="badge" [class]="'badge sender-' + message().senderType">{{
          'sender.' + message().senderType | transloco
        }}</span>
      }
    </div>
    <div class="bubble">
      @if (message().text) {
        <p class="text" data-testid="message-text">{{ message().text }}</p>
      }
      @for (a of message().attachments; track a.url) {
        <a class="attachment" [href]="a.url" target="_blank" rel="noopener noreferrer">{{
          a.name || a.url
        }}</a>
      }
      @if (metadata().length) {
        <div class="metadata">
          @for (m of metadata(); track m.key) {
            <span class="meta-item">{{ 'metadata.' + m.key | transloco }}: {{ m.value }}</span>
          }
        </div>
      }
    </div>
    <div class="footer">
      <time [attr.datetime]="message().createdAt" [title]="message().createdAt | kefuDate: lang()">{{
        message().createdAt | kefuDate: lang() : 'time'
      }}</time>
      @if (outgoing()) {
        <kefu-delivery-status [status]="message().status" [error]="message().deliveryError" [lang]="lang()" />
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      max-width: min(75%, 640px);
      align-self: flex-start;
    }
    :host(.outgoing) {
      align-items: flex-end;
      align-self: flex-end;
    }
    :host(.system) {
      align-self: center;
      align-items: center;
      max-width: 80%;
    }
    .sender {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 4px 4px;
    }
    .badge {
      padding: 1px 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface-container-highest);
    }
    .sender-bot {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .sender-agent {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .bubble {
      padding: 10px 14px;
      border-radius: 16px 16px 16px 4px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      overflow-wrap: anywhere;
    }
    :host(.outgoing) .bubble {
      border-radius: 16px 16px 4px 16px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.system) .bubble {
      border-radius: 12px;
      background: transparent;
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      font: var(--mat-sys-body-large);
    }
    .attachment {
      display: block;
      margin-top: 4px;
      color: inherit;
    }
    .metadata {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      margin-top: 6px;
      font: var(--mat-sys-body-small);
      opacity: 0.8;
    }
    .footer {
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 4px 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MessageBubbleComponent {
  readonly message = input.required<MessageDto>();
  readonly contactName = input('');
  readonly lang = input('');

  protected readonly outgoing = computed(() => this.message().direction === MessageDirection.Outgoing);
  protected readonly system = computed(() => this.message().senderType === SenderType.System);
  protected readonly metadata = computed(() => {
    const md = this.message().metadata ?? {};
    return METADATA_KEYS.filter((k) => typeof md[k] === 'string' && md[k]).map((key) => ({
      key,
      value: String(md[key]),
    }));
  });
}
