import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import type { TransferInput } from '@kefu/admin/workspace/data-access';
import type { TeamDto } from '@kefu/shared/contracts';

export interface TransferDialogData {
  teams: TeamDto[];
  currentTeamId: string | null;
}

/** Transfer to a team (and optionally one of its members) with a note for them. Closes with a TransferInput. */
@Component({
  selector: 'kefu-transfer-dialog',
  imports: [FormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'workspace.transfer.title' | transloco }}</h2>
    <mat-dialog-content class="form">
      <mat-form-field>
        <mat-label>{{ 'workspace.transfer.team' | transloco }}</mat-label>
        <mat-select [ngModel]="teamId()" (ngModelChange)="teamId.set($event); userId.set(null)" required data-testid="transfer-team">
          @for (t of data.teams; track t.id) {
            <mat-option [value]="t.id">{{ t.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'workspace.transfer.member' | transloco }}</mat-label>
        <mat-select [ngModel]="userId()" (ngModelChange)="userId.set($event)" [disabled]="!teamId()">
          <mat-option [value]="null">{{ 'workspace.transfer.anyMember' | transloco }}</mat-option>
          @for (m of members(); track m.userId) {
            <mat-option [value]="m.userId">
              {{ m.name }} · {{ 'workspace.availability.' + m.availability | transloco }} · {{ 'workspace.transfer.load' | transloco: { load: m.load, capacity: m.capacity } }}
            </mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'workspace.transfer.note' | transloco }}</mat-label>
        <textarea matInput rows="3" maxlength="4000" [ngModel]="note()" (ngModelChange)="note.set($event)"></textarea>
        <mat-hint>{{ 'workspace.transfer.noteHint' | transloco }}</mat-hint>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button [disabled]="!teamId()" [mat-dialog-close]="result()">{{ 'workspace.transfer.submit' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(420px, 80vw);
    }
  `,
})
export class TransferDialogComponent {
  protected readonly data = inject<TransferDialogData>(MAT_DIALOG_DATA);
  protected readonly teamId = signal<string | null>(
    this.data.teams.find((t) => t.id !== this.data.currentTeamId)?.id ?? this.data.currentTeamId,
  );
  protected readonly userId = signal<string | null>(null);
  protected readonly note = signal('');
  protected readonly members = computed(() => this.data.teams.find((t) => t.id === this.teamId())?.members ?? []);
  protected readonly result = computed<TransferInput | null>(() => {
    const teamId = this.teamId();
    return teamId ? { teamId, userId: this.userId(), note: this.note().trim() } : null;
  });
}
