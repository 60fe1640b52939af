import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule, MatIconRegistry } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { DomSanitizer } from '@angular/platform-browser';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import { KillSwitchStore } from '@kefu/admin/handoff/data-access';
import { KillSwitchBannerComponent } from '@kefu/admin/handoff/feature';
import { LanguagePickerComponent } from '@kefu/admin/ui';
import { Permission } from '@kefu/shared/contracts';
import { map } from 'rxjs';

interface NavItem {
  path: string;
  icon: string;
  label: string;
  permission: Permission;
  /** For an icon the shared set lacks: its 24×24 SVG path, registered by the shell. */
  iconPath?: string;
  /** Highlighted only on this exact path (a parent of other entries, like `/llm`). */
  exact?: boolean;
}

/** Material Icons "psychology" (Apache-2.0). */
const PSYCHOLOGY_ICON =
  'M13 8.57c-.79 0-1.43.64-1.43 1.43s.64 1.43 1.43 1.43 1.43-.64 1.43-1.43-.64-1.43-1.43-1.43zM13 3C9.25 3 6.2 5.94 6.02 9.64L4.1 12.2c-.25.33 0 .8.4.8H6v3c0 1.1.9 2 2 2h1v3h7v-4.68c2.36-1.12 4-3.53 4-6.32 0-3.87-3.13-7-7-7zm3 7c0 .13-.01.26-.02.39l.83.66c.08.06.1.16.05.25l-.8 1.39c-.05.09-.16.12-.24.09l-.99-.4c-.21.16-.43.29-.67.39L14 13.83c-.01.1-.1.17-.2.17h-1.6c-.1 0-.18-.07-.2-.17l-.15-1.06c-.25-.1-.47-.23-.68-.39l-.99.4c-.09.03-.2 0-.25-.09l-.8-1.39c-.05-.08-.03-.19.05-.25l.84-.66c-.01-.13-.02-.26-.02-.39s.02-.27.04-.39l-.85-.66c-.08-.06-.1-.16-.05-.26l.8-1.38c.05-.09.15-.12.24-.09l1 .4c.2-.15.43-.29.67-.39L12 6.17c.02-.1.1-.17.2-.17h1.6c.1 0 .18.07.2.17l.15 1.06c.24.1.46.23.67.39l1-.4c.09-.03.2 0 .24.09l.8 1.38c.05.09.03.2-.05.26l-.85.66c.03.12.04.25.04.39z';

/** Material Icons "menu_book" (Apache-2.0). */
const MENU_BOOK_ICON =
  'M21 5c-1.11-.35-2.33-.5-3.5-.5-1.95 0-4.05.4-5.5 1.5-1.45-1.1-3.55-1.5-5.5-1.5S2.45 4.9 1 6v14.65c0 .25.25.5.5.5.1 0 .15-.05.25-.05C3.1 20.45 5.05 20 6.5 20c1.95 0 4.05.4 5.5 1.5 1.35-.85 3.8-1.5 5.5-1.5 1.65 0 3.35.3 4.75 1.05.1.05.15.05.25.05.25 0 .5-.25.5-.5V6c-.6-.45-1.25-.75-2-1zm0 13.5c-1.1-.35-2.3-.5-3.5-.5-1.7 0-4.15.65-5.5 1.5V8c1.35-.85 3.8-1.5 5.5-1.5 1.2 0 2.4.15 3.5.5v11.5z';

/** Material Icons "quickreply" (Apache-2.0). */
const QUICKREPLY_ICON =
  'M22 4c0-1.1-.9-2-2-2H4c-1.1 0-1.99.9-1.99 2L2 22l4-4h9v-8h7V4zM22.5 16h-2.2l1.7-4h-5v6h2v5z';

/** Material Icons "webhook" (Apache-2.0). */
const WEBHOOK_ICON =
  'M10 15h5.88c.27-.31.67-.5 1.12-.5.83 0 1.5.67 1.5 1.5s-.67 1.5-1.5 1.5c-.44 0-.84-.19-1.12-.5H11.9c-.46 2.28-2.48 4-4.9 4-2.76 0-5-2.24-5-5 0-2.42 1.72-4.44 4-4.9v2.07c-1.16.41-2 1.53-2 2.83 0 1.65 1.35 3 3 3s3-1.35 3-3v-1zm2.5-11c1.65 0 3 1.35 3 3h2c0-2.76-2.24-5-5-5s-5 2.24-5 5c0 1.43.6 2.71 1.55 3.62l-2.35 3.9C6.02 14.58 5.5 15.22 5.5 16c0 .83.67 1.5 1.5 1.5s1.5-.67 1.5-1.5c0-.16-.02-.31-.07-.45l3.38-5.63C10.49 9.61 9.5 8.42 9.5 7c0-1.65 1.35-3 3-3zm4.5 9c-.64 0-1.23.2-1.72.54l-3.05-5.07C11.53 8.35 11 7.74 11 7c0-.83.67-1.5 1.5-1.5S14 6.17 14 7c0 .15-.02.29-.06.43l2.19 3.65c.28-.05.57-.08.87-.08 2.76 0 5 2.24 5 5s-2.24 5-5 5c-1.85 0-3.47-1.01-4.33-2.5h2.67c.48.32 1.05.5 1.66.5 1.65 0 3-1.35 3-3s-1.35-3-3-3z';

