import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import { LanguagePickerComponent } from '@kefu/admin/ui';
import { Permission } from '@kefu/shared/contracts';
import { map } from 'rxjs';

interface NavItem {
  path: string;
  icon: string;
  label: string;
  permission: Permission;
}

/** Only pages that work are listed; each needs its read permission. */
const NAV: NavItem[] = [
  {
    path: '/conversations',
    icon: 'forum',
    label: 'nav.conversations',
    permission: Permission.ConversationsRead,
  },
  { path: '/inboxes', icon: 'inbox', label: 'nav.inboxes', permission: Permission.InboxesRead },
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
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);
  private readonly router = inject(Router);

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
    // Leaving the shell means leaving the signed-in area: close the live feed.
    inject(DestroyRef).onDestroy(() => this.realtime.disconnect());
  }

  protected logout(): void {
    this.loggingOut.set(true);
    this.realtime.disconnect();
    this.auth.logout().subscribe(() => {
      this.loggingOut.set(false);
      void this.router.navigate(['/login']);
    });
  }
}
