import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { ConversationStore, PickedSuggestion } from '@kefu/admin/workspace/data-access';
import type { SuggestionDto } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

type Mode = 'reply' | 'note';

/** Suggested replies and the composer (reply to the shopper, or an internal note). Ctrl/⌘+Enter sends. */
@Component({
  selector: 'kefu-composer',
  imports: [FormsModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatTooltipModule, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (mode() === 'reply' && store.suggestions().length) {
      <div class="suggestions" [attr.aria-label]="'workspace.suggestions.title' | transloco" role="list">
        @for (s of store.suggestions(); track $index) {
          <div class="card" [class.llm]="s.source === 'llm'" role="listitem" data-testid="suggestion" [attr.data-source]="s.source">
            <div class="label">
              <mat-icon [svgIcon]="s.source === 'llm' ? 'ws:auto_awesome' : 'ws:lightbulb'" aria-hidden="true" />
              <span>{{ 'workspace.suggestions.source.' + s.source | transloco }} · {{ s.label }}</span>
            </div>
            @if (s.source === 'llm') {
              <span class="check">{{ 'assist.suggestions.check' | transloco }}</span>
            }
            <p class="text">{{ s.text }}</p>
            <button mat-button (click)="use(s)" [disabled]="!!disabledReason()">{{ 'workspace.suggestions.use' | transloco }}</button>
          </div>
        }
      </div>
    }
    <div class="box" [class.note]="mode() === 'note'">
      <textarea
        [ngModel]="text()"
        (ngModelChange)="text.set($event)"
        (keydown)="onKey($event)"
        [placeholder]="(mode() === 'note' ? 'workspace.composer.notePlaceholder' : 'workspace.composer.replyPlaceholder') | transloco"
        [attr.aria-label]="(mode() === 'note' ? 'workspace.composer.note' : 'workspace.composer.reply') | transloco"
        [disabled]="!!blocked()"
        rows="2"
        maxlength="4000"
        data-testid="composer"
      ></textarea>
      @if (mode() === 'note') {
        <span class="hint">{{ 'workspace.notes.private' | transloco }}</span>
      } @else if (picked()) {
        <span class="hint">{{ 'workspace.suggestions.editing' | transloco }}</span>
      }
      <div class="row">
        <mat-button-toggle-group [value]="mode()" (change)="mode.set($event.value)" hideSingleSelectionIndicator class="modes">
          <mat-button-toggle value="reply" data-testid="mode-reply">{{ 'workspace.composer.reply' | transloco }}</mat-button-toggle>
          <mat-button-toggle value="note" data-testid="mode-note">{{ 'workspace.composer.note' | transloco }}</mat-button-toggle>
        </mat-button-toggle-group>
        <span class="keys">{{ 'workspace.composer.shortcut' | transloco }}</span>
        <span [matTooltip]="blocked() ? (blocked()! | transloco) : ''" [matTooltipDisabled]="!blocked()">
          <button mat-flat-button (click)="send()" [disabled]="!canSend()" data-testid="send">
            <mat-icon [svgIcon]="mode() === 'note' ? 'ws:note' : 'send'" />
            {{ (mode() === 'note' ? 'workspace.composer.addNote' : 'workspace.composer.send') | transloco }}
          </button>
        </span>
      </div>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .suggestions {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      padding-bottom: 2px;
    }
    .card {
      flex: 0 0 min(280px, 80%);
      display: flex;
      flex-direction: column;
      padding: 8px 10px 2px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
    }
    .label {
      display: flex;
      align-items: center;
      gap: 4px;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      mat-icon {
        width: 16px;
        height: 16px;
      }
    }
    .card.llm {
      border-color: #c9a7eb;
      background: #faf5ff;
    }
    .card.llm .label {
      color: #5b2a86;
    }
    .check {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .card .text {
      margin: 4px 0;
      font: var(--mat-sys-body-small);
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .card button {
      align-self: flex-end;
    }
    .box {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 8px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .box.note {
      background: #fff8e1;
      border-color: #e0c46c;
    }
    .modes {
      --mat-standard-button-toggle-height: 32px;
    }
    .hint {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
    textarea {
      resize: vertical;
      min-height: 40px;
      border: 0;
      outline: none;
      background: transparent;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface);
    }
    .row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .keys {
      flex: 1;
      text-align: right;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ComposerComponent {
  protected readonly store = inject(ConversationStore);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  /** A translation key saying why replying is not possible now, or null. */
  readonly disabledReason = input<string | null>(null);

  protected readonly mode = signal<Mode>('reply');
  protected readonly text = signal('');
  protected readonly picked = signal<PickedSuggestion | null>(null);
  /** Why the send button is off in this mode (a translation key), or null. */
  protected readonly blocked = computed(() => (this.mode() === 'reply' ? this.disabledReason() : null));
  protected readonly canSend = computed(() => !!this.text().trim() && !this.store.sending() && !this.blocked());

  protected use(s: SuggestionDto): void {
    this.mode.set('reply');
    this.text.set(s.text);
    this.picked.set({ text: s.text, source: s.source, ref: s.ref });
  }

  protected onKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.send();
    }
  }

  protected send(): void {
    if (!this.canSend()) return;
    const text = this.text().trim();
    const call: Observable<unknown> =
      this.mode() === 'note' ? this.store.addNote(text) : this.store.reply(text, this.picked());
    call.subscribe({
      next: () => {
        this.text.set('');
        this.picked.set(null);
      },
      error: (err: unknown) =>
        this.snackBar.open(
          toApiError(err).message || this.transloco.translate('workspace.composer.sendFailed'),
          this.transloco.translate('common.dismiss'),
          { duration: 6000 },
        ),
    });
  }
}
