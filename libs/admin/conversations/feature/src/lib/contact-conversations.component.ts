import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConversationsService } from '@kefu/admin/conversations/data-access';
import { LocalizedDatePipe, StatusChipComponent } from '@kefu/admin/ui';
import { map } from 'rxjs';

/** One shopper's conversations on every channel (contacts linked by verified keys), newest first. */
@Component({
  selector: 'kefu-contact-conversations',
  imports: [RouterLink, MatCardModule, MatProgressBarModule, TranslocoPipe, LocalizedDatePipe, StatusChipComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" data-testid="contact-conversations">
      <mat-card-header>
        <mat-card-title>{{ 'transcript.otherConversations' | transloco }}</mat-card-title>
        <mat-card-subtitle>{{ 'transcript.otherConversationsHint' | transloco }}</mat-card-subtitle>
      </mat-card-header>
      @if (list.isLoading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-card-content>
        <ul class="list">
          @for (c of list.value() ?? []; track c.id) {
            <li [class.current]="c.id === currentId()">
              <a [routerLink]="['/conversations', c.id]" [attr.aria-current]="c.id === currentId() ? 'page' : null">
                <span class="channel">{{ 'channel.' + c.channel | transloco }}</span>
                <span class="inbox">{{ c.inboxName }}</span>
                @if (c.id === currentId()) {
                  <span class="here">({{ 'transcript.current' | transloco }})</span>
                }
              </a>
              <span class="meta"><kefu-status-chip [status]="c.status" /> {{ c.lastMessageAt | kefuDate: lang() }}</span>
              @if (c.lastMessagePreview) {
                <span class="preview">{{ c.lastMessagePreview }}</span>
              }
            </li>
          } @empty {
            @if (!list.isLoading()) {
              <li class="none">{{ 'transcript.noOtherConversations' | transloco }}</li>
            }
          }
        </ul>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    mat-card-subtitle { font-size: 12px; line-height: 1.4; margin-top: 4px; }
    .list { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 12px; }
    a { text-decoration: none; color: inherit; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 6px; }
    a:hover .inbox, a:focus-visible .inbox { text-decoration: underline; }
    li { display: grid; gap: 2px; font-size: 13px; }
    li.current a { font-weight: 600; }
    .channel {
      font-size: 11px; font-weight: 500; padding: 1px 6px; border-radius: 4px;
      border: 1px solid var(--mat-sys-outline-variant); color: var(--mat-sys-on-surface-variant);
    }
    .inbox { color: var(--mat-sys-primary); }
    .here, .none, .preview { color: var(--mat-sys-on-surface-variant); }
    .preview { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .meta { display: flex; align-items: center; gap: 8px; }
  `,
})
export class ContactConversationsComponent {
  private readonly conversations = inject(ConversationsService);
  readonly contactId = input.required<string>();
  readonly currentId = input.required<string>();
  readonly lang = input.required<string>();

  protected readonly list = rxResource({
    params: () => this.contactId(),
    stream: ({ params }) => this.conversations.list({ contactId: params, limit: 20 }).pipe(map((p) => p.items)),
  });
}
