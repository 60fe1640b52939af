import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { contactDisplayName, ConversationListStore } from '@kefu/admin/conversations/data-access';
import { InboxesService } from '@kefu/admin/inboxes/data-access';
import {
  EmptyStateComponent,
  LocalizedDatePipe,
  PageHeaderComponent,
  StatusChipComponent,
} from '@kefu/admin/ui';
import { ConversationDto, ConversationStatus, InboxDto } from '@kefu/shared/contracts';
import { LiveIndicatorComponent } from './live-indicator.component';

const STATUSES = Object.values(ConversationStatus);

function asStatus(value: string | null | undefined): ConversationStatus | null {
  return STATUSES.includes(value as ConversationStatus) ? (value as ConversationStatus) : null;
}

@Component({
  selector: 'kefu-conversation-list-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
    StatusChipComponent,
    LiveIndicatorComponent,
  ],
  providers: [ConversationListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './conversation-list-page.component.html',
  styleUrl: './conversation-list-page.component.scss',
})
export class ConversationListPageComponent {
  protected readonly store = inject(ConversationListStore);
  private readonly inboxService = inject(InboxesService);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);

  /** Query parameters `?status=&inboxId=`, so filters survive reloads and the back button. */
  readonly status = input<string | undefined>();
  readonly inboxId = input<string | undefined>();

  protected readonly statuses = STATUSES;
  /** The "all" choice of both filters (an empty string: Material treats null options as "clear"). */
  protected readonly ALL = '';
  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly inboxes = signal<InboxDto[] | null>(null);
  protected readonly selectedStatus = computed(() => asStatus(this.status()));
  protected readonly selectedInbox = computed(() => this.inboxId() || null);

  constructor() {
    this.inboxService.list().subscribe({
      next: (list) => this.inboxes.set(list),
      error: () => this.inboxes.set([]),
    });
    effect(() => {
      const filters = { status: this.selectedStatus(), inboxId: this.selectedInbox() };
      untracked(() => this.store.setFilters(filters));
    });
  }

  protected setStatus(status: string | null | undefined): void {
    this.navigate({ status: asStatus(status) });
  }

  protected setInbox(inboxId: string | null): void {
    this.navigate({ inboxId: inboxId || null });
  }

  protected clearFilters(): void {
    this.navigate({ status: null, inboxId: null });
  }

  protected name(c: ConversationDto): string {
    return contactDisplayName(c.contact) ?? this.visitorLabel(c);
  }

  protected initial(c: ConversationDto): string {
    const n = contactDisplayName(c.contact);
    return n ? n.trim().charAt(0).toUpperCase() : '?';
  }

  private visitorLabel(c: ConversationDto): string {
    this.lang();
    return this.transloco.translate('contact.anonymous', { id: c.contact.id.slice(0, 8) });
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
