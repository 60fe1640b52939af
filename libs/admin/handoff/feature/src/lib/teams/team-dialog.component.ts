import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { HandoffAgentDto, TeamsApiService } from '@kefu/admin/handoff/data-access';
import { ASSIGNMENT_STRATEGIES, TeamDto } from '@kefu/shared/contracts';
import { startWith } from 'rxjs';
import { BusinessHoursEditorComponent } from './business-hours-editor.component';
import { createTeamForm, memberForm, patchTeamForm, toTeamInput } from './team-form';

export interface TeamDialogData {
  team: TeamDto | null;
  agents: HandoffAgentDto[];
}

/** Creates or edits a team: name, assignment, members with capacity, lead, time limit and business hours. */
@Component({
  selector: 'kefu-team-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatDividerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    TranslocoPipe,
    BusinessHoursEditorComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './team-dialog.component.html',
  styleUrl: './team-dialog.component.scss',
})
export class TeamDialogComponent {
  private readonly api = inject(TeamsApiService);
  private readonly ref = inject<MatDialogRef<TeamDialogComponent, TeamDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);
  protected readonly data = inject<TeamDialogData>(MAT_DIALOG_DATA);

  protected readonly form = createTeamForm();
  protected readonly strategies = ASSIGNMENT_STRATEGIES;
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  private readonly memberIds = toSignal(
    this.form.controls.members.valueChanges.pipe(startWith(null)),
  );
  private readonly agentsById = new Map(this.data.agents.map((a) => [a.id, a]));
  /** Staff not yet in the team, for the "add a member" select. */
  protected readonly addable = computed(() => {
    this.memberIds();
    const inTeam = new Set(this.form.controls.members.getRawValue().map((m) => m.userId));
    return this.data.agents.filter((a) => !inTeam.has(a.id));
  });

  constructor() {
    if (this.data.team) patchTeamForm(this.form, this.data.team);
  }

  protected agent(id: string): HandoffAgentDto | undefined {
    return this.agentsById.get(id);
  }

  /** Names of members the agents list does not know (e.g. a deactivated user) come from the team itself. */
  protected memberName(id: string): string {
    return this.agent(id)?.name ?? this.data.team?.members.find((m) => m.userId === id)?.name ?? id;
  }

  protected addMember(userId: string | null): void {
    if (!userId) return;
    this.form.controls.members.push(memberForm(userId));
    this.form.markAsDirty();
  }

  protected removeMember(index: number): void {
    this.form.controls.members.removeAt(index);
    this.form.markAsDirty();
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    const input = toTeamInput(this.form);
    const call = this.data.team ? this.api.update(this.data.team.id, input) : this.api.create(input);
    call.subscribe({
      next: (team) => this.ref.close(team),
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        const issues = (e.issues ?? []).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
        this.error.set([e.message || this.transloco.translate('errors.generic'), ...issues].join(' — '));
      },
    });
  }
}
