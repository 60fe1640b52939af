import { ChangeDetectionStrategy, Component, inject, Injector } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { IntentKindFilter, NluIntentsStore, NluTrainingStore } from '@kefu/admin/nlu/data-access';
import { EmptyStateComponent } from '@kefu/admin/ui';
import { NluIntentDto } from '@kefu/shared/contracts';
import { CreateIntentDialogComponent } from './create-intent-dialog.component';
import { openIntentSheet } from './intent-sheet.component';
import { NluActions } from './nlu-actions';
import { NluNumberPipe } from './nlu-format';

const KINDS: IntentKindFilter[] = ['all', 'builtin', 'custom', 'disabled'];

/** Every intent with its example counts; a filter, the enabled switch, and a side sheet per intent. */
@Component({
  selector: 'kefu-nlu-intents-tab',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTableModule,
    TranslocoPipe,
    EmptyStateComponent,
    NluNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './intents-tab.component.html',
  styleUrl: './intents-tab.component.scss',
})
export class IntentsTabComponent {
  protected readonly store = inject(NluIntentsStore);
  private readonly training = inject(NluTrainingStore);
  private readonly actions = inject(NluActions);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly canManage = this.actions.canManage;
  protected readonly kinds = KINDS;
  protected readonly langs = ['zh', 'en', 'ja'] as const;
  protected readonly columns = ['name', 'kind', 'enabled', 'zh', 'en', 'ja', 'custom', 'open'];
  protected readonly trackByName = (_: number, i: NluIntentDto) => i.name;

  protected setKind(value: IntentKindFilter | undefined): void {
    this.store.kind.set(value ?? 'all');
  }

  protected setEnabled(intent: NluIntentDto, enabled: boolean): void {
    this.store.update(intent.name, { enabled }).subscribe({
      next: () => this.training.markChanged(),
      error: (err: unknown) => this.actions.fail(err),
    });
  }

  protected open(intent: NluIntentDto): void {
    openIntentSheet(this.dialog, this.injector, intent.name);
  }

  protected create(): void {
    this.dialog
      .open<CreateIntentDialogComponent, void, NluIntentDto>(CreateIntentDialogComponent, {
        width: '520px',
        injector: this.injector,
      })
      .afterClosed()
      .subscribe((intent) => {
        if (!intent) return;
        this.training.markChanged();
        this.store.clearFilters();
        openIntentSheet(this.dialog, this.injector, intent.name);
      });
  }
}
