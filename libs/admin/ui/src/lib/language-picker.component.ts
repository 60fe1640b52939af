import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';

/** localStorage key holding the language the user picked. */
export const LANGUAGE_STORAGE_KEY = 'kefu.lang';

/** Each language named in itself, so a user can find theirs whatever is active. */
export const LANGUAGE_NAMES: Readonly<Record<string, string | undefined>> = {
  en: 'English',
  'zh-CN': '简体中文',
};

/**
 * The language in use: the one the user picked before, else the browser's first language we have,
 * else the fallback.
 */
export function initialLanguage(available: readonly string[], fallback: string): string {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (stored && available.includes(stored)) return stored;
  } catch {
    // storage blocked: fall through to the browser language
  }
  const wanted = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const lang of wanted) {
    if (available.includes(lang)) return lang;
    const base = lang.toLowerCase().split('-')[0];
    const match = available.find((a) => a.toLowerCase().split('-')[0] === base);
    if (match) return match;
  }
  return fallback;
}

/** A toolbar button that switches the interface language and remembers the choice. */
@Component({
  selector: 'kefu-language-picker',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-button
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'shell.language' | transloco"
      data-testid="language-picker"
    >
      <mat-icon svgIcon="translate" />
      {{ names[active()] ?? active() }}
    </button>
    <mat-menu #menu="matMenu">
      @for (lang of langs; track lang) {
        <button mat-menu-item (click)="use(lang)" [attr.lang]="lang" [attr.aria-current]="lang === active()">
          @if (lang === active()) {
            <mat-icon svgIcon="check" />
          } @else {
            <mat-icon />
          }
          {{ names[lang] ?? lang }}
        </button>
      }
    </mat-menu>
  `,
  styles: `
    button {
      color: inherit;
    }
  `,
})
export class LanguagePickerComponent {
  private readonly transloco = inject(TranslocoService);
  protected readonly names = LANGUAGE_NAMES;
  protected readonly langs = this.transloco
    .getAvailableLangs()
    .map((l) => (typeof l === 'string' ? l : l.id));
  protected readonly active = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected use(lang: string): void {
    this.transloco.setActiveLang(lang);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  }
}
