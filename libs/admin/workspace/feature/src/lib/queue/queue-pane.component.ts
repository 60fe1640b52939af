import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { AgentStore, QueueStore, QueueView } from '@kefu/admin/workspace/data-access';
import { EmptyStateComponent } from '@kefu/admin/ui';
import type { QueueItemDto } from '@kefu/shared/contracts';
import { QueueItemComponent } from './queue-item.component';

const TABS: { view: QueueView; label: string }[] = [
  { view: 'waiting', label: 'workspace.queue.waiting' },
  { view: 'mine', label: 'workspace.queue.mine' },
  { view: 'open', label: 'workspace.queue.open' },
];

/** The left pane: tabs, the team filter and the live queue. */
@Component({
  selector: 'kefu-queue-pane',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    EmptyStateComponent,
    QueueItemComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="controls">
      <mat-button-toggle-group
        class="tabs"
        [value]="store.view()"
        (change)="store.setView($event.value)"
        [attr.aria-label]="'workspace.queue.title' | transloco"
        hideSingleSelectionIndicator
      >
        @for (t of tabs; track t.view) {
          <mat-button-toggle [value]="t.view" [attr.data-testid]="'tab-' + t.view">{{ t.label | transloco }}</mat-button-toggle>
        }
      </mat-button-toggle-group>
      <mat-form-field class="team" subscriptSizing="dynamic">
        <mat-label>{{ 'workspace.queue.team' | transloco }}</mat-label>
        <mat-select [value]="store.teamId() ?? ALL" (valueChange)="store.setTeam($event === ALL ? null : $event)">
          <!-- Explicit, so the closed select follows the language (the options' text loads later). -->
          <mat-select-trigger>{{ selectedTeamName() || ('workspace.queue.allTeams' | transloco) }}</mat-select-trigger>
          <mat-option [value]="ALL">{{ 'workspace.queue.allTeams' | transloco }}</mat-option>
          @for (t of teams(); track t.id) {
            <mat-option [value]="t.id">{{ t.name }}{{ t.mine ? ' ★' : '' }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    </div>
    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <div class="list" role="list">
      @if (store.error() !== null) {
        <div class="error" role="alert">
          <p>{{ store.error() || ('workspace.queue.loadFailed' | transloco) }}</p>
          <button mat-stroked-button (click)="store.load()">{{ 'common.retry' | transloco }}</button>
        </div>
      } @else if (store.empty()) {
        <kefu-empty-state icon="ws:smart_toy" [title]="'workspace.queue.emptyTitle' | transloco">
          {{ 'workspace.queue.empty.' + store.view() | transloco }}
        </kefu-empty-state>
      }
      @for (item of store.items(); track item.id) {
        <kefu-queue-item
          role="listitem"
          tabindex="0"
          [item]="item"
          [now]="store.now()"
          [limitMinutes]="item.teamId ? store.limits().get(item.teamId) : null"
          [selected]="item.id === selectedId()"
          [lang]="lang()"
          (click)="select.emit(item)"
          (keydown.enter)="select.emit(item)"
        />
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .controls {
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding: 12px;
    }
    .tabs {
      width: 100%;
      mat-button-toggle {
        flex: 1;
      }
    }
    .team {
      width: 100%;
    }
    .list {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 4px 8px 12px;
    }
    .error {
      padding: 16px;
      color: var(--mat-sys-error);
    }
  `,
})
export class QueuePaneComponent {
  protected readonly store = inject(QueueStore);
  private readonly agent = inject(AgentStore);
  protected readonly tabs = TABS;
  /** The "every team" option (mat-select shows nothing for a null value). */
  protected readonly ALL = '*';

  readonly selectedId = input<string | null>(null);
  readonly lang = input('');
  readonly select = output<QueueItemDto>();

  /** Every team, mine first (marked). */
  protected readonly teams = computed(() => {
    const mine = new Set((this.agent.me()?.teams ?? []).map((t) => t.id));
    return this.store
      .teams()
      .map((t) => ({ id: t.id, name: t.name, mine: mine.has(t.id) }))
      .sort((a, b) => Number(b.mine) - Number(a.mine) || a.name.localeCompare(b.name));
  });
  protected readonly selectedTeamName = computed(() => {
    const id = this.store.teamId();
    return id ? (this.store.teams().find((t) => t.id === id)?.name ?? '') : '';
  });
}
