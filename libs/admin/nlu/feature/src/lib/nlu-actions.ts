import { computed, inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { NluTrainingStore } from '@kefu/admin/nlu/data-access';
import { ConfirmDialogData, confirmAction } from '@kefu/admin/ui';
import { NluModelDto, Permission } from '@kefu/shared/contracts';
import { switchMap } from 'rxjs';

/** The page-wide actions (retrain, restore a model) with their confirmations and messages. Provided by the page. */
@Injectable()
export class NluActions {
  private readonly store = inject(NluTrainingStore);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly canManage = computed(() => this.auth.permissions().has(Permission.NluManage));

  retrain(): void {
    if (this.store.training() || this.store.starting()) return;
    this.store.start().subscribe({
      error: (err: unknown) => this.fail(err),
    });
  }

  restore(model: NluModelDto): void {
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    const data: ConfirmDialogData = {
      title: t('nlu.models.restoreConfirm.title', { version: model.version }),
      message: t('nlu.models.restoreConfirm.message', { version: model.version }),
      confirm: t('nlu.models.restore'),
      cancel: t('common.cancel'),
    };
    confirmAction(this.dialog, data, '480px')
      .pipe(switchMap(() => this.store.restore(model.version)))
      .subscribe({
        next: () =>
          this.snackBar.open(t('nlu.models.restored', { version: model.version }), undefined, {
            duration: 4000,
          }),
        error: (err: unknown) => this.fail(err),
      });
  }

  /** Shows an API failure as a snack bar. */
  fail(err: unknown): void {
    const message = toApiError(err).message || this.transloco.translate('errors.generic');
    this.snackBar.open(message, this.transloco.translate('common.dismiss'), { duration: 6000 });
  }
}
