import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';

/** Copies text to the clipboard and says whether it worked. */
export function copyWithFeedback(
  clipboard: Clipboard,
  snackBar: MatSnackBar,
  transloco: TranslocoService,
  text: string,
): void {
  const ok = clipboard.copy(text);
  snackBar.open(transloco.translate(ok ? 'common.copied' : 'common.copyFailed'), undefined, {
    duration: 2000,
  });
}

/** A block of code (dark, monospaced, scrolls sideways) with a copy button; or one line when `inline`. */
@Component({
  selector: 'kefu-code-block',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="code" [class.inline]="inline()">
      <pre [attr.data-testid]="testId()"><code>{{ code() }}</code></pre>
      <button
        mat-icon-button
        class="copy"
        type="button"
        (click)="copy()"
        [matTooltip]="'common.copy' | transloco"
        [attr.aria-label]="'common.copy' | transloco"
        [attr.data-testid]="testId() ? testId() + '-copy' : null"
      >
        <mat-icon svgIcon="content_copy" />
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .code {
      position: relative;
    }
    .copy {
      position: absolute;
      top: 4px;
      right: 4px;
      color: #e3e3e3;
    }
    pre {
      margin: 0;
      padding: 16px 52px 16px 16px;
      background: #1e1f24;
      color: #e3e3e3;
      border-radius: 8px;
      overflow-x: auto;
      line-height: 1.5;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
    }
    .inline pre {
      padding: 10px 52px 10px 12px;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .inline .copy {
      top: 50%;
      transform: translateY(-50%);
    }
  `,
})
export class CodeBlockComponent {
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly code = input.required<string>();
  /** One wrapped line (a URL, a tag) rather than a scrolling block. */
  readonly inline = input(false);
  readonly testId = input<string | null>(null);

  protected copy(): void {
    copyWithFeedback(this.clipboard, this.snackBar, this.transloco, this.code());
  }
}
