import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AgentStore } from '@kefu/admin/workspace/data-access';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import { AGENT_AVAILABILITY, type AgentAvailability, type HandoffNotificationDto } from '@kefu/shared/contracts';

/** The workspace header's right side: my availability and the notifications bell. */
@Component({
  selector: 'kefu-agent-controls',
  imports: [MatBadgeModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatMenuModule, TranslocoPipe, LocalizedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      class="availability"
      [value]="agent.availability()"
      (change)="setAvailability($event.value)"
      [disabled]="agent.savingAvailability() || !agent.me()"
      [attr.aria-label]="'workspace.availability.label' | transloco"
      hideSingleSelectionIndicator
    >
      @for (a of availability; track a) {
        <mat-button-toggle [value]="a" [attr.data-testid]="'availability-' + a">
          <span class="dot" [class]="'dot a-' + a" aria-hidden="true"></span>{{ 'workspace.availability.' + a | transloco }}
        </mat-button-toggle>
      }
    </mat-button-toggle-group>
    <button
      mat-icon-button
      [matMenuTriggerFor]="menu"
      (menuOpened)="agent.markAllRead()"
      [attr.aria-label]="'workspace.notifications.title' | transloco"
      data-testid="bell"
    >
      <mat-icon
        svgIcon="ws:notifications"
        [matBadge]="agent.unread() || null"
        [matBadgeHidden]="!agent.unread()"
        matBadgeColor="warn"
        matBadgeSize="small"
      />
    </button>
    <mat-menu #menu="matMenu" xPosition="before" class="kefu-ws-notifications">
      @for (n of agent.notifications(); track n.id) {
        <button mat-menu-item (click)="open.emit(n)" class="notification">
          <span class="n-kind">{{ 'workspace.notifications.kind.' + n.kind | transloco }} · {{ n.at | kefuDate: lang() : 'smart' }}</span>
          <span class="n-text">{{ n.message }}</span>
        </button>
      } @empty {
        <p class="none">{{ 'workspace.notifications.empty' | transloco }}</p>
      }
    </mat-menu>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .dot {
      display: inline-block;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      margin-right: 6px;
      vertical-align: middle;
    }
    .a-online {
      background: #1e8e3e;
    }
    .a-busy {
      background: #e37400;
    }
    .a-offline {
      background: #9aa0a6;
    }
    .none {
      padding: 8px 16px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .notification {
      height: auto;
      min-height: 48px;
      padding-top: 6px;
      padding-bottom: 6px;
    }
    .n-kind {
      display: block;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .n-text {
      display: block;
      white-space: normal;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class AgentControlsComponent {
  protected readonly agent = inject(AgentStore);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  protected readonly availability = AGENT_AVAILABILITY;

  readonly lang = input('');
  /** A notification was clicked: open its conversation. */
  readonly open = output<HandoffNotificationDto>();

  protected setAvailability(a: AgentAvailability): void {
    this.agent.setAvailability(a, (message) =>
      this.snackBar.open(message || this.transloco.translate('errors.generic'), this.transloco.translate('common.dismiss'), {
        duration: 6000,
      }),
    );
  }
}
