import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { CanDeactivateFn } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { ConfirmDialogComponent, ConfirmDialogData } from '@kefu/admin/ui';
import { map } from 'rxjs';

/** A page with an edit that may not be saved yet. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

/** Asks before leaving the Claude settings with unsaved changes; stays unless the user discards them. */
export const llmUnsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (page) => {
  if (!page.hasUnsavedChanges()) return true;
  const transloco = inject(TranslocoService);
  return inject(MatDialog)
    .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
      width: '440px',
      data: {
        title: transloco.translate('llm.unsaved.title'),
        message: transloco.translate('llm.unsaved.message'),
        confirm: transloco.translate('common.discard'),
        cancel: transloco.translate('llm.unsaved.stay'),
        danger: true,
      },
    })
    .afterClosed()
    .pipe(map((ok) => ok === true));
};
