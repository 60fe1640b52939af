import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { formatCount, LlmSettingsStore } from '@kefu/admin/llm/data-access';
import { confirmAction } from '@kefu/admin/ui';

/**
 * The API key: typed into a password field and saved on its own; afterwards only "Key ending in …abcd ·
 * stored encrypted" with Replace / Remove. A key from the server's environment is named as such. "Test
 * connection" makes one tiny call with the key in use.
 */
@Component({
  selector: 'kefu-llm-key-card',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    TranslocoPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './llm-key-card.component.html',
  styleUrl: './llm-key-card.component.scss',
})
export class LlmKeyCardComponent {
  protected readonly store = inject(LlmSettingsStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  /** The active language, for the latency. */
  readonly lang = input.required<string>();

  /** The admin chose "Replace" on a stored key. */
  protected readonly replacing = signal(false);
  protected readonly storageAvailable = computed(() => this.store.dto()?.keyStorageAvailable ?? true);
  protected readonly showForm = computed(
    () => this.storageAvailable() && (this.store.keyState() !== 'stored' || this.replacing()),
  );
  protected readonly canTest = computed(() => ['stored', 'environment'].includes(this.store.keyState()));
  protected readonly latency = computed(() =>
    formatCount(this.store.testResult()?.latencyMs ?? 0, this.lang()),
  );

  protected saveKey(): void {
    this.store.saveKey().subscribe((ok) => {
      if (!ok) return;
      this.replacing.set(false);
      this.notify(this.transloco.translate('llm.key.saved', { last4: this.store.dto()?.keyLast4 ?? '' }));
    });
  }

  protected cancelReplace(): void {
    this.replacing.set(false);
    this.store.keyDraft.set('');
    this.store.keyError.set(null);
  }

  protected removeKey(): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('llm.key.removeTitle'),
      message: this.transloco.translate('llm.key.removeMessage'),
      confirm: this.transloco.translate('llm.key.remove'),
      cancel: this.transloco.translate('common.cancel'),
      danger: true,
    }).subscribe(() =>
      this.store.removeKey().subscribe((ok) => {
        if (ok) this.notify(this.transloco.translate('llm.key.removed'));
      }),
    );
  }

  protected test(): void {
    this.store.test().subscribe();
  }

  private notify(message: string): void {
    this.snackBar.open(message, undefined, { duration: 3000 });
  }
}
