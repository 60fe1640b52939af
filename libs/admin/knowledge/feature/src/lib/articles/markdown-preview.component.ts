import { ChangeDetectionStrategy, Component, computed, input, ViewEncapsulation } from '@angular/core';
import { marked } from 'marked';

/**
 * Markdown rendered as the shopper would see it. Angular sanitises [innerHTML], so scripts and event
 * handlers in the source are dropped; links and images stay.
 */
@Component({
  selector: 'kb-markdown-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The rendered HTML carries no component attributes: style it globally, scoped by the element name.
  encapsulation: ViewEncapsulation.None,
  template: `<div class="markdown" [attr.lang]="locale()" [innerHTML]="html()"></div>`,
  styles: `
    kb-markdown-preview {
      display: block;
    }
    kb-markdown-preview .markdown {
      font: var(--mat-sys-body-medium);
      line-height: 1.6;
      overflow-wrap: anywhere;
    }
    kb-markdown-preview .markdown > :first-child {
      margin-top: 0;
    }
    kb-markdown-preview .markdown :is(h1, h2, h3, h4) {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
    kb-markdown-preview .markdown img {
      max-width: 100%;
      height: auto;
      border-radius: 4px;
    }
    kb-markdown-preview .markdown table {
      border-collapse: collapse;
    }
    kb-markdown-preview .markdown :is(td, th) {
      border: 1px solid var(--mat-sys-outline-variant);
      padding: 4px 8px;
    }
    kb-markdown-preview .markdown code {
      background: var(--mat-sys-surface-container-highest);
      padding: 1px 4px;
      border-radius: 4px;
    }
    kb-markdown-preview .markdown blockquote {
      margin: 8px 0;
      padding-left: 12px;
      border-left: 3px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MarkdownPreviewComponent {
  readonly source = input('');
  readonly locale = input<string | null>(null);

  protected readonly html = computed(() =>
    marked.parse(this.source(), { async: false, gfm: true, breaks: true }),
  );
}
