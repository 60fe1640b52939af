import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { contactDisplayName, ConversationsService } from '@kefu/admin/conversations/data-access';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import { ConversationDto, MessageDirection, MessageDto } from '@kefu/shared/contracts';

/** An incoming message chosen to test the rules with. */
export interface PickedMessage {
  id: string;
  conversationId: string;
  text: string;
}

/** Picks an incoming message: a recent conversation, then one of its shopper messages. */
@Component({
  selector: 'kefu-message-picker',
  imports: [MatButtonModule, MatFormFieldModule, MatSelectModule, TranslocoPipe, LocalizedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!open()) {
      <button mat-button type="button" (click)="start()" data-testid="rule-test-pick">
        {{ 'rules.tester.pickFromConversation' | transloco }}
      </button>
    } @else {
      <div class="pick">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'rules.tester.conversation' | transloco }}</mat-label>
          <mat-select (valueChange)="chooseConversation($event)" data-testid="rule-test-conversation">
            @for (c of conversations(); track c.id) {
              <mat-option [value]="c.id">
                {{ name(c) }} · {{ 'channel.' + c.channel | transloco }} · {{ c.lastMessageAt | kefuDate: lang() : 'smart' }}
              </mat-option>
            } @empty {
              <mat-option disabled>{{ 'rules.tester.noConversations' | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'rules.tester.incoming' | transloco }}</mat-label>
          <mat-select [disabled]="!messages().length" (valueChange)="choose($event)" data-testid="rule-test-message">
            @for (m of messages(); track m.id) {
              <mat-option [value]="m">{{ m.text }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (failed()) {
          <p class="error" role="alert">{{ 'errors.generic' | transloco }}</p>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 8px;
    }
    .pick {
      display: grid;
      gap: 8px;
      margin-bottom: 8px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class MessagePickerComponent {
  private readonly conversationsApi = inject(ConversationsService);
  private readonly transloco = inject(TranslocoService);
  readonly picked = output<PickedMessage | null>();

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly open = signal(false);
  protected readonly conversations = signal<ConversationDto[]>([]);
  protected readonly messages = signal<MessageDto[]>([]);
  protected readonly failed = signal(false);

  protected name(c: ConversationDto): string {
    return contactDisplayName(c.contact) ?? this.transloco.translate('rules.tester.visitor');
  }

  protected start(): void {
    this.open.set(true);
    this.conversationsApi.list({ limit: 30 }).subscribe({
      next: (page) => this.conversations.set(page.items),
      error: () => this.failed.set(true),
    });
  }

  protected chooseConversation(id: string): void {
    this.messages.set([]);
    this.picked.emit(null);
    this.conversationsApi.messages(id).subscribe({
      next: (list) => this.messages.set(list.filter((m) => m.direction === MessageDirection.Incoming && m.text.trim()).reverse()),
      error: () => this.failed.set(true),
    });
  }

  protected choose(m: MessageDto): void {
    this.picked.emit({ id: m.id, conversationId: m.conversationId, text: m.text });
  }
}
