import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { confirmAction, EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { WebhooksApiService } from '@kefu/admin/webhooks/data-access';
import { WebhookDto, WebhookTestResultDto } from '@kefu/shared/contracts';
import { WebhookDialogComponent, WebhookDialogData } from './webhook-dialog.component';
import { WebhookSecretDialogComponent, WebhookSecretDialogData } from './webhook-secret-dialog.component';

type TestState = { running: true } | { running: false; result: WebhookTestResultDto };

/** `/webhooks`: the outbound webhooks, each with its events, switch, counts, test, secret rotation and delete. */
@Component({
  selector: 'kefu-webhooks-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSlideToggleModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks-page.component.html',
  styleUrl: './webhooks-page.component.scss',
})
export class WebhooksPageComponent {
  private readonly api = inject(WebhooksApiService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly webhooks = signal<WebhookDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Webhook ids whose switch is being saved. */
  protected readonly toggling = signal<ReadonlySet<string>>(new Set());
  protected readonly tests = signal<ReadonlyMap<string, TestState>>(new Map());

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.list().subscribe({
      next: (list) => {
        this.webhooks.set(list);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err).message || this.transloco.translate('errors.generic'));
      },
    });
  }

  protected create(): void {
    this.openForm({ webhook: null });
  }

  protected edit(webhook: WebhookDto): void {
    this.openForm({ webhook });
  }

  protected toggle(webhook: WebhookDto, enabled: boolean): void {
    this.toggling.update((s) => new Set([...s, webhook.id]));
    this.api.update(webhook.id, { enabled }).subscribe({
      next: (saved) => {
        this.replace(saved);
        this.notify(enabled ? 'webhooks.enabledOn' : 'webhooks.enabledOff', { name: saved.name });
        this.doneToggling(webhook.id);
      },
      error: (err: unknown) => {
        // Put the switch back where the server has it.
        this.webhooks.update((list) => [...list]);
        this.fail(err);
        this.doneToggling(webhook.id);
      },
    });
  }

  protected test(webhook: WebhookDto): void {
    this.setTest(webhook.id, { running: true });
    this.api.test(webhook.id).subscribe({
      next: (result) => this.setTest(webhook.id, { running: false, result }),
      error: (err: unknown) =>
        this.setTest(webhook.id, {
          running: false,
          result: {
            ok: false,
            status: null,
            error: toApiError(err).message || this.transloco.translate('errors.generic'),
            durationMs: 0,
          },
        }),
    });
  }

  protected testState(id: string): TestState | undefined {
    return this.tests().get(id);
  }

  protected rotate(webhook: WebhookDto): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('webhooks.rotate.title'),
      message: this.transloco.translate('webhooks.rotate.message', { name: webhook.name }),
      confirm: this.transloco.translate('webhooks.rotate.confirm'),
      cancel: this.transloco.translate('common.cancel'),
      danger: true,
    }).subscribe(() =>
      this.api.rotateSecret(webhook.id).subscribe({
        next: (saved) => {
          this.replace(saved);
          this.showSecret(saved, false);
        },
        error: (err: unknown) => this.fail(err),
      }),
    );
  }

  protected remove(webhook: WebhookDto): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('webhooks.delete.title'),
      message: this.transloco.translate('webhooks.delete.message', { name: webhook.name }),
      confirm: this.transloco.translate('webhooks.delete.confirm'),
      cancel: this.transloco.translate('common.cancel'),
      danger: true,
    }).subscribe(() =>
      this.api.remove(webhook.id).subscribe({
        next: () => {
          this.webhooks.update((list) => list.filter((w) => w.id !== webhook.id));
          this.notify('webhooks.deleted', { name: webhook.name });
        },
        error: (err: unknown) => this.fail(err),
      }),
    );
  }

  private openForm(data: WebhookDialogData): void {
    this.dialog
      .open<WebhookDialogComponent, WebhookDialogData, WebhookDto>(WebhookDialogComponent, {
        data,
        width: '600px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        if (data.webhook) {
          this.replace(saved);
          this.notify('webhooks.saved', { name: saved.name });
        } else {
          this.webhooks.update((list) => [...list, saved]);
          this.showSecret(saved, true);
        }
      });
  }

  private showSecret(webhook: WebhookDto, created: boolean): void {
    if (!webhook.secret) return;
    this.dialog.open<WebhookSecretDialogComponent, WebhookSecretDialogData>(WebhookSecretDialogComponent, {
      data: { name: webhook.name, secret: webhook.secret, created },
      width: '600px',
      disableClose: true,
    });
    // The list keeps only the masked hint.
    this.replace({ ...webhook, secret: undefined });
  }

  private replace(saved: WebhookDto): void {
    this.webhooks.update((list) => list.map((w) => (w.id === saved.id ? saved : w)));
  }

  private setTest(id: string, state: TestState): void {
    this.tests.update((m) => new Map(m).set(id, state));
  }

  private doneToggling(id: string): void {
    this.toggling.update((s) => new Set([...s].filter((x) => x !== id)));
  }

  private notify(key: string, params: Record<string, unknown>): void {
    this.snackBar.open(this.transloco.translate(key, params), undefined, { duration: 3000 });
  }

  private fail(err: unknown): void {
    this.snackBar.open(
      toApiError(err).message || this.transloco.translate('errors.generic'),
      this.transloco.translate('common.dismiss'),
      {
        duration: 6000,
      },
    );
  }
}
