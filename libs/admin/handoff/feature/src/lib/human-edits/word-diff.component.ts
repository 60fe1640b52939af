import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { wordDiff } from '@kefu/admin/handoff/data-access';

/** The suggested reply and the agent's version as one text: removed words struck through, added ones marked. */
@Component({
  selector: 'kefu-word-diff',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="diff" data-testid="word-diff">
      @for (s of segments(); track $index) {
        @switch (s.kind) {
          @case ('added') {
            <ins [attr.title]="'humanEdits.diff.added' | transloco">{{ s.text }}</ins>
          }
          @case ('removed') {
            <del [attr.title]="'humanEdits.diff.removed' | transloco">{{ s.text }}</del>
          }
          @default {
            <span>{{ s.text }}</span>
          }
        }
      }
    </p>
  `,
  styles: `
    .diff {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
      line-height: 1.6;
    }
    ins {
      text-decoration: none;
      background: #d7f5dd;
      color: #0f5323;
      border-radius: 3px;
      padding: 0 1px;
    }
    del + ins,
    ins + del {
      margin-left: 3px;
    }
    del {
      background: #fde2e1;
      color: #8c1d18;
      border-radius: 3px;
      padding: 0 1px;
    }
  `,
})
export class WordDiffComponent {
  readonly before = input.required<string>();
  readonly after = input.required<string>();
  protected readonly segments = computed(() => wordDiff(this.before(), this.after()));
}
