import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { Clipboard } from '@angular/cdk/clipboard';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';

/** The inbox id and its signing secret: masked, with reveal, copy and (for managers) rotate. */
@Component({
  selector: 'kefu-inbox-credentials',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl>
      <dt>{{ 'inbox.credentials.id' | transloco }}</dt>
      <dd>
        <code data-testid="inbox-id">{{ inboxId() }}</code>
        <button
          mat-icon-button
          type="button"
          (click)="copy(inboxId())"
          [matTooltip]="'common.copy' | transloco"
        >
          <mat-icon svgIcon="content_copy" />
        </button>
      </dd>

      <dt>{{ 'inbox.credentials.secret' | transloco }}</dt>
      <dd>
        @if (secret(); as s) {
          <code class="secret" data-testid="inbox-secret">{{ revealed() ? s : mask }}</code>
          <button
            mat-icon-button
            type="button"
            (click)="toggleReveal()"
            [matTooltip]="(revealed() ? 'inbox.credentials.hide' : 'inbox.credentials.reveal') | transloco"
            data-testid="reveal-secret"
          >
            <mat-icon [svgIcon]="revealed() ? 'visibility_off' : 'visibility'" />
          </button>
          <button mat-icon-button type="button" (click)="copy(s)" [matTooltip]="'common.copy' | transloco">
            <mat-icon svgIcon="content_copy" />
          </button>
          @if (canRotate()) {
            <button
              mat-stroked-button
              type="button"
              class="rotate"
              (click)="rotate.emit()"
              [disabled]="rotating()"
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
    <p class="hint">{{ 'inbox.credentials.hint' | transloco }}</p>
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
      gap: 4px;
      min-width: 0;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      background: var(--mat-sys-surface-container-high);
      padding: 4px 8px;
      border-radius: 6px;
      overflow-wrap: anywhere;
    }
    .rotate {
      margin-left: 8px;
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
  /** Absent for users without `inboxes.manage`. */
  readonly secret = input<string | undefined>(undefined);
  readonly canRotate = input(false);
  readonly rotating = input(false);
  /** Two-way: whether the secret is shown in clear (the page also uses it for the code sample). */
  readonly revealed = signal(false);
  readonly revealedChange = output<boolean>();
  readonly rotate = output<void>();

  protected readonly mask = '•'.repeat(24);

  /** Shows the secret in clear, e.g. right after it was rotated. */
  reveal(): void {
    this.revealed.set(true);
    this.revealedChange.emit(true);
  }

  protected toggleReveal(): void {
    this.revealed.update((v) => !v);
    this.revealedChange.emit(this.revealed());
  }

  protected copy(text: string): void {
    const ok = this.clipboard.copy(text);
    this.snackBar.open(this.transloco.translate(ok ? 'common.copied' : 'common.copyFailed'), undefined, {
      duration: 2000,
    });
  }
}
