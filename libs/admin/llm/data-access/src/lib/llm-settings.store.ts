import { computed, inject, Injectable, signal } from '@angular/core';
import { toApiError } from '@kefu/admin/auth/data-access';
import {
  DEFAULT_LLM_SETTINGS,
  LlmKeyTestDto,
  LlmSettings,
  LlmSettingsDto,
  LlmSettingsUpdate,
} from '@kefu/shared/contracts';
import { catchError, finalize, map, Observable, of, tap } from 'rxjs';
import { LlmApiService } from './llm-api.service';
import {
  issuesFromServer,
  keyProblem,
  keyState,
  LlmSettingsIssues,
  settingsIssues,
  settingsOf,
  statusView,
} from './llm-settings-view';

/**
 * The Claude settings page's state: the settings as saved, the form being edited, the API key being typed,
 * and the connection test. Provide it on the page.
 *
 * The key typed into the form lives only in `keyDraft` and is cleared as soon as the server has it; the
 * page shows `keyLast4` from then on. Settings are saved with `expectedVersion`, so a save over someone
 * else's change is a 409 that the page turns into "reload".
 *
 * Actions return an observable of whether they worked; it never errors (the error is in the state).
 */
@Injectable()
export class LlmSettingsStore {
  private readonly api = inject(LlmApiService);

  /** The settings as the server last answered. */
  readonly dto = signal<LlmSettingsDto | null>(null);
  readonly form = signal<LlmSettings>(settingsOf(DEFAULT_LLM_SETTINGS));
  private readonly saved = signal(JSON.stringify(settingsOf(DEFAULT_LLM_SETTINGS)));

  readonly loading = signal(false);
  /** The server's message ('' for a generic failure) when loading failed. */
  readonly loadError = signal<string | null>(null);
  readonly saving = signal(false);
  readonly saveError = signal<string | null>(null);
  /** Someone else saved since this form was loaded: reload before saving. */
  readonly conflict = signal(false);
  private readonly serverIssues = signal<LlmSettingsIssues>({});

  readonly dirty = computed(() => JSON.stringify(this.form()) !== this.saved());
  readonly issues = computed<LlmSettingsIssues>(() => ({
    ...settingsIssues(this.form()),
    ...this.serverIssues(),
  }));
  readonly valid = computed(() => Object.keys(settingsIssues(this.form())).length === 0);
  readonly status = computed(() => {
    const dto = this.dto();
    return dto ? statusView(dto) : null;
  });

  /** The key being typed (never filled from the server). */
  readonly keyDraft = signal('');
  readonly keyProblem = computed(() => keyProblem(this.keyDraft()));
  readonly keyState = computed(() => {
    const dto = this.dto();
    return dto ? keyState(dto) : 'none';
  });
  readonly keyBusy = signal(false);
  readonly keyError = signal<string | null>(null);

  readonly testing = signal(false);
  readonly testResult = signal<LlmKeyTestDto | null>(null);
  readonly testError = signal<string | null>(null);

  load(): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api
      .settings()
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (dto) => this.reset(dto),
        error: (err: unknown) => this.loadError.set(toApiError(err).message),
      });
  }

  patch(changes: Partial<LlmSettings>): void {
    this.form.update((f) => ({ ...f, ...changes }));
    const cleared = { ...this.serverIssues() };
    for (const k of Object.keys(changes)) delete cleared[k as keyof LlmSettings];
    this.serverIssues.set(cleared);
  }

  discard(): void {
    this.form.set(JSON.parse(this.saved()) as LlmSettings);
    this.serverIssues.set({});
    this.saveError.set(null);
  }

  /** PUTs the whole form with the version it was loaded from. */
  save(): Observable<boolean> {
    const dto = this.dto();
    // After a 409 nothing is sent until the page reloads the settings: it would overwrite unseen changes.
    if (!dto || !this.valid() || this.saving() || this.conflict()) return of(false);
    const body: LlmSettingsUpdate = { ...this.form(), expectedVersion: dto.version };
    this.saving.set(true);
    this.saveError.set(null);
    return this.api.updateSettings(body).pipe(
      tap((answer) => this.reset(answer)),
      map(() => true),
      catchError((err: unknown) => {
        const e = toApiError(err);
        if (e.statusCode === 409) this.conflict.set(true);
        this.serverIssues.set(issuesFromServer(e.issues));
        this.saveError.set(e.message);
        return of(false);
      }),
      finalize(() => this.saving.set(false)),
    );
  }

  /** Sends the typed key; on success the draft is wiped and only its last four characters remain. */
  saveKey(): Observable<boolean> {
    const key = this.keyDraft().trim();
    if (!key || this.keyProblem() || this.keyBusy()) return of(false);
    return this.changeKey(key).pipe(
      tap((ok) => {
        if (ok) this.keyDraft.set('');
      }),
    );
  }

  removeKey(): Observable<boolean> {
    if (this.keyBusy()) return of(false);
    return this.changeKey(null);
  }

  /** One tiny call with the saved key and model. */
  test(): Observable<boolean> {
    if (this.testing()) return of(false);
    this.testing.set(true);
    this.testResult.set(null);
    this.testError.set(null);
    return this.api.testConnection().pipe(
      tap((result) => this.testResult.set(result)),
      map((result) => result.ok),
      catchError((err: unknown) => {
        this.testError.set(toApiError(err).message);
        return of(false);
      }),
      finalize(() => this.testing.set(false)),
    );
  }

  /** The key alone changes; edits in progress in the form stay. */
  private changeKey(apiKey: string | null): Observable<boolean> {
    this.keyBusy.set(true);
    this.keyError.set(null);
    return this.api.updateSettings({ apiKey }).pipe(
      tap((answer) => {
        this.testResult.set(null);
        this.applyElsewhere(answer);
      }),
      map(() => true),
      catchError((err: unknown) => {
        this.keyError.set(toApiError(err).message);
        return of(false);
      }),
      finalize(() => this.keyBusy.set(false)),
    );
  }

  /** A newer DTO from an action other than saving the form: keep the user's edits unless there are none. */
  private applyElsewhere(answer: LlmSettingsDto): void {
    const sameSettings = JSON.stringify(settingsOf(answer)) === this.saved();
    if (!this.dirty()) {
      this.reset(answer);
      return;
    }
    this.dto.set(answer);
    // Someone else's change arrived with it: saving the form now would overwrite it unseen.
    if (!sameSettings) this.conflict.set(true);
  }

  private reset(dto: LlmSettingsDto): void {
    const form = settingsOf({ ...DEFAULT_LLM_SETTINGS, ...dto });
    this.dto.set(dto);
    this.form.set(form);
    this.saved.set(JSON.stringify(form));
    this.serverIssues.set({});
    this.saveError.set(null);
    this.conflict.set(false);
  }
}
