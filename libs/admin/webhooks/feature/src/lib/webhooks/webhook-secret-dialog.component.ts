import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';

export interface WebhookSecretDialogData {
  name: string;
  secret: string;
  /** true right after creating the webhook, false after rotating its secret. */
  created: boolean;
}

/**
 * The signing secret, the one time the server shows it: copy it now. Afterwards the admin only sees its
 * masked hint; a lost secret is replaced by rotating it.
 */
@Component({
  selector: 'kefu-webhook-secret-dialog',
  imports: [MatButtonModule, MatDialogModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>
      {{
        (data.created ? 'webhooks.secret.createdTitle' : 'webhooks.secret.rotatedTitle')
          | transloco: { name: data.name }
      }}
    </h2>
    <mat-dialog-content>
      <p>{{ 'webhooks.secret.intro' | transloco }}</p>
      <div class="secret">
        <code data-testid="wh-secret">{{ data.secret }}</code>
        <button
          mat-icon-button
          type="button"
          (click)="copy()"
          [matTooltip]="'common.copy' | transloco"
          data-testid="wh-secret-copy"
        >
          <mat-icon svgIcon="content_copy" />
        </button>
      </div>
      <p class="warning" role="note">
        <mat-icon svgIcon="wh:warning" />
        <span>{{ 'webhooks.secret.once' | transloco }}</span>
      </p>
      <p class="how">{{ 'webhooks.secret.how' | transloco }}</p>
      <pre><code>X-Kefu-Signature: sha256=HMAC_SHA256(secret, X-Kefu-Timestamp + "." + raw body)</code></pre>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button mat-dialog-close data-testid="wh-secret-done">
        {{ (copied() ? 'webhooks.secret.done' : 'webhooks.secret.doneWithoutCopy') | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .secret {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 8px 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 13px;
      overflow-wrap: anywhere;
    }
    .secret code {
      flex: 1;
    }
    .warning {
      display: flex;
      align-items: center;
      gap: 8px;
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
      padding: 8px 12px;
      border-radius: 8px;
      mat-icon {
        flex: none;
      }
    }
    .how {
      margin: 12px 0 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    pre {
      margin: 0;
      white-space: pre-wrap;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class WebhookSecretDialogComponent {
  private readonly clipboard = inject(Clipboard);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  protected readonly data = inject<WebhookSecretDialogData>(MAT_DIALOG_DATA);
  protected readonly copied = signal(false);

  protected copy(): void {
    const ok = this.clipboard.copy(this.data.secret);
    this.copied.update((c) => c || ok);
    this.snackBar.open(this.transloco.translate(ok ? 'common.copied' : 'common.copyFailed'), undefined, {
      duration: 2000,
    });
  }
}
