import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { contactDisplayName, TranscriptStore } from '@kefu/admin/conversations/data-access';
import { EmptyStateComponent, LocalizedDatePipe, StatusChipComponent } from '@kefu/admin/ui';
import { MessageDto } from '@kefu/shared/contracts';
import { ContactConversationsComponent } from './contact-conversations.component';
import { LiveIndicatorComponent } from './live-indicator.component';
import { MessageBubbleComponent } from './message-bubble.component';

/** How close to the bottom (px) counts as "reading the latest", so new messages scroll into view. */
const STICK_TO_BOTTOM_PX = 120;

interface DayGroup {
  day: string;
  messages: MessageDto[];
}

@Component({
  selector: 'kefu-transcript-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    StatusChipComponent,
    LiveIndicatorComponent,
    MessageBubbleComponent,
    ContactConversationsComponent,
  ],
  providers: [TranscriptStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './transcript-page.component.html',
  styleUrl: './transcript-page.component.scss',
})
export class TranscriptPageComponent {
  protected readonly store = inject(TranscriptStore);
  private readonly transloco = inject(TranslocoService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  private readonly scroller = viewChild<ElementRef<HTMLElement>>('scroller');
  private stickToBottom = true;
  private lastCount = 0;

  protected readonly contactName = computed(() => {
    const c = this.store.conversation();
    if (!c) return '';
    this.lang();
    return (
      contactDisplayName(c.contact) ??
      this.transloco.translate('contact.anonymous', { id: c.contact.id.slice(0, 8) })
    );
  });

  /** Messages grouped by local calendar day, for day separators. */
  protected readonly days = computed<DayGroup[]>(() => {
    const groups: DayGroup[] = [];
    for (const m of this.store.messages()) {
      const day = new Date(m.createdAt).toDateString();
      const last = groups[groups.length - 1];
      if (last && last.day === day) last.messages.push(m);
      else groups.push({ day, messages: [m] });
    }
    return groups;
  });

  protected readonly notFound = computed(() => this.store.error()?.statusCode === 404);
  /** An agent opening a conversation routed to another team. */
  protected readonly forbidden = computed(() => this.store.error()?.statusCode === 403);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.stickToBottom = true;
        this.lastCount = 0;
        this.store.open(id);
      });
    });
    // Follow new messages when the reader is at the bottom; on first load jump to the latest.
    afterRenderEffect(() => {
      const count = this.store.messages().length;
      const el = this.scroller()?.nativeElement;
      if (!el || count === this.lastCount) return;
      this.lastCount = count;
      if (this.stickToBottom) el.scrollTop = el.scrollHeight;
    });
  }

  protected onScroll(el: HTMLElement): void {
    this.stickToBottom = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  }

  protected dayLabel(group: DayGroup): string {
    const date = new Date(group.messages[0].createdAt);
    const today = new Date();
    if (date.toDateString() === today.toDateString()) return this.transloco.translate('transcript.today');
    return new Intl.DateTimeFormat(this.lang(), { dateStyle: 'full' }).format(date);
  }
}
