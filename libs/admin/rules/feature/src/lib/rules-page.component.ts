import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { PageHeaderComponent } from '@kefu/admin/ui';
import { filter, map } from 'rxjs';

type Tab = 'list' | 'tester' | 'settings';

/** `/rules`: the header and the tabs (rules, tester, thresholds) around the child pages. */
@Component({
  selector: 'kefu-rules-page',
  imports: [RouterLink, RouterOutlet, MatIconModule, MatTabsModule, TranslocoPipe, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-page-header [title]="'rules.title' | transloco" [subtitle]="'rules.subtitle' | transloco" />
    <nav mat-tab-nav-bar [tabPanel]="panel" class="tabs" [attr.aria-label]="'rules.title' | transloco">
      @for (tab of tabs; track tab.id) {
        <a mat-tab-link [routerLink]="tab.link" [active]="active() === tab.id" [attr.data-testid]="'rules-tab-' + tab.id">
          <mat-icon [svgIcon]="tab.icon" class="tab-icon" />
          {{ tab.label | transloco }}
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <!-- The pages build sentences and select labels from the strings: wait until they are loaded. -->
      @if (strings()) {
        <router-outlet />
      }
    </mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
      max-width: 1280px;
    }
    .tabs {
      margin-bottom: 16px;
    }
    .tab-icon {
      width: 20px;
      height: 20px;
      margin-right: 8px;
    }
  `,
})
export class RulesPageComponent {
  private readonly router = inject(Router);
  protected readonly strings = toSignal(inject(TranslocoService).selectTranslation());
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );

  protected readonly tabs: { id: Tab; link: string; label: string; icon: string }[] = [
    { id: 'list', link: '/rules', label: 'rules.tabs.rules', icon: 'rl:rule' },
    { id: 'tester', link: '/rules/tester', label: 'rules.tabs.tester', icon: 'rl:science' },
    { id: 'settings', link: '/rules/settings', label: 'rules.tabs.settings', icon: 'rl:tune' },
  ];
  /** The editor (`/rules/new`, `/rules/:id`) belongs to the rules tab. */
  protected readonly active = computed<Tab>(() => {
    const path = this.url().split(/[?#]/)[0];
    if (path.endsWith('/rules/tester')) return 'tester';
    if (path.endsWith('/rules/settings')) return 'settings';
    return 'list';
  });
}
