import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { AuditApiService, CursorList, KillSwitchStore } from '@kefu/admin/handoff/data-access';
import { NluService } from '@kefu/admin/nlu/data-access';
import { confirmAction, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { AuditEntryDto, BotPauseDto, ChannelType, PauseInput, PauseScope, Permission } from '@kefu/shared/contracts';
import { catchError, map, of, startWith } from 'rxjs';
import { pauseLabel } from './pause-label';

const HISTORY_PAGE = 20;

/** `/kill-switch`: whether the bot answers; pause it everywhere, for a channel or an intent; resume; history. */
@Component({
  selector: 'kefu-kill-switch-page',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    LocalizedDatePipe,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './kill-switch-page.component.html',
  styleUrl: './kill-switch-page.component.scss',
})
export class KillSwitchPageComponent {
  protected readonly store = inject(KillSwitchStore);
  private readonly auth = inject(AuthService);
  private readonly audit = inject(AuditApiService);
  private readonly nlu = inject(NluService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.HandoffManage));
  protected readonly canReadAudit = computed(() => this.auth.permissions().has(Permission.AuditRead));
  protected readonly channels = Object.values(ChannelType);
  protected readonly busy = signal(false);

  protected readonly globalReason = new FormControl('', { nonNullable: true });
  protected readonly channel = new FormControl<string | null>(null);
  protected readonly channelReason = new FormControl('', { nonNullable: true });
  protected readonly intent = new FormControl('', { nonNullable: true });
  protected readonly intentReason = new FormControl('', { nonNullable: true });

  private readonly intents = toSignal(
    this.nlu.intents().pipe(
      map((list) => list.map((i) => i.name)),
      catchError(() => of([] as string[])),
    ),
    { initialValue: [] as string[] },
  );
  private readonly intentInput = toSignal(this.intent.valueChanges.pipe(startWith('')), { initialValue: '' });
  protected readonly intentOptions = computed(() => {
    const q = this.intentInput().trim().toLowerCase();
    return this.intents()
      .filter((n) => !q || n.includes(q))
      .slice(0, 50);
  });

  protected readonly history = new CursorList<AuditEntryDto>((cursor) =>
    this.audit.list({ action: 'kill_switch.*', limit: HISTORY_PAGE, cursor }),
  );

  constructor() {
    this.store.refresh();
    this.store.start();
    if (this.canReadAudit()) this.history.reload();
    inject(DestroyRef).onDestroy(() => this.history.destroy());
  }

  protected label(p: Pick<BotPauseDto, 'scope' | 'value'>): string {
    this.lang();
    return pauseLabel(p, (k, params) => this.transloco.translate(k, params));
  }

  /** The history line's pause: its scope and value from the audit data. */
  protected historyLabel(e: AuditEntryDto): string {
    const scope = e.data['scope'];
    const value = e.data['value'];
    if (scope !== 'global' && scope !== 'channel' && scope !== 'intent') return '';
    return this.label({ scope, value: typeof value === 'string' ? value : null });
  }

  protected historyReason(e: AuditEntryDto): string {
    const r = e.data['reason'];
    return typeof r === 'string' ? r : '';
  }

  protected pauseGlobal(): void {
    confirmAction(
      this.dialog,
      {
        title: this.transloco.translate('killSwitch.global.confirmTitle'),
        message: this.transloco.translate('killSwitch.global.confirmMessage'),
        confirm: this.transloco.translate('killSwitch.global.confirm'),
        cancel: this.transloco.translate('common.cancel'),
        danger: true,
      },
      '500px',
    ).subscribe(() => this.pause({ scope: 'global', value: null, reason: this.globalReason.value.trim() }, this.globalReason));
  }

  protected pauseChannel(): void {
    const value = this.channel.value;
    if (!value) return;
    this.pause({ scope: 'channel', value, reason: this.channelReason.value.trim() }, this.channelReason, this.channel);
  }

  protected pauseIntent(): void {
    const value = this.intent.value.trim();
    if (!value) return;
    this.pause({ scope: 'intent', value, reason: this.intentReason.value.trim() }, this.intentReason, this.intent);
  }

  protected resume(p: BotPauseDto): void {
    this.busy.set(true);
    this.store.resume(p.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.notify(this.transloco.translate('killSwitch.resumed', { what: this.label(p) }));
        this.reloadHistory();
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  protected isPaused(scope: PauseScope, value: string | null): boolean {
    return this.store.pauses().some((p) => p.scope === scope && (scope === 'global' || p.value === value));
  }

  private pause(input: PauseInput, ...reset: FormControl[]): void {
    this.busy.set(true);
    this.store.pause(input).subscribe({
      next: () => {
        this.busy.set(false);
        for (const c of reset) c.reset();
        this.notify(this.transloco.translate('killSwitch.paused', { what: this.label(input) }));
        this.reloadHistory();
      },
      error: (err: unknown) => {
        if (toApiError(err).statusCode === 409) {
          this.busy.set(false);
          this.notify(this.transloco.translate('killSwitch.alreadyPaused', { what: this.label(input) }), true);
          this.store.refresh();
          return;
        }
        this.fail(err);
      },
    });
  }

  private reloadHistory(): void {
    if (this.canReadAudit()) this.history.reload();
  }

  private fail(err: unknown): void {
    this.busy.set(false);
    this.notify(toApiError(err).message || this.transloco.translate('errors.generic'), true);
  }

  private notify(message: string, error = false): void {
    this.snackBar.open(message, error ? this.transloco.translate('common.dismiss') : undefined, {
      duration: error ? 6000 : 3000,
    });
  }
}
