import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { RulesApiService, withChanges } from '@kefu/admin/rules/data-access';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import { RuleVersionDto } from '@kefu/shared/contracts';

/** The version history of one rule: who changed what, when (newest first). */
@Component({
  selector: 'kefu-rule-versions',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslocoPipe, LocalizedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error() !== null) {
      <p class="error" role="alert">
        {{ error() || ('errors.generic' | transloco) }}
        <button mat-button (click)="load()">{{ 'common.retry' | transloco }}</button>
      </p>
    }
    @if (loaded() && rows().length === 0) {
      <p class="muted">{{ 'rules.history.empty' | transloco }}</p>
    }
    <ol class="versions" data-testid="rule-versions">
      @for (v of rows(); track v.version) {
        <li>
          <div class="line">
            <span class="badge">v{{ v.version }}</span>
            <strong>{{ 'rules.history.change.' + v.change | transloco }}</strong>
            <span class="muted">{{ v.at | kefuDate: lang() }}</span>
          </div>
          <div class="who">{{ v.actor?.name ?? ('rules.history.system' | transloco) }}</div>
          @if (v.parts.length) {
            <div class="parts">
              {{ 'rules.history.changed' | transloco }}
              @for (p of v.parts; track p; let last = $last) {
                {{ 'rules.history.parts.' + p | transloco }}{{ last ? '' : ('rules.history.sep' | transloco) }}
              }
            </div>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    :host {
      display: block;
      padding: 8px 4px;
    }
    .versions {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .line {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .badge {
      font: var(--mat-sys-label-small);
      padding: 2px 6px;
      border-radius: 999px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .who,
    .parts {
      font: var(--mat-sys-body-small);
      margin-top: 2px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class RuleVersionsComponent {
  private readonly api = inject(RulesApiService);
  private readonly transloco = inject(TranslocoService);
  readonly ruleId = input.required<string>();
  /** Changes after each save of the rule, to load the history again. */
  readonly refresh = input(0);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  private readonly versions = signal<RuleVersionDto[]>([]);
  protected readonly rows = computed(() => withChanges(this.versions()));
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.ruleId();
      this.refresh();
      untracked(() => this.load());
    });
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.versions(this.ruleId()).subscribe({
      next: (list) => {
        this.versions.set(list);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }
}
