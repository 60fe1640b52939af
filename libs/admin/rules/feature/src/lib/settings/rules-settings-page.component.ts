import { COMMA, ENTER } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSliderModule } from '@angular/material/slider';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { HandoffSettingsDto, issuesFromServer, RuleIssues, RuleReferencesStore, RulesApiService } from '@kefu/admin/rules/data-access';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import { DEFAULT_HANDOFF_SETTINGS, HandoffSettings, handoffSettingsSchema } from '@kefu/shared/contracts';
import { HasUnsavedChanges } from '../unsaved-changes.guard';

const pick = (s: HandoffSettings): HandoffSettings => ({
  defaultThreshold: s.defaultThreshold,
  intentThresholds: { ...s.intentThresholds },
  ambiguityMargin: s.ambiguityMargin,
  misunderstandingLimit: s.misunderstandingLimit,
  defaultTeamId: s.defaultTeamId,
  vipTeamId: s.vipTeamId,
  vipTiers: [...s.vipTiers],
  idleMinutes: s.idleMinutes,
});

/** `/rules/settings`: the thresholds, default and VIP teams, VIP tiers and idle time the rules work with. */
@Component({
  selector: 'kefu-rules-settings-page',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSliderModule,
    MatTooltipModule,
    TranslocoPipe,
    LocalizedDatePipe,
  ],
  providers: [RuleReferencesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rules-settings-page.component.html',
  styleUrl: './rules-settings-page.component.scss',
})
export class RulesSettingsPageComponent implements HasUnsavedChanges {
  private readonly api = inject(RulesApiService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  protected readonly refs = inject(RuleReferencesStore);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly separators = [ENTER, COMMA];
  protected readonly form = signal<HandoffSettings>(pick(DEFAULT_HANDOFF_SETTINGS));
  private readonly saved = signal(JSON.stringify(pick(DEFAULT_HANDOFF_SETTINGS)));
  protected readonly meta = signal<Pick<HandoffSettingsDto, 'version' | 'updatedAt' | 'updatedBy'> | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  private readonly serverIssues = signal<RuleIssues>({});
  protected readonly newIntent = signal('');
  protected readonly newValue = signal<number>(0.85);

  protected readonly dirty = computed(() => JSON.stringify(this.form()) !== this.saved());
  protected readonly issues = computed<RuleIssues>(() => {
    const out: RuleIssues = { ...this.serverIssues() };
    const r = handoffSettingsSchema.safeParse(this.form());
    if (!r.success) for (const i of r.error.issues) out[i.path.map(String).join('.')] ??= i.message;
    return out;
  });
  protected readonly valid = computed(() => Object.keys(this.issues()).length === 0);
  protected readonly intentRows = computed(() =>
    Object.entries(this.form().intentThresholds)
      .map(([intent, value]) => ({ intent, value }))
      .sort((a, b) => a.intent.localeCompare(b.intent)),
  );
  protected readonly intentChoices = computed(() => {
    const q = this.newIntent().trim().toLowerCase();
    const listed = this.form().intentThresholds;
    return this.refs
      .intents()
      .filter((i) => !(i in listed) && (!q || i.includes(q)))
      .slice(0, 50);
  });
  protected readonly newIntentValid = computed(() => /^[a-z_]{2,60}$/.test(this.newIntent().trim()));

  constructor() {
    this.refs.load();
    this.load();
  }

  hasUnsavedChanges(): boolean {
    return this.dirty() && !this.saving();
  }

  protected load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.settings().subscribe({
      next: (s) => {
        this.loading.set(false);
        this.reset(s);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(toApiError(err).message || this.transloco.translate('errors.generic'));
      },
    });
  }

  protected patch(changes: Partial<HandoffSettings>): void {
    this.form.update((f) => ({ ...f, ...changes }));
    this.serverIssues.set({});
  }

  protected num(raw: unknown): number {
    return raw === null || raw === '' ? NaN : Number(raw);
  }

  protected setIntent(intent: string, value: number): void {
    this.patch({ intentThresholds: { ...this.form().intentThresholds, [intent]: value } });
  }

  protected removeIntent(intent: string): void {
    const next = { ...this.form().intentThresholds };
    delete next[intent];
    this.patch({ intentThresholds: next });
  }

  protected addIntent(): void {
    const intent = this.newIntent().trim();
    if (!this.newIntentValid()) return;
    this.setIntent(intent, this.newValue());
    this.newIntent.set('');
  }

  protected addTier(e: MatChipInputEvent): void {
    const parts = (e.value ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    if (parts.length) this.patch({ vipTiers: [...new Set([...this.form().vipTiers, ...parts])] });
    e.chipInput.clear();
  }

  protected removeTier(tier: string): void {
    this.patch({ vipTiers: this.form().vipTiers.filter((t) => t !== tier) });
  }

  protected discard(): void {
    this.form.set(JSON.parse(this.saved()) as HandoffSettings);
    this.serverIssues.set({});
    this.saveError.set(null);
  }

  protected save(): void {
    this.saveError.set(null);
    if (!this.valid()) {
      this.saveError.set(this.transloco.translate('validation.fixErrors'));
      return;
    }
    this.saving.set(true);
    this.api.saveSettings(this.form()).subscribe({
      next: (s) => {
        this.saving.set(false);
        this.reset(s);
        this.snackBar.open(this.transloco.translate('rules.settings.saved'), undefined, { duration: 3000 });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        this.serverIssues.set(issuesFromServer(e.issues));
        this.saveError.set(e.message || this.transloco.translate('errors.generic'));
      },
    });
  }

  private reset(s: HandoffSettingsDto): void {
    const form = pick({ ...DEFAULT_HANDOFF_SETTINGS, ...s });
    this.form.set(form);
    this.saved.set(JSON.stringify(form));
    this.meta.set({ version: s.version, updatedAt: s.updatedAt, updatedBy: s.updatedBy });
    this.serverIssues.set({});
  }
}
