import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { HandoffAgentDto, TeamsApiService } from '@kefu/admin/handoff/data-access';
import { confirmAction, EmptyStateComponent, PageHeaderComponent } from '@kefu/admin/ui';
import { Permission, TeamDto } from '@kefu/shared/contracts';
import { forkJoin, of, catchError } from 'rxjs';
import { TeamDialogComponent, TeamDialogData } from './team-dialog.component';
import { hoursSummary } from './hours-summary';

/** `/teams`: the teams conversations are handed to, their members, load, hours and time limits. */
@Component({
  selector: 'kefu-teams-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './teams-page.component.html',
  styleUrl: './teams-page.component.scss',
})
export class TeamsPageComponent {
  private readonly api = inject(TeamsApiService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly teams = signal<TeamDto[]>([]);
  protected readonly agents = signal<HandoffAgentDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.HandoffManage));
  private readonly agentNames = computed(() => new Map(this.agents().map((a) => [a.id, a.name])));

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    forkJoin({
      teams: this.api.list(),
      // The names of leads who are not members; the page works without them.
      agents: this.api.agents().pipe(catchError(() => of([] as HandoffAgentDto[]))),
    }).subscribe({
      next: ({ teams, agents }) => {
        this.teams.set(teams);
        this.agents.set(agents);
        this.loading.set(false);
        this.loaded.set(true);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err).message || this.transloco.translate('errors.generic'));
      },
    });
  }

  protected leadName(team: TeamDto): string | null {
    if (!team.leadUserId) return null;
    return (
      team.members.find((m) => m.userId === team.leadUserId)?.name ??
      this.agentNames().get(team.leadUserId) ??
      null
    );
  }

  protected hours(team: TeamDto): string {
    return hoursSummary(team.businessHours, this.lang(), (k, p) => this.transloco.translate(k, p));
  }

  protected create(): void {
    this.open(null);
  }

  protected edit(team: TeamDto): void {
    this.open(team);
  }

  protected remove(team: TeamDto): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('teams.delete.title'),
      message: this.transloco.translate('teams.delete.message', { name: team.name }),
      confirm: this.transloco.translate('teams.delete.confirm'),
      cancel: this.transloco.translate('common.cancel'),
      danger: true,
    }).subscribe(() =>
      this.api.remove(team.id).subscribe({
        next: () => {
          this.teams.update((list) => list.filter((t) => t.id !== team.id));
          this.notify(this.transloco.translate('teams.deleted', { name: team.name }));
        },
        error: (err: unknown) => {
          const e = toApiError(err);
          this.notify(
            e.statusCode === 409
              ? this.transloco.translate('teams.delete.stillOpen', { name: team.name })
              : e.message || this.transloco.translate('errors.generic'),
            true,
          );
        },
      }),
    );
  }

  private open(team: TeamDto | null): void {
    const open = (agents: HandoffAgentDto[]) =>
      this.dialog
        .open<TeamDialogComponent, TeamDialogData, TeamDto>(TeamDialogComponent, {
          data: { team, agents },
          width: '680px',
          maxWidth: '95vw',
          maxHeight: '90vh',
        })
        .afterClosed()
        .subscribe((saved) => {
          if (!saved) return;
          this.teams.update((list) =>
            team ? list.map((t) => (t.id === saved.id ? saved : t)) : [...list, saved],
          );
          this.notify(this.transloco.translate('teams.saved', { name: saved.name }));
        });
    // Fresh availability and load for the members picker.
    this.api.agents().subscribe({
      next: (agents) => {
        this.agents.set(agents);
        open(agents);
      },
      error: () => open(this.agents()),
    });
  }

  private notify(message: string, error = false): void {
    this.snackBar.open(message, error ? this.transloco.translate('common.dismiss') : undefined, {
      duration: error ? 6000 : 3000,
    });
  }
}
