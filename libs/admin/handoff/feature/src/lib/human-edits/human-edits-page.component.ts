import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { CursorList, HumanEditsApiService } from '@kefu/admin/handoff/data-access';
import { NluService } from '@kefu/admin/nlu/data-access';
import { EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { HUMAN_EDIT_STATUSES, HumanEditDto, HumanEditStatus } from '@kefu/shared/contracts';
import { catchError, map, of } from 'rxjs';
import { SendEditDialogComponent, SendEditDialogData } from './send-edit-dialog.component';
import { WordDiffComponent } from './word-diff.component';

const PAGE_SIZE = 25;

/** `/human-edits`: suggested replies agents changed before sending; turn them into knowledge or training data. */
@Component({
  selector: 'kefu-human-edits-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
    WordDiffComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './human-edits-page.component.html',
  styleUrl: './human-edits-page.component.scss',
})
export class HumanEditsPageComponent {
  private readonly api = inject(HumanEditsApiService);
  private readonly nlu = inject(NluService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly statuses = HUMAN_EDIT_STATUSES;
  /** null: every status. */
  protected readonly status = signal<HumanEditStatus | null>('new');
  /** Edits being dismissed. */
  protected readonly working = signal<ReadonlySet<string>>(new Set());
  protected readonly list = new CursorList<HumanEditDto>((cursor) =>
    this.api.list({ status: this.status(), limit: PAGE_SIZE, cursor }),
  );
  private readonly intents = toSignal(
    this.nlu.intents().pipe(
      map((l) => l.map((i) => i.name)),
      catchError(() => of([] as string[])),
    ),
    { initialValue: [] as string[] },
  );

  constructor() {
    this.list.reload();
    inject(DestroyRef).onDestroy(() => this.list.destroy());
  }

  protected setStatus(status: HumanEditStatus | null): void {
    if (status === this.status()) return;
    this.status.set(status);
    this.list.reload();
  }

  protected send(edit: HumanEditDto, target: 'knowledge' | 'training'): void {
    this.dialog
      .open<SendEditDialogComponent, SendEditDialogData, HumanEditDto>(SendEditDialogComponent, {
        data: { edit, target, intents: this.intents() },
        width: '560px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.settled(saved);
        this.notify(this.transloco.translate(`humanEdits.sent.${target}`));
      });
  }

  protected dismiss(edit: HumanEditDto): void {
    this.working.update((s) => new Set([...s, edit.id]));
    this.api.dismiss(edit.id).subscribe({
      next: (saved) => {
        this.done(edit.id);
        this.settled(saved);
        this.notify(this.transloco.translate('humanEdits.dismissed'));
      },
      error: (err: unknown) => {
        this.done(edit.id);
        this.notify(toApiError(err).message || this.transloco.translate('errors.generic'), true);
      },
    });
  }

  /** A handled edit leaves the "new" filter; other filters show its new status. */
  private settled(saved: HumanEditDto): void {
    const filter = this.status();
    if (filter && filter !== saved.status) this.list.remove(saved.id);
    else this.list.replace(saved);
  }

  private done(id: string): void {
    this.working.update((s) => new Set([...s].filter((x) => x !== id)));
  }

  private notify(message: string, error = false): void {
    this.snackBar.open(message, error ? this.transloco.translate('common.dismiss') : undefined, {
      duration: error ? 6000 : 3000,
    });
  }
}
