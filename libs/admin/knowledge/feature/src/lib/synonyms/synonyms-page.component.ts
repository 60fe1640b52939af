import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { KnowledgeSearchService } from '@kefu/admin/knowledge/data-access';
import { ConfirmDialogData, EmptyStateComponent, LocalizedDatePipe, confirmAction } from '@kefu/admin/ui';
import { Permission, SynonymGroupDto } from '@kefu/shared/contracts';
import { startWith, switchMap } from 'rxjs';
import { errorText, injectLang, KbNumberPipe } from '../knowledge-ui';
import { SynonymDialogComponent } from './synonym-dialog.component';

@Component({
  selector: 'kb-synonyms-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    KbNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <p class="intro">{{ 'knowledge.synonyms.intro' | transloco }}</p>
      @if (canManage()) {
        <button mat-flat-button (click)="edit(null)" data-testid="kb-add-synonyms">
          <mat-icon svgIcon="kb:add" />
          {{ 'knowledge.synonyms.add' | transloco }}
        </button>
      }
    </div>
    @if (groups().length > 0) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="search">
        <mat-icon matPrefix svgIcon="kb:search" />
        <mat-label>{{ 'knowledge.synonyms.search' | transloco }}</mat-label>
        <input matInput [formControl]="search" type="search" />
      </mat-form-field>
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" />
    }
    @if (error(); as message) {
      <div class="banner" role="alert">
        <span>{{ message }}</span>
        <button mat-button (click)="load()">{{ 'common.retry' | transloco }}</button>
      </div>
    }
    @if (groups().length > 0) {
      <mat-card appearance="outlined" class="table-card">
        <table mat-table [dataSource]="shown()">
          <ng-container matColumnDef="terms">
            <th mat-header-cell *matHeaderCellDef>
              {{ 'knowledge.synonyms.terms' | transloco }}
              <span class="muted">({{ groups().length | kbNumber: lang() }})</span>
            </th>
            <td mat-cell *matCellDef="let g">
              <span class="terms" [attr.lang]="g.locale">
                @for (t of g.terms; track t; let last = $last) {
                  <span class="term">{{ t }}</span>
                  @if (!last) {
                    <span class="tilde" aria-hidden="true">~</span>
                  }
                }
              </span>
            </td>
          </ng-container>
          <ng-container matColumnDef="locale">
            <th mat-header-cell *matHeaderCellDef>{{ 'knowledge.fields.locale' | transloco }}</th>
            <td mat-cell *matCellDef="let g">
              {{
                g.locale
                  ? ('knowledge.locales.' + g.locale | transloco)
                  : ('knowledge.synonyms.allLocales' | transloco)
              }}
            </td>
          </ng-container>
          <ng-container matColumnDef="updatedAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'knowledge.synonyms.updated' | transloco }}</th>
            <td mat-cell *matCellDef="let g">{{ g.updatedAt | kefuDate: lang() : 'smart' }}</td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef></th>
            <td mat-cell *matCellDef="let g" class="actions">
              @if (canManage()) {
                <button
                  mat-icon-button
                  (click)="edit(g)"
                  [matTooltip]="'knowledge.synonyms.edit' | transloco"
                  [attr.aria-label]="'knowledge.synonyms.edit' | transloco"
                >
                  <mat-icon svgIcon="kb:edit" />
                </button>
                <button
                  mat-icon-button
                  (click)="remove(g)"
                  [matTooltip]="'knowledge.synonyms.delete.button' | transloco"
                  [attr.aria-label]="'knowledge.synonyms.delete.button' | transloco"
                >
                  <mat-icon svgIcon="kb:delete" />
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let g; columns: columns" data-testid="kb-synonym-row"></tr>
        </table>
        @if (shown().length === 0) {
          <p class="none muted">{{ 'knowledge.synonyms.noMatch' | transloco }}</p>
        }
      </mat-card>
    } @else if (!loading() && !error()) {
      <mat-card appearance="outlined">
        <kefu-empty-state icon="kb:swap_horiz" [title]="'knowledge.synonyms.empty.title' | transloco">
          <p>{{ 'knowledge.synonyms.empty.body' | transloco }}</p>
        </kefu-empty-state>
      </mat-card>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
      margin-bottom: 12px;
    }
    .intro {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      max-width: 760px;
    }
    .search {
      width: 360px;
      max-width: 100%;
      margin-bottom: 12px;
    }
    .table-card {
      overflow: hidden;
    }
    table {
      background: transparent;
    }
    .terms {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 6px;
      padding: 6px 0;
    }
    .term {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      border-radius: 999px;
      padding: 2px 10px;
    }
    .tilde {
      color: var(--mat-sys-outline);
    }
    .actions {
      width: 96px;
      text-align: right;
      white-space: nowrap;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font-weight: normal;
    }
    .none {
      padding: 16px;
      margin: 0;
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
export class SynonymsPageComponent {
  private readonly api = inject(KnowledgeSearchService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = injectLang();
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));
  protected readonly groups = signal<SynonymGroupDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly columns = ['terms', 'locale', 'updatedAt', 'actions'];
  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly query = toSignal(this.search.valueChanges.pipe(startWith('')), { initialValue: '' });
  protected readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    return q ? this.groups().filter((g) => g.terms.some((t) => t.toLowerCase().includes(q))) : this.groups();
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.synonyms().subscribe({
      next: (list) => {
        this.groups.set(list);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(errorText(err, this.transloco));
      },
    });
  }

  protected edit(group: SynonymGroupDto | null): void {
    this.dialog
      .open<SynonymDialogComponent, SynonymGroupDto | null, SynonymGroupDto>(SynonymDialogComponent, {
        data: group,
        width: '560px',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.groups.update((list) =>
          group ? list.map((g) => (g.id === saved.id ? saved : g)) : [saved, ...list],
        );
        this.snackBar.open(this.transloco.translate('knowledge.synonyms.saved'), undefined, {
          duration: 3000,
        });
      });
  }

  protected remove(group: SynonymGroupDto): void {
    const t = (k: string, p?: Record<string, unknown>) => this.transloco.translate(k, p);
    const data: ConfirmDialogData = {
      title: t('knowledge.synonyms.delete.title'),
      message: t('knowledge.synonyms.delete.message', { terms: group.terms.join(' ~ ') }),
      confirm: t('knowledge.synonyms.delete.confirm'),
      cancel: t('common.cancel'),
      danger: true,
    };
    confirmAction(this.dialog, data)
      .pipe(switchMap(() => this.api.removeSynonyms(group.id)))
      .subscribe({
        next: () => this.groups.update((list) => list.filter((g) => g.id !== group.id)),
        error: (err: unknown) =>
          this.snackBar.open(errorText(err, this.transloco), t('common.dismiss'), { duration: 5000 }),
      });
  }
}
