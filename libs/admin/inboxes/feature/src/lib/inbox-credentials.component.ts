import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ChannelType } from '@kefu/shared/contracts';
import { copyWithFeedback } from './code-block.component';

/**
 * The inbox id and its signing secret as it can be seen after the answer that created it: only the
 * last characters (`••••••••ab12`), with a rotate button for managers, which shows a new one once.
 */
@Component({
  selector: 'kefu-inbox-credentials',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl>
      <dt>
        {{ (channel() === 'widget' ? 'inbox.credentials.widgetId' : 'inbox.credentials.id') | transloco }}
      </dt>
      <dd>
        <code data-testid="inbox-id">{{ inboxId() }}</code>
        <button
          mat-icon-button
          type="button"
          (click)="copy(inboxId())"
          [matTooltip]="'common.copy' | transloco"
          [attr.aria-label]="'common.copy' | transloco"
        >
          <mat-icon svgIcon="content_copy" />
        </button>
      </dd>

      <dt>{{ 'inbox.credentials.secret' | transloco }}</dt>
      <dd>
        @if (secretHint(); as hint) {
          <code class="secret" data-testid="inbox-secret-hint">{{ hint }}</code>
          <span class="muted">{{ 'inbox.credentials.hintOnly' | transloco }}</span>
          @if (canRotate()) {
            <button
              mat-stroked-button
              type="button"
              class="rotate"
              (click)="rotate.emit()"
              [disabled]="rotating()"
              data-testid="rotate-secret"
            >
              <mat-icon svgIcon="refresh" />
              {{ 'inbox.credentials.rotate' | transloco }}
            </button>
          }
        } @else {
          <span class="muted">{{ 'inbox.credentials.secretHidden' | transloco }}</span>
        }
      </dd>
    </dl>
    <p class="hint">{{ 'inbox.credentials.hint.' + channel() | transloco }}</p>
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      align-items: center;
      gap: 4px 24px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      min-width: 0;
      min-height: 40px;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      background: var(--mat-sys-surface-container-high);
      padding: 4px 8px;
      border-radius: 6px;
      overflow-wrap: anywhere;
    }
    .muted,
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .hint {
      margin: 12px 0 0;
    }
  `,
})
export class InboxCredentialsComponent {
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  readonly inboxId = input.required<string>();
  readonly channel = input.required<ChannelType>();
  /** `••••••••ab12`; absent for users without `inboxes.manage`. */
  readonly secretHint = input<string | undefined>(undefined);
  readonly canRotate = input(false);
  readonly rotating = input(false);
  readonly rotate = output<void>();

  protected copy(text: string): void {
    copyWithFeedback(this.clipboard, this.snackBar, this.transloco, text);
  }
}
