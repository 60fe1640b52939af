import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { confirmAction, EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { DeliveryFailuresStore } from '@kefu/admin/webhooks/data-access';
import { DeliveryFailureDto, DeliveryFailureKind, Permission } from '@kefu/shared/contracts';

const ALL = 'all';

/**
 * `/delivery-failures`: webhook deliveries and replies that could not be delivered after every retry,
 * newest first, each with its target, error, tries and time; replay one, or all shown with progress.
 */
@Component({
  selector: 'kefu-delivery-failures-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTableModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
  ],
  providers: [DeliveryFailuresStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './delivery-failures-page.component.html',
  styleUrl: './delivery-failures-page.component.scss',
})
export class DeliveryFailuresPageComponent {
  protected readonly store = inject(DeliveryFailuresStore);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly ALL = ALL;
  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly canSeeWebhooks = computed(() => this.auth.permissions().has(Permission.WebhooksManage));
  protected readonly canReadConversations = computed(() =>
    this.auth.permissions().has(Permission.ConversationsRead),
  );
  protected readonly kinds = computed<DeliveryFailureKind[]>(() =>
    this.canSeeWebhooks() ? ['webhook', 'message'] : ['message'],
  );
  protected readonly columns = ['kind', 'target', 'error', 'attempts', 'failedAt', 'actions'];
  protected readonly percent = computed(() => {
    const p = this.store.progress();
    return p && p.total ? Math.round((p.done / p.total) * 100) : 0;
  });
  protected readonly trackByKey = (_: number, f: DeliveryFailureDto) => `${f.kind}:${f.id}`;

  constructor() {
    this.store.load();
  }

  protected setKind(value: DeliveryFailureKind | typeof ALL): void {
    this.store.setKind(value === ALL ? null : value);
  }

  protected replay(f: DeliveryFailureDto): void {
    this.store.replayOne(f).subscribe({
      next: () => this.notify(this.transloco.translate('deliveryFailures.replayed')),
      error: (err: unknown) =>
        this.notify(toApiError(err).message || this.transloco.translate('errors.generic'), true),
    });
  }

  protected replayAll(): void {
    const count = this.store.items().length;
    confirmAction(this.dialog, {
      title: this.transloco.translate('deliveryFailures.replayAllConfirm.title'),
      message: this.transloco.translate('deliveryFailures.replayAllConfirm.message', { count }),
      confirm: this.transloco.translate('deliveryFailures.replayAllConfirm.confirm', { count }),
      cancel: this.transloco.translate('common.cancel'),
    }).subscribe(() =>
      this.store.replayAllShown().subscribe({
        error: (err: unknown) =>
          this.notify(toApiError(err).message || this.transloco.translate('errors.generic'), true),
      }),
    );
  }

  private notify(message: string, sticky = false): void {
    this.snackBar.open(message, sticky ? this.transloco.translate('common.dismiss') : undefined, {
      duration: sticky ? 6000 : 2500,
    });
  }
}
