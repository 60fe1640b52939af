import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule, MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { KillSwitchStore } from '@kefu/admin/handoff/data-access';
import { formatLocalizedDate } from '@kefu/admin/ui';
import { registerHandoffIcons } from '../handoff-icons';
import { pauseLabel } from './pause-label';

/**
 * The shell's warning while the bot is paused: "Bot paused: all conversations — since 10:42 by Alice
 * [Manage]". Red for a global pause, amber for a channel or intent; nothing while the bot answers.
 */
@Component({
  selector: 'kefu-kill-switch-banner',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.active()) {
      <div class="banner" [class.global]="!!store.globalPause()" role="status" data-testid="kill-switch-banner">
        <mat-icon svgIcon="ho:pause_circle" aria-hidden="true" />
        <span class="text">
          <strong>{{ 'killSwitch.banner.paused' | transloco }}</strong>
          @for (line of lines(); track $index) {
            <span class="pause">{{ line }}</span>
          }
        </span>
        <a mat-button routerLink="/kill-switch" class="manage">{{ 'killSwitch.banner.manage' | transloco }}</a>
      </div>
    }
  `,
  styles: `
    .banner {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 8px 6px 16px;
      background: #fff3e0;
      color: #7a4100;
      border-bottom: 1px solid #ffb74d;
      &.global {
        background: var(--mat-sys-error-container);
        color: var(--mat-sys-on-error-container);
        border-bottom-color: var(--mat-sys-error);
      }
    }
    mat-icon {
      flex: none;
    }
    .text {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      font: var(--mat-sys-body-medium);
    }
    .pause:not(:last-child)::after {
      content: ';';
    }
    .manage {
      flex: none;
      color: inherit;
    }
  `,
})
export class KillSwitchBannerComponent implements OnInit {
  protected readonly store = inject(KillSwitchStore);
  private readonly transloco = inject(TranslocoService);
  /** Emits when the active language's strings are loaded, so the lines follow a language switch. */
  private readonly strings = toSignal(this.transloco.selectTranslation());

  constructor() {
    // The banner lives in the shell, outside the hand-off routes that register the icons.
    registerHandoffIcons(inject(MatIconRegistry), inject(DomSanitizer));
  }

  /** One line per pause: what it covers, since when and by whom. */
  protected readonly lines = computed(() => {
    this.strings();
    const lang = this.transloco.getActiveLang();
    const t = (k: string, p?: Record<string, unknown>) => this.transloco.translate(k, p);
    return this.store.pauses().map((p) => {
      const what = pauseLabel(p, t);
      const since = formatLocalizedDate(p.createdAt, lang, 'smart');
      return p.createdBy
        ? t('killSwitch.banner.sinceBy', { what, since, name: p.createdBy.name })
        : t('killSwitch.banner.since', { what, since });
    });
  });

  ngOnInit(): void {
    this.store.start();
  }
}
