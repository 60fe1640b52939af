import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { CHANNEL_ICONS, InboxesService, inboxStatus } from '@kefu/admin/inboxes/data-access';
import { EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { InboxDto, Permission } from '@kefu/shared/contracts';
import { CreateInboxDialogComponent } from './create-inbox-dialog.component';

@Component({
  selector: 'kefu-inbox-list-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-page-header [title]="'inboxes.title' | transloco" [subtitle]="'inboxes.subtitle' | transloco">
      @if (canManage() && inboxes().length > 0) {
        <button mat-flat-button (click)="create()" data-testid="new-inbox">
          <mat-icon svgIcon="add" />
          {{ 'inboxes.new' | transloco }}
        </button>
      }
    </kefu-page-header>

    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error(); as message) {
      <div class="banner" role="alert">
        <mat-icon svgIcon="error" />
        <span>{{ message }}</span>
        <button mat-button (click)="load()">{{ 'common.retry' | transloco }}</button>
      </div>
    }

    @if (!loading() && !error() && inboxes().length === 0) {
      <mat-card appearance="outlined">
        <kefu-empty-state icon="inbox" [title]="'inboxes.empty.title' | transloco">
          <p>{{ 'inboxes.empty.body' | transloco }}</p>
          @if (canManage()) {
            <button mat-flat-button (click)="create()" data-testid="new-inbox">
              <mat-icon svgIcon="add" />
              {{ 'inboxes.new' | transloco }}
            </button>
          } @else {
            <p>{{ 'inboxes.empty.askAdmin' | transloco }}</p>
          }
        </kefu-empty-state>
      </mat-card>
    } @else if (inboxes().length > 0) {
      <mat-card appearance="outlined" class="table-card">
        <table mat-table [dataSource]="inboxes()" [trackBy]="trackById">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ 'inbox.fields.name' | transloco }}</th>
            <td mat-cell *matCellDef="let inbox">
              <a class="name" [routerLink]="['/inboxes', inbox.id]">{{ inbox.name }}</a>
            </td>
          </ng-container>
          <ng-container matColumnDef="channel">
            <th mat-header-cell *matHeaderCellDef>{{ 'inboxes.columns.channel' | transloco }}</th>
            <td mat-cell *matCellDef="let inbox">
              <span class="channel" [attr.data-channel]="inbox.channel" data-testid="inbox-channel">
                <mat-icon [svgIcon]="icon(inbox)" />
                {{ 'channel.' + inbox.channel | transloco }}
              </span>
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>{{ 'inboxes.columns.status' | transloco }}</th>
            <td mat-cell *matCellDef="let inbox" class="status" data-testid="inbox-status">
              @let st = status(inbox);
              @if (st.key) {
                <span>{{ st.key | transloco: st.params }}</span>
              }
              @if (st.detail) {
                <span class="detail">{{ st.detail }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="features">
            <th mat-header-cell *matHeaderCellDef>{{ 'inboxes.columns.autoReplies' | transloco }}</th>
            <td mat-cell *matCellDef="let inbox">{{ autoReplies(inbox) }}</td>
          </ng-container>
          <ng-container matColumnDef="createdAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'inboxes.columns.created' | transloco }}</th>
            <td mat-cell *matCellDef="let inbox">{{ inbox.createdAt | kefuDate: lang() : 'smart' }}</td>
          </ng-container>
          <ng-container matColumnDef="open">
            <th mat-header-cell *matHeaderCellDef></th>
            <td mat-cell *matCellDef="let inbox" class="chevron"><mat-icon svgIcon="chevron_right" /></td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr
            mat-row
            *matRowDef="let inbox; columns: columns"
            class="row"
            (click)="open(inbox)"
            data-testid="inbox-row"
          ></tr>
        </table>
      </mat-card>
    }
  `,
  styles: `
    :host {
      display: block;
      max-width: 1100px;
    }
    .table-card {
      overflow: hidden;
    }
    table {
      background: transparent;
    }
    .row {
      cursor: pointer;
    }
    .row:hover {
      background: var(--mat-sys-surface-container-high);
    }
    .name {
      color: var(--mat-sys-primary);
      font-weight: 500;
      text-decoration: none;
    }
    .channel {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      white-space: nowrap;
      mat-icon {
        width: 20px;
        height: 20px;
        color: var(--mat-sys-primary);
      }
    }
    .status {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
      max-width: 340px;
    }
    .detail {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
    }
    .status span + .detail {
      margin-left: 6px;
    }
    .chevron {
      width: 40px;
      color: var(--mat-sys-on-surface-variant);
    }
    .banner {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 12px 16px;
      border-radius: 8px;
      margin-bottom: 16px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class InboxListPageComponent {
  private readonly service = inject(InboxesService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.InboxesManage));
  protected readonly inboxes = signal<InboxDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly columns = ['name', 'channel', 'status', 'features', 'createdAt', 'open'];
  protected readonly icon = (inbox: InboxDto) => CHANNEL_ICONS[inbox.channel];
  protected readonly status = inboxStatus;
  protected readonly trackById = (_: number, inbox: InboxDto) => inbox.id;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.service.list().subscribe({
      next: (list) => {
        this.inboxes.set(list);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err).message || this.transloco.translate('errors.generic'));
      },
    });
  }

  protected autoReplies(inbox: InboxDto): string {
    this.lang();
    const on: string[] = [];
    if (inbox.greetingEnabled) on.push(this.transloco.translate('inbox.greeting.title'));
    if (inbox.awayEnabled) on.push(this.transloco.translate('inbox.away.title'));
    return on.length ? on.join(', ') : '—';
  }

  protected open(inbox: InboxDto): void {
    void this.router.navigate(['/inboxes', inbox.id]);
  }

  protected create(): void {
    this.dialog
      .open<CreateInboxDialogComponent, void, InboxDto>(CreateInboxDialogComponent, {
        width: '680px',
        maxWidth: '95vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((inbox) => {
        if (inbox) void this.router.navigate(['/inboxes', inbox.id]);
      });
  }
}
