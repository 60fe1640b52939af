import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { DeliveryStatusComponent, LocalizedDatePipe } from '@kefu/admin/ui';
import type { MessageDto } from '@kefu/shared/contracts';
import { NluReadingComponent } from './nlu-reading.component';

/**
 * One message in the workspace: the shopper on the left with the language engine's reading under it,
 * the bot and agents on the right in different colours, system lines centred.
 */
@Component({
  selector: 'kefu-ws-message',
  imports: [TranslocoPipe, DeliveryStatusComponent, LocalizedDatePipe, NluReadingComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.outgoing]': 'outgoing()',
    '[class.system]': "message().senderType === 'system'",
    '[attr.data-sender]': 'message().senderType',
  },
  template: `
    <div class="sender">
      @if (message().senderType === 'contact') {
        {{ contactName() }}
      } @else {
        <span class="badge" [class]="'badge s-' + message().senderType">{{ 'sender.' + message().senderType | transloco }}</span>
      }
      <time [attr.datetime]="message().createdAt">{{ message().createdAt | kefuDate: lang() : 'time' }}</time>
    </div>
    <div class="bubble">
      @if (message().text) {
        <p class="text">{{ message().text }}</p>
      }
      @for (a of message().attachments; track a.url) {
        <a class="attachment" [href]="a.url" target="_blank" rel="noopener noreferrer">{{ a.name || a.url }}</a>
      }
    </div>
    @if (outgoing() && message().senderType !== 'system') {
      <kefu-delivery-status [status]="message().status" [error]="message().deliveryError" [lang]="lang()" />
    } @else if (message().nlu; as nlu) {
      <kefu-nlu-reading [nlu]="nlu" />
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      align-self: flex-start;
      max-width: min(80%, 640px);
    }
    :host(.outgoing) {
      align-items: flex-end;
      align-self: flex-end;
    }
    :host(.system) {
      align-self: center;
      align-items: center;
    }
    .sender {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 0 4px 2px;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .badge {
      padding: 0 8px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-highest);
    }
    .s-bot {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .s-agent {
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
    }
    .bubble {
      padding: 8px 12px;
      border-radius: 14px 14px 14px 4px;
      background: var(--mat-sys-surface-container-high);
      overflow-wrap: anywhere;
    }
    :host([data-sender='bot']) .bubble {
      border-radius: 14px 14px 4px 14px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host([data-sender='agent']) .bubble {
      border-radius: 14px 14px 4px 14px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.system) .bubble {
      background: transparent;
      border: 1px dashed var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      font: var(--mat-sys-body-medium);
    }
    .attachment {
      display: block;
      color: inherit;
    }
  `,
})
export class WsMessageComponent {
  readonly message = input.required<MessageDto>();
  readonly contactName = input('');
  readonly lang = input('');
  protected readonly outgoing = computed(() => this.message().direction === 'outgoing');
}