/** Material Icons "sync_problem" (Apache-2.0). */
const SYNC_PROBLEM_ICON =
  'M3 12c0 2.21.91 4.2 2.36 5.64L3 20h6v-6l-2.24 2.24C5.68 15.15 5 13.66 5 12c0-2.61 1.67-4.83 4-5.65V4.26C5.55 5.15 3 8.27 3 12zm8 5h2v-2h-2v2zM21 4h-6v6l2.24-2.24C18.32 8.85 19 10.34 19 12c0 2.61-1.67 4.83-4 5.65v2.09c3.45-.89 6-4.01 6-7.74 0-2.21-.91-4.2-2.36-5.64L21 4zm-10 9h2V7h-2v6z';

/** Material Icons "headset_mic" (Apache-2.0). */
const HEADSET_ICON =
  'M12 1c-4.97 0-9 4.03-9 9v7c0 1.66 1.34 3 3 3h3v-8H5v-2c0-3.87 3.13-7 7-7s7 3.13 7 7v2h-4v8h4v1h-7v2h6c1.66 0 3-1.34 3-3V10c0-4.97-4.03-9-9-9z';

/** Material Icons "rule" (Apache-2.0). */
const RULE_ICON =
  'M16.54 11L13 7.46l1.41-1.41 2.12 2.12 4.24-4.24 1.41 1.41L16.54 11zM11 7H2v2h9V7zm10 6.41L19.59 12 17 14.59 14.41 12 13 13.41 15.59 16 13 18.59 14.41 20 17 17.41 19.59 20 21 18.59 18.41 16 21 13.41zM11 15H2v2h9v-2z';

/** Material Icons "groups" (Apache-2.0). */
const GROUPS_ICON =
  'M12 12.75c1.63 0 3.07.39 4.24.9 1.08.48 1.76 1.56 1.76 2.73V18H6v-1.61c0-1.18.68-2.26 1.76-2.73 1.17-.52 2.61-.91 4.24-.91zM4 13c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm1.13 1.1c-.37-.06-.74-.1-1.13-.1-.99 0-1.93.21-2.78.58C.48 14.9 0 15.62 0 16.43V18h4.5v-1.61c0-.83.23-1.61.63-2.29zM20 13c1.1 0 2-.9 2-2s-.9-2-2-2-2 .9-2 2 .9 2 2 2zm4 3.43c0-.81-.48-1.53-1.22-1.85-.85-.37-1.79-.58-2.78-.58-.39 0-.76.04-1.13.1.4.68.63 1.46.63 2.29V18H24v-1.57zM12 6c1.66 0 3 1.34 3 3s-1.34 3-3 3-3-1.34-3-3 1.34-3 3-3z';

/** Material Icons "power_settings_new" (Apache-2.0). */
const POWER_ICON =
  'M13 3h-2v10h2V3zm4.83 2.17l-1.42 1.42C17.99 7.86 19 9.81 19 12c0 3.87-3.13 7-7 7s-7-3.13-7-7c0-2.19 1.01-4.14 2.58-5.42L6.17 5.17C4.23 6.82 3 9.26 3 12c0 4.97 4.03 9 9 9s9-4.03 9-9c0-2.74-1.23-5.18-3.17-6.83z';

/** Material Icons "rate_review" (Apache-2.0). */
const RATE_REVIEW_ICON =
  'M20 2H4c-1.1 0-1.99.9-1.99 2L2 22l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 14v-2.47l6.88-6.88c.2-.2.51-.2.71 0l1.77 1.77c.2.2.2.51 0 .71L8.47 14H6zm12 0h-7.5l2-2H18v2z';

/** Material Icons "history" (Apache-2.0). */
const HISTORY_ICON =
  'M13 3c-4.97 0-9 4.03-9 9H1l3.89 3.89.07.14L9 12H6c0-3.87 3.13-7 7-7s7 3.13 7 7-3.13 7-7 7c-1.93 0-3.68-.79-4.94-2.06l-1.42 1.42C8.27 19.99 10.51 21 13 21c4.97 0 9-4.03 9-9s-4.03-9-9-9zm-1 5v5l4.28 2.54.72-1.21-3.5-2.08V8H12z';

/** Material Icons "smart_toy" (Apache-2.0). */
const SMART_TOY_ICON =
  'M20 9V7c0-1.1-.9-2-2-2h-3c0-1.66-1.34-3-3-3S9 3.34 9 5H6c-1.1 0-2 .9-2 2v2c-1.66 0-3 1.34-3 3s1.34 3 3 3v4c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2v-4c1.66 0 3-1.34 3-3s-1.34-3-3-3zM7.5 11.5c0-.83.67-1.5 1.5-1.5s1.5.67 1.5 1.5S9.83 13 9 13s-1.5-.67-1.5-1.5zM16 17H8v-2h8v2zm-1-4c-.83 0-1.5-.67-1.5-1.5S14.17 10 15 10s1.5.67 1.5 1.5S15.83 13 15 13z';

