import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { NluIntentsStore, NluService, NluTrainingStore } from '@kefu/admin/nlu/data-access';
import { ConfirmDialogData, confirmAction } from '@kefu/admin/ui';
import { NluExampleDto } from '@kefu/shared/contracts';
import { forkJoin, startWith, switchMap } from 'rxjs';
import { ExampleListComponent } from './example-list.component';
import { NluActions } from './nlu-actions';
import { NluNumberPipe } from './nlu-format';

type ExampleLanguage = 'zh' | 'en' | 'ja';

/** Opens the side sheet of one intent; `injector` must reach the page's stores. */
export function openIntentSheet(
  dialog: MatDialog,
  injector: Injector,
  name: string,
): MatDialogRef<IntentSheetComponent> {
  return dialog.open(IntentSheetComponent, {
    data: name,
    injector,
    position: { right: '0', top: '0' },
    height: '100%',
    width: '640px',
    maxWidth: '100vw',
    panelClass: 'kefu-nlu-sheet',
    autoFocus: false,
  });
}

/** One intent: its description and switch, custom and built-in examples, adding and deleting examples. */
@Component({
  selector: 'kefu-nlu-intent-sheet',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatTabsModule,
    TranslocoPipe,
    ExampleListComponent,
    NluNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Not encapsulated so it can shape its dialog panel; every rule is scoped under the host tag.
  encapsulation: ViewEncapsulation.None,
  templateUrl: './intent-sheet.component.html',
  styleUrl: './intent-sheet.component.scss',
})
export class IntentSheetComponent {
  protected readonly name = inject<string>(MAT_DIALOG_DATA);
  private readonly api = inject(NluService);
  private readonly store = inject(NluIntentsStore);
  private readonly training = inject(NluTrainingStore);
  private readonly actions = inject(NluActions);
  private readonly dialog = inject(MatDialog);
  private readonly dialogRef = inject(MatDialogRef);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly canManage = this.actions.canManage;
  protected readonly langs: ExampleLanguage[] = ['zh', 'en', 'ja'];
  protected readonly intent = computed(() => this.store.intents().find((i) => i.name === this.name) ?? null);

  protected readonly custom = signal<NluExampleDto[]>([]);
  protected readonly builtin = signal<NluExampleDto[]>([]);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly deleting = signal<ReadonlySet<string>>(new Set());

  protected readonly description = new FormControl(this.intent()?.description ?? '', { nonNullable: true });
  protected readonly savingDescription = signal(false);
  protected readonly newExamples = new FormControl('', { nonNullable: true });
  protected readonly newLanguage = new FormControl<ExampleLanguage | 'auto'>('auto', { nonNullable: true });
  private readonly newText = toSignal(this.newExamples.valueChanges.pipe(startWith('')), {
    initialValue: '',
  });
  /** The non-empty lines of the add box, each one example. */
  protected readonly lines = computed(() =>
    this.newText()
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length > 0),
  );
  protected readonly adding = signal(false);
  protected readonly addError = signal<string | null>(null);

  constructor() {
    this.loadExamples();
  }

  protected loadExamples(): void {
    this.loading.set(true);
    this.loadError.set(null);
    forkJoin({
      custom: this.api.examples(this.name, 'custom'),
      builtin: this.api.examples(this.name, 'builtin'),
    }).subscribe({
      next: ({ custom, builtin }) => {
        this.custom.set(custom);
        this.builtin.set(builtin);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(toApiError(err).message || this.transloco.translate('nlu.examples.loadFailed'));
      },
    });
  }

  protected setEnabled(enabled: boolean): void {
    this.store.update(this.name, { enabled }).subscribe({
      next: () => this.training.markChanged(),
      error: (err: unknown) => this.actions.fail(err),
    });
  }

  protected resetDescription(): void {
    this.description.reset(this.intent()?.description ?? '');
  }

  protected saveDescription(): void {
    this.savingDescription.set(true);
    this.store.update(this.name, { description: this.description.value.trim() }).subscribe({
      next: (intent) => {
        this.savingDescription.set(false);
        this.description.reset(intent.description);
      },
      error: (err: unknown) => {
        this.savingDescription.set(false);
        this.actions.fail(err);
      },
    });
  }

  protected addExamples(): void {
    const lines = this.lines();
    if (!lines.length) return;
    const language = this.newLanguage.value === 'auto' ? undefined : this.newLanguage.value;
    this.adding.set(true);
    this.addError.set(null);
    this.api
      .addExamples(this.name, { examples: lines.map((text) => (language ? { text, language } : { text })) })
      .subscribe({
        next: ({ added, skipped }) => {
          this.adding.set(false);
          this.newExamples.reset('');
          const key = skipped ? 'nlu.examples.addedSkipped' : 'nlu.examples.added';
          this.snackBar.open(this.transloco.translate(key, { added, skipped }), undefined, {
            duration: 4000,
          });
          if (added > 0) this.changed();
          this.loadExamples();
        },
        error: (err: unknown) => {
          this.adding.set(false);
          const e = toApiError(err);
          const issue = e.issues?.[0];
          this.addError.set(issue?.message || e.message || this.transloco.translate('errors.generic'));
        },
      });
  }

  protected deleteExample(example: NluExampleDto): void {
    this.setDeleting(example.id, true);
    this.api.deleteExample(example.id).subscribe({
      next: () => {
        this.setDeleting(example.id, false);
        this.custom.update((list) => list.filter((e) => e.id !== example.id));
        this.changed();
        this.snackBar
          .open(
            this.transloco.translate('nlu.examples.deleted'),
            this.transloco.translate('nlu.examples.undo'),
            { duration: 5000 },
          )
          .onAction()
          .pipe(
            switchMap(() =>
              this.api.addExamples(this.name, {
                examples: [{ text: example.text, language: example.language }],
              }),
            ),
          )
          .subscribe({ next: () => this.loadExamples(), error: (err: unknown) => this.actions.fail(err) });
      },
      error: (err: unknown) => {
        this.setDeleting(example.id, false);
        this.actions.fail(err);
      },
    });
  }

  protected deleteIntent(): void {
    const t = (key: string) => this.transloco.translate(key, { name: this.name });
    const data: ConfirmDialogData = {
      title: t('nlu.intents.deleteConfirm.title'),
      message: t('nlu.intents.deleteConfirm.message'),
      confirm: t('nlu.intents.delete'),
      cancel: t('common.cancel'),
      danger: true,
    };
    confirmAction(this.dialog, data, '480px')
      .pipe(switchMap(() => this.store.delete(this.name)))
      .subscribe({
        next: () => {
          this.training.markChanged();
          this.snackBar.open(t('nlu.intents.deleted'), undefined, { duration: 4000 });
          this.dialogRef.close();
        },
        error: (err: unknown) => this.actions.fail(err),
      });
  }

  /** Examples changed: the counts in the list are stale and the model needs retraining. */
  private changed(): void {
    this.training.markChanged();
    this.store.refresh();
  }

  private setDeleting(id: string, on: boolean): void {
    this.deleting.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }
}
