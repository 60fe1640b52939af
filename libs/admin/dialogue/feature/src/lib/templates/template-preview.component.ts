import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  PreviewSegment,
  previewText,
  renderPreview,
  TemplateTextError,
} from '@kefu/admin/dialogue/data-access';
import { QuickReply } from '@kefu/shared/contracts';

interface PreviewResult {
  segments: PreviewSegment[];
  error: TemplateTextError | null;
}

function render(text: string, locale: string, region: string | null): PreviewResult {
  try {
    return { segments: renderPreview(text, locale, { region }), error: null };
  } catch (e) {
    if (e instanceof TemplateTextError) return { segments: [], error: e };
    throw e;
  }
}

/**
 * How a reply template reads with sample values in place of its variables, as a chat bubble with
 * its quick replies. It says it is a preview: real replies use the shopper's own data.
 */
@Component({
  selector: 'dlg-template-preview',
  imports: [MatIconModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <mat-icon svgIcon="dlg:visibility" />
      <span class="title">{{ 'dialogue.preview.title' | transloco }}</span>
      <span class="tag">{{ 'dialogue.preview.tag' | transloco }}</span>
    </div>
    <div class="chat">
      @if (result().error; as error) {
        <p class="error" data-testid="dlg-preview-error">
          {{ 'dialogue.preview.error' | transloco }}<br />{{
            'dialogue.syntax.' + error.code | transloco: error.params
          }}
        </p>
      } @else if (!text().trim()) {
        <p class="muted">{{ 'dialogue.preview.empty' | transloco }}</p>
      } @else {
        <div class="bubble" [attr.lang]="locale()" data-testid="dlg-preview">
          @for (s of result().segments; track $index) {
            @if (s.variable) {
              <mark [class.missing]="s.missing" [title]="'{' + s.variable + '}'">{{ s.text }}</mark>
            } @else {
              <span>{{ s.text }}</span>
            }
          }
        </div>
        @if (labels().length > 0) {
          <div class="replies">
            @for (label of labels(); track $index) {
              <span class="reply" [attr.lang]="locale()">{{ label }}</span>
            }
          </div>
        }
      }
    </div>
    @if (samples().length > 0) {
      <div class="samples">
        <span class="label">{{ 'dialogue.preview.samples' | transloco }}</span>
        <dl>
          @for (s of samples(); track s.name) {
            <div class="sample">
              <dt>
                <code>{{ '{' + s.name + '}' }}</code>
              </dt>
              <dd [class.muted]="s.missing">
                {{ s.missing ? ('dialogue.preview.noSample' | transloco) : s.value }}
              </dd>
            </div>
          }
        </dl>
      </div>
    }
    <p class="note">{{ 'dialogue.preview.note' | transloco }}</p>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }
    .head {
      display: flex;
      align-items: center;
      gap: 6px;
      mat-icon {
        width: 18px;
        height: 18px;
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .title {
      font: var(--mat-sys-label-large);
    }
    .tag {
      margin-left: auto;
      padding: 0 8px;
      border-radius: 999px;
      background: #ffe1b3;
      color: #5b3a00;
      font: var(--mat-sys-label-small);
      line-height: 20px;
    }
    .chat {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 8px;
      min-height: 72px;
      padding: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-lowest);
    }
    .bubble {
      max-width: 100%;
      padding: 8px 12px;
      border-radius: 4px 14px 14px 14px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-body-medium);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    mark {
      padding: 0 2px;
      border-radius: 3px;
      background: color-mix(in srgb, var(--mat-sys-primary) 16%, transparent);
      color: inherit;
      font-weight: 500;
    }
    mark.missing {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
    }
    .replies {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .reply {
      padding: 2px 12px;
      border: 1px solid var(--mat-sys-primary);
      border-radius: 999px;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-medium);
      line-height: 22px;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .samples {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .label {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 2px 12px;
      margin: 0;
      font: var(--mat-sys-body-small);
    }
    .sample {
      display: contents;
    }
    dt code {
      font-size: 12px;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .muted {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .note {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TemplatePreviewComponent {
  readonly text = input.required<string>();
  /** The template's locale (zh-CN, en, ja): the samples' language and formats. */
  readonly locale = input.required<string>();
  readonly region = input<string | null>(null);
  readonly quickReplies = input<QuickReply[]>([]);

  protected readonly result = computed(() => render(this.text(), this.locale(), this.region()));
  /** Each variable once, with the value the preview put in. */
  protected readonly samples = computed(() => {
    const seen = new Map<string, { name: string; value: string; missing: boolean }>();
    for (const s of this.result().segments) {
      if (s.variable && !seen.has(s.variable)) {
        seen.set(s.variable, { name: s.variable, value: s.text, missing: !!s.missing });
      }
    }
    return [...seen.values()];
  });
  /** Quick reply labels, with variables filled in too (the bot renders them like the text). */
  protected readonly labels = computed(() =>
    this.quickReplies()
      .map((q) => q.label.trim())
      .filter(Boolean)
      .map((label) => {
        const r = render(label, this.locale(), this.region());
        return r.error ? label : previewText(r.segments);
      }),
  );
}