/** Material Icons "bar_chart" (Apache-2.0). */
const BAR_CHART_ICON = 'M5 9.2h3V19H5zM10.6 5h2.8v14h-2.8zm5.6 8H19v6h-2.8z';

/** Material Icons "school" (Apache-2.0). */
const SCHOOL_ICON = 'M5 13.18v4L12 21l7-3.82v-4L12 17l-7-3.82zM12 3L1 9l11 6 9-4.91V17h2V9L12 3z';

/** Only pages that work are listed; each needs its read permission. */
const NAV: NavItem[] = [
  {
    path: '/conversations',
    icon: 'forum',
    label: 'nav.conversations',
    permission: Permission.ConversationsRead,
  },
  {
    path: '/workspace',
    icon: 'nav_headset',
    label: 'workspace.nav',
    permission: Permission.HandoffWork,
    iconPath: HEADSET_ICON,
  },
  {
    path: '/rules',
    icon: 'nav_rule',
    label: 'rules.nav',
    permission: Permission.HandoffManage,
    iconPath: RULE_ICON,
  },
  {
    path: '/teams',
    icon: 'nav_groups',
    label: 'teams.title',
    permission: Permission.HandoffWork,
    iconPath: GROUPS_ICON,
  },
  {
    path: '/kill-switch',
    icon: 'nav_power',
    label: 'killSwitch.title',
    permission: Permission.HandoffManage,
    iconPath: POWER_ICON,
  },
  {
    path: '/human-edits',
    icon: 'nav_rate_review',
    label: 'humanEdits.title',
    permission: Permission.HandoffManage,
    iconPath: RATE_REVIEW_ICON,
  },
  {
    path: '/audit',
    icon: 'nav_history',
    label: 'audit.title',
    permission: Permission.AuditRead,
    iconPath: HISTORY_ICON,
  },
  { path: '/inboxes', icon: 'inbox', label: 'nav.inboxes', permission: Permission.InboxesRead },
  {
    path: '/webhooks',
    icon: 'webhook',
    label: 'webhooks.nav',
    permission: Permission.WebhooksManage,
    iconPath: WEBHOOK_ICON,
  },
  {
    path: '/delivery-failures',
    icon: 'sync_problem',
    label: 'deliveryFailures.nav',
    permission: Permission.InboxesManage,
    iconPath: SYNC_PROBLEM_ICON,
  },
  {
    path: '/nlu',
    icon: 'psychology',
    label: 'nlu.nav',
    permission: Permission.NluRead,
    iconPath: PSYCHOLOGY_ICON,
  },
  {
    path: '/knowledge',
    icon: 'menu_book',
    label: 'knowledge.nav',
    permission: Permission.KnowledgeRead,
    iconPath: MENU_BOOK_ICON,
  },
  {
    path: '/templates',
    icon: 'quickreply',
    label: 'dialogue.nav',
    permission: Permission.DialogueRead,
    iconPath: QUICKREPLY_ICON,
  },
  {
    path: '/llm',
    icon: 'nav_smart_toy',
    label: 'llm.nav.settings',
    permission: Permission.LlmManage,
    iconPath: SMART_TOY_ICON,
    exact: true,
  },
  {
    path: '/llm/usage',
    icon: 'nav_bar_chart',
    label: 'llm.nav.usage',
    permission: Permission.LlmRead,
    iconPath: BAR_CHART_ICON,
  },
  {
    path: '/llm/training',
    icon: 'nav_school',
    label: 'llm.nav.training',
    permission: Permission.LlmManage,
    iconPath: SCHOOL_ICON,
  },
];

@Component({
  selector: 'kefu-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    TranslocoPipe,
    LanguagePickerComponent,
    KillSwitchBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly router = inject(Router);
  private readonly killSwitch = inject(KillSwitchStore);

  protected readonly user = this.auth.user;
  protected readonly nav = computed(() => NAV.filter((item) => this.auth.permissions().has(item.permission)));
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((s) => s.matches)),
    { initialValue: false },
  );
  protected readonly menuOpen = signal(false);
  protected readonly loggingOut = signal(false);

  constructor() {
    const icons = inject(MatIconRegistry);
    const sanitizer = inject(DomSanitizer);
    for (const item of NAV.filter((n) => n.iconPath)) {
      // Constant markup from the paths above, never from user input.
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="currentColor"><path d="${item.iconPath}"/></svg>`;
      icons.addSvgIconLiteral(item.icon, sanitizer.bypassSecurityTrustHtml(svg));
    }
    // Leaving the shell means leaving the signed-in area: close the live feed.
    inject(DestroyRef).onDestroy(() => this.realtime.disconnect());
  }

  protected logout(): void {
    this.loggingOut.set(true);
    this.realtime.disconnect();
    this.killSwitch.stop();
    this.auth.logout().subscribe(() => {
      this.loggingOut.set(false);
      void this.router.navigate(['/login']);
    });
  }
}
