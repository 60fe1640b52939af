import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PageHeaderComponent } from '@kefu/admin/ui';

interface Section {
  path: string;
  icon: string;
  label: string;
}

const SECTIONS: Section[] = [
  { path: 'articles', icon: 'kb:description', label: 'knowledge.tabs.articles' },
  { path: 'test', icon: 'kb:search', label: 'knowledge.tabs.test' },
  { path: 'unknown', icon: 'kb:help', label: 'knowledge.tabs.unknown' },
  { path: 'imports', icon: 'kb:upload', label: 'knowledge.tabs.imports' },
  { path: 'feeds', icon: 'kb:rss_feed', label: 'knowledge.tabs.feeds' },
  { path: 'synonyms', icon: 'kb:swap_horiz', label: 'knowledge.tabs.synonyms' },
];

/** The knowledge base's sections as tabs above the page. */
@Component({
  selector: 'kb-knowledge-layout',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatIconModule,
    MatTabsModule,
    TranslocoPipe,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-page-header [title]="'knowledge.title' | transloco" [subtitle]="'knowledge.subtitle' | transloco" />
    <nav mat-tab-nav-bar [tabPanel]="panel" class="tabs" [attr.aria-label]="'knowledge.title' | transloco">
      @for (s of sections; track s.path) {
        <a
          mat-tab-link
          [routerLink]="s.path"
          routerLinkActive
          #rla="routerLinkActive"
          [active]="rla.isActive"
          [attr.data-testid]="'kb-tab-' + s.path"
        >
          <mat-icon [svgIcon]="s.icon" />
          <span class="label">{{ s.label | transloco }}</span>
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="panel">
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
      max-width: 1200px;
    }
    .tabs {
      margin-bottom: 20px;
      --mat-tab-container-height: 44px;
    }
    .tabs mat-icon {
      width: 18px;
      height: 18px;
      margin-right: 6px;
    }
    .panel {
      display: block;
    }
  `,
})
export class KnowledgeLayoutComponent {
  protected readonly sections = SECTIONS;
}
