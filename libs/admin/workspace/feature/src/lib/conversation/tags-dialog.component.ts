import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipInputEvent, MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { addTags, MAX_TAGS } from '@kefu/admin/workspace/data-access';

/** Edits a conversation's tags. Closes with the new list. */
@Component({
  selector: 'kefu-tags-dialog',
  imports: [MatButtonModule, MatChipsModule, MatDialogModule, MatFormFieldModule, MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'workspace.tags.title' | transloco }}</h2>
    <mat-dialog-content>
      <mat-form-field class="field">
        <mat-label>{{ 'workspace.tags.label' | transloco }}</mat-label>
        <mat-chip-grid #grid>
          @for (t of tags(); track t) {
            <mat-chip-row (removed)="remove(t)">
              {{ t }}
              <button matChipRemove [attr.aria-label]="'workspace.tags.remove' | transloco: { tag: t }">
                <mat-icon svgIcon="ws:close" />
              </button>
            </mat-chip-row>
          }
          <input
            [matChipInputFor]="grid"
            [matChipInputSeparatorKeyCodes]="separators"
            [matChipInputAddOnBlur]="true"
            (matChipInputTokenEnd)="add($event)"
            data-testid="tag-input"
          />
        </mat-chip-grid>
        <mat-hint>{{ 'workspace.tags.hint' | transloco: { max: max } }}</mat-hint>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button [mat-dialog-close]="tags()">{{ 'common.save' | transloco }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .field {
      width: min(440px, 80vw);
    }
  `,
})
export class TagsDialogComponent {
  protected readonly tags = signal<string[]>([...inject<string[]>(MAT_DIALOG_DATA)]);
  protected readonly separators = [13, 188];
  protected readonly max = MAX_TAGS;

  protected add(e: MatChipInputEvent): void {
    this.tags.update((list) => addTags(list, e.value));
    e.chipInput.clear();
  }

  protected remove(tag: string): void {
    this.tags.update((list) => list.filter((t) => t !== tag));
  }
}
