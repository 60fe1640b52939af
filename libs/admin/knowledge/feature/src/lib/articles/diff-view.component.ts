import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { DiffPartDto, KnowledgeDiffDto } from '@kefu/shared/contracts';

/** Fields diffed as text: line by line (lists, answer) or character by character (title). */
const TEXT_FIELDS = new Set(['title', 'questions', 'answer', 'regions', 'productIds', 'categoryIds', 'tags']);

/** A field-by-field diff: removed text struck through in red, added text in green. */
@Component({
  selector: 'kb-diff-view',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (f of diff().fields; track f.field) {
      <section class="field" [attr.data-field]="f.field">
        <h4>{{ 'knowledge.fields.' + f.field | transloco }}</h4>
        @if (isScalar(f.field)) {
          <p class="scalar">
            @for (p of f.parts; track $index; let last = $last) {
              @if (p.removed) {
                <del>{{ scalar(f.field, p.value) }}</del>
              } @else {
                <ins>{{ scalar(f.field, p.value) }}</ins>
              }
              @if (!last) {
                <span class="arrow" aria-hidden="true">→</span>
              }
            } @empty {
              —
            }
          </p>
        } @else if (f.field === 'title') {
          <pre
            class="parts"
            [attr.lang]="locale()"
          >@for (p of f.parts; track $index) {@if (p.added) {<ins>{{ p.value }}</ins>} @else if (p.removed) {<del>{{ p.value }}</del>} @else {<span>{{ p.value }}</span>}}</pre>
        } @else {
          <div class="parts lines" [attr.lang]="locale()">
            @for (l of linesOf(f.parts); track $index) {
              <div class="line" [class.added]="l.kind === '+'" [class.removed]="l.kind === '-'">
                <span class="sign" aria-hidden="true">{{ l.kind === '-' ? '−' : l.kind }}</span>
                @if (l.kind === '+') {
                  <ins>{{ l.text }}</ins>
                } @else if (l.kind === '-') {
                  <del>{{ l.text }}</del>
                } @else {
                  <span>{{ l.text }}</span>
                }
              </div>
            }
          </div>
        }
      </section>
    } @empty {
      <p class="same">{{ 'knowledge.history.noDifferences' | transloco }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .field + .field {
      margin-top: 16px;
    }
    h4 {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 6px;
    }
    .parts {
      margin: 0;
      padding: 10px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
      border: 1px solid var(--mat-sys-outline-variant);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
      line-height: 1.6;
    }
    .lines {
      padding: 6px 0;
    }
    .line {
      display: flex;
      gap: 8px;
      padding: 0 12px;
      white-space: pre-wrap;
    }
    .line.added {
      background: #d3f5dc;
    }
    .line.removed {
      background: #ffdad6;
    }
    .line .sign {
      flex: none;
      width: 10px;
      color: var(--mat-sys-on-surface-variant);
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .line :is(ins, del, span:not(.sign)) {
      flex: 1;
      min-width: 0;
    }
    ins {
      background: #d3f5dc;
      color: #0b4a1f;
      text-decoration: none;
    }
    del {
      background: #ffdad6;
      color: #93000a;
    }
    .scalar {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
    }
    .scalar :is(ins, del) {
      padding: 2px 8px;
      border-radius: 4px;
    }
    .arrow {
      color: var(--mat-sys-on-surface-variant);
    }
    .same {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class DiffViewComponent {
  private readonly transloco = inject(TranslocoService);

  readonly diff = input.required<KnowledgeDiffDto>();
  readonly locale = input<string | null>(null);
  /** The active language, so translated values re-render when it changes. */
  readonly lang = input('');

  /** A line diff's parts split into single lines, each marked added (+), removed (-) or unchanged. */
  protected linesOf(parts: DiffPartDto[]): { kind: '+' | '-' | ' '; text: string }[] {
    return parts.flatMap((p) => {
      const kind = p.added ? '+' : p.removed ? '-' : ' ';
      const text = p.value.endsWith('\n') ? p.value.slice(0, -1) : p.value;
      return text.split('\n').map((line) => ({ kind, text: line }) as const);
    });
  }

  /** Single values (status, locale, external key) are shown as "old → new". */
  protected isScalar(field: string): boolean {
    return !TEXT_FIELDS.has(field);
  }

  protected scalar(field: string, value: string): string {
    this.lang();
    return field === 'status' ? this.transloco.translate(`knowledge.status.${value}`) : value;
  }
}
