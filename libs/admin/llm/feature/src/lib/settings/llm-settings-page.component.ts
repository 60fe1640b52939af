import { COMMA, ENTER, SPACE } from '@angular/cdk/keycodes';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule, MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { LlmSettingsStore, parseRegions } from '@kefu/admin/llm/data-access';
import { NluService } from '@kefu/admin/nlu/data-access';
import { LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { LLM_CHANNELS, LLM_MODELS } from '@kefu/shared/contracts';
import { catchError, map, of } from 'rxjs';
import { HasUnsavedChanges } from '../llm-unsaved-changes.guard';
import { LlmKeyCardComponent } from './llm-key-card.component';
import { LlmStatusCardComponent } from './llm-status-card.component';

type LlmChannel = (typeof LLM_CHANNELS)[number];

/**
 * `/llm`: whether Claude answers and why not; the API key; which model, channels and intents; the
 * classification fallback, agent assist and streaming; the daily budget; regions never sent abroad; limits.
 */

/** The settings that are lists of regions, each edited as chips. */
type RegionField = 'neverAbroadRegions' | 'unmaskedRegions';
@Component({
  selector: 'kefu-llm-settings-page',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    TranslocoPipe,
    LocalizedDatePipe,
    PageHeaderComponent,
    LlmKeyCardComponent,
    LlmStatusCardComponent,
  ],
  providers: [LlmSettingsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './llm-settings-page.component.html',
  styleUrl: './llm-settings-page.component.scss',
})
export class LlmSettingsPageComponent implements HasUnsavedChanges {
  protected readonly store = inject(LlmSettingsStore);
  private readonly nlu = inject(NluService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly channels = LLM_CHANNELS;
  /** The on/off features, each a row with its label and hint (`llm.settings.<name>`, `<name>Hint`). */
  protected readonly featureToggles = ['classificationFallback', 'agentAssist', 'streaming'] as const;
  protected readonly separators = [ENTER, COMMA, SPACE];

  protected readonly modelInput = signal<string | null>(null);
  protected readonly models = computed(() => {
    const q = (this.modelInput() ?? '').trim().toLowerCase();
    return LLM_MODELS.filter(
      (m) => !q || m.includes(q) || LLM_MODELS.includes(q as (typeof LLM_MODELS)[number]),
    );
  });

  private readonly intents = toSignal(
    this.nlu.intents().pipe(
      map((list) => list.map((i) => i.name)),
      catchError(() => of([] as string[])),
    ),
    { initialValue: [] as string[] },
  );
  protected readonly intentQuery = signal('');
  protected readonly intentChoices = computed(() => {
    const q = this.intentQuery().trim().toLowerCase();
    const taken = new Set(this.store.form().disabledIntents);
    return this.intents()
      .filter((n) => !taken.has(n) && (!q || n.includes(q)))
      .slice(0, 50);
  });
  /** What was typed into the regions field that is not a two-letter code. */
  /** Typed codes that are not regions, per region list (shown under that list). */
  protected readonly regionInvalid = signal<Record<RegionField, string[]>>({ neverAbroadRegions: [], unmaskedRegions: [] });
  protected readonly regionFields: readonly RegionField[] = ['neverAbroadRegions', 'unmaskedRegions'];

  constructor() {
    this.store.load();
  }

  hasUnsavedChanges(): boolean {
    return this.store.dirty() && !this.store.saving();
  }

  protected save(): void {
    this.store.save().subscribe((ok) => {
      if (ok)
        this.snackBar.open(this.transloco.translate('llm.settings.saved'), undefined, { duration: 3000 });
    });
  }

  protected discard(): void {
    this.store.discard();
    this.regionInvalid.set({ neverAbroadRegions: [], unmaskedRegions: [] });
  }

  protected setFeature(name: (typeof this.featureToggles)[number], on: boolean): void {
    this.store.patch({ [name]: on });
  }

  protected toggleChannel(channel: LlmChannel, on: boolean): void {
    const current = new Set(this.store.form().channels);
    if (on) current.add(channel);
    else current.delete(channel);
    // Kept in the contract's order, so the form compares equal after a round trip.
    this.store.patch({ channels: LLM_CHANNELS.filter((c) => current.has(c)) });
  }

  protected addIntent(e: MatChipInputEvent): void {
    this.addIntents(e.value);
    e.chipInput.clear();
    this.intentQuery.set('');
  }

  protected pickIntent(e: MatAutocompleteSelectedEvent, input: HTMLInputElement): void {
    this.addIntents(String(e.option.value));
    input.value = '';
    this.intentQuery.set('');
  }

  protected removeIntent(intent: string): void {
    this.store.patch({ disabledIntents: this.store.form().disabledIntents.filter((i) => i !== intent) });
  }

  protected addRegions(field: RegionField, e: MatChipInputEvent): void {
    const { codes, invalid } = parseRegions(e.value ?? '');
    if (codes.length) this.store.patch({ [field]: [...new Set([...this.store.form()[field], ...codes])] });
    this.regionInvalid.update((all) => ({ ...all, [field]: invalid }));
    if (!invalid.length) e.chipInput.clear();
  }

  protected removeRegion(field: RegionField, code: string): void {
    this.store.patch({ [field]: this.store.form()[field].filter((r) => r !== code) });
  }

  /** A number field's value; an empty field is NaN so the schema names it. */
  protected num(raw: unknown): number {
    return raw === null || raw === '' ? NaN : Number(raw);
  }

  protected round(n: number): number {
    return Math.round(n);
  }

  protected setBudget(raw: unknown): void {
    // Empty means "no limit".
    this.store.patch({ dailyBudgetUsd: raw === null || raw === '' ? null : Number(raw) });
  }

  private addIntents(raw: string): void {
    const names = raw
      .split(/[\s,，]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length)
      this.store.patch({ disabledIntents: [...new Set([...this.store.form().disabledIntents, ...names])] });
  }
}
