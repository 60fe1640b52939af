import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { contactDisplayName } from '@kefu/admin/conversations/data-access';
import { ConversationStore, formatMoney } from '@kefu/admin/workspace/data-access';
import { EmptyStateComponent, LocalizedDatePipe } from '@kefu/admin/ui';
import { SummaryCardComponent } from './summary-card.component';

/** The right pane: the hand-off summary, who the shopper is, their orders and shipments, and what they asked about before. */
@Component({
  selector: 'kefu-profile-pane',
  imports: [MatIconModule, MatProgressBarModule, RouterLink, TranslocoPipe, EmptyStateComponent, LocalizedDatePipe, SummaryCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (store.conversation(); as c) {
      <kefu-summary-card [lang]="lang()" />
      @if (store.profileLoading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <section class="block">
        <h3>{{ store.profile()?.customer?.name || name() || ('contact.anonymous' | transloco: { id: c.contact.id.slice(0, 8) }) }}</h3>
        <div class="row">
          <span>{{ 'channel.' + c.channel | transloco }}</span>
          @if (store.profile()?.customer; as cu) {
            <span class="tier" data-testid="tier">{{ cu.tier }}</span>
            <span>{{ 'workspace.profile.lifetime' | transloco }}: {{ money(cu.lifetimeValue, cu.currency, 0) }}</span>
          }
        </div>
        @if (store.profile()?.tags?.length) {
          <div class="chips">
            @for (t of store.profile()!.tags; track t) {
              <span class="chip">{{ t }}</span>
            }
          </div>
        }
      </section>
      @if (store.profileError() !== null) {
        <p class="error" role="alert">{{ store.profileError() || ('workspace.profile.loadFailed' | transloco) }}</p>
      } @else if (store.profile(); as p) {
        @if (!p.customer && !p.recentOrders.length && !p.pastTopics.length) {
          <kefu-empty-state icon="person" [title]="'workspace.profile.emptyTitle' | transloco">
            {{ 'workspace.profile.emptyBody' | transloco }}
          </kefu-empty-state>
        }
        @if (p.recentOrders.length) {
          <section class="block">
            <h4>{{ 'workspace.profile.orders' | transloco }}</h4>
            @for (o of p.recentOrders; track o.number) {
              <div class="order" data-testid="order">
                <div class="row between">
                  <strong>{{ o.number }}</strong>
                  <span>{{ money(o.total, o.currency) }}</span>
                </div>
                <div class="row">
                  <span class="status">{{ label('orderStatus', o.status) }}</span>
                  @if (o.shipmentStatus) {
                    <span class="ship"><mat-icon svgIcon="ws:local_shipping" aria-hidden="true" />{{ label('shipmentStatus', o.shipmentStatus) }}</span>
                  }
                  <span class="muted">{{ o.placedAt | kefuDate: lang() : 'smart' }}</span>
                </div>
                <div class="muted items">
                  @for (i of o.items; track $index) {
                    <span>{{ i.name }} × {{ i.quantity }}</span>
                  }
                </div>
              </div>
            }
          </section>
        }
        <section class="block">
          <h4>{{ 'workspace.profile.topics' | transloco }}</h4>
          @for (t of p.pastTopics; track $index) {
            <a class="topic" [routerLink]="['/conversations', t.conversationId]">
              <span>{{ t.intent }}{{ t.orderNumber ? ' · ' + t.orderNumber : '' }}</span>
              <span class="muted">{{ t.outcome }} · {{ t.at | kefuDate: lang() : 'smart' }}</span>
            </a>
          } @empty {
            <p class="muted">{{ 'workspace.profile.noTopics' | transloco }}</p>
          }
          <p class="muted">{{ 'workspace.profile.conversations' | transloco: { count: p.conversations } }}</p>
        </section>
      }
      <a class="transcript" [routerLink]="['/conversations', c.id]">
        <mat-icon svgIcon="ws:open_in_new" aria-hidden="true" />{{ 'workspace.profile.transcript' | transloco }}
      </a>
    } @else {
      <p class="muted pad">{{ 'workspace.profile.none' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      overflow-y: auto;
      padding: 12px 16px;
      gap: 12px;
    }
    h3 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    h4 {
      margin: 0 0 6px;
      font: var(--mat-sys-title-small);
    }
    .block {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      font: var(--mat-sys-body-small);
    }
    .between {
      justify-content: space-between;
    }
    .tier {
      padding: 0 8px;
      border-radius: 999px;
      background: #ffe8a3;
      color: #4a3b00;
      font: var(--mat-sys-label-small);
      text-transform: uppercase;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .chip {
      padding: 0 6px;
      border-radius: 6px;
      font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface-container-highest);
    }
    .order {
      padding: 8px 10px;
      border-radius: 10px;
      border: 1px solid var(--mat-sys-outline-variant);
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .status {
      font-weight: 600;
    }
    .ship {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      mat-icon {
        width: 16px;
        height: 16px;
      }
    }
    .items {
      display: flex;
      flex-wrap: wrap;
      gap: 2px 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      margin: 0;
    }
    .topic {
      display: flex;
      flex-direction: column;
      padding: 4px 0;
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-body-small);
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .topic:hover {
      color: var(--mat-sys-primary);
    }
    .transcript {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-primary);
      mat-icon {
        width: 18px;
        height: 18px;
      }
    }
    .error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .pad {
      padding: 24px 0;
      text-align: center;
    }
  `,
})
export class ProfilePaneComponent {
  protected readonly store = inject(ConversationStore);
  readonly lang = input('');
  private readonly transloco = inject(TranslocoService);
  /** An order or shipment status in words; an unknown status (another shop system's) as it came. */
  protected label(kind: 'orderStatus' | 'shipmentStatus', status: string): string {
    this.lang(); // re-rendered when the language changes
    const key = `workspace.profile.${kind}.${status}`;
    const text = this.transloco.translate(key);
    return text === key ? status : text;
  }
  protected money(amount: number, currency: string, maxFraction = 2): string {
    return formatMoney(amount, currency, this.lang(), maxFraction);
  }
  protected readonly name = computed(() => {
    const c = this.store.conversation();
    return c ? contactDisplayName(c.contact) : null;
  });
}
