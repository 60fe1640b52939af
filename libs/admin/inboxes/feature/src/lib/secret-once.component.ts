import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { ChannelType, type InboxDto } from '@kefu/shared/contracts';
import { CodeBlockComponent } from './code-block.component';

/** Credentials worth showing in full once: the ones the admin must paste elsewhere. */
const SHOWN_ONCE: Partial<Record<ChannelType, string[]>> = {
  [ChannelType.Wechat]: ['token', 'encodingAESKey'],
};

/**
 * The answer that created or rotated an inbox's secret, shown once: the secret in full with copy
 * buttons (and WeChat's token and key), and a plain warning that it will not be shown again.
 */
@Component({
  selector: 'kefu-secret-once',
  imports: [MatButtonModule, MatIconModule, TranslocoPipe, CodeBlockComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="panel" role="alert" data-testid="secret-once">
      <div class="head">
        <mat-icon svgIcon="inbox-warning" />
        <div>
          <strong>{{ 'inbox.secretOnce.title' | transloco }}</strong>
          <p>{{ 'inbox.secretOnce.body' | transloco }}</p>
        </div>
      </div>
      <dl>
        <dt>{{ 'inbox.credentials.secret' | transloco }}</dt>
        <dd><kefu-code-block [code]="inbox().secret ?? ''" [inline]="true" testId="inbox-secret-once" /></dd>
        @for (c of shown(); track c.name) {
          <dt>{{ c.name === 'token' ? 'Token' : 'EncodingAESKey' }}</dt>
          <dd><kefu-code-block [code]="c.value" [inline]="true" [testId]="'credential-once-' + c.name" /></dd>
        }
      </dl>
      <p class="use">{{ 'inbox.secretOnce.use.' + inbox().channel | transloco }}</p>
      @if (dismissible()) {
        <div class="actions">
          <button mat-flat-button type="button" (click)="dismissed.emit()" data-testid="secret-once-done">
            {{ 'inbox.secretOnce.done' | transloco }}
          </button>
        </div>
      }
    </div>
  `,
  styles: `
    .panel {
      border: 1px solid var(--mat-sys-tertiary);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border-radius: 12px;
      padding: 16px;
    }
    .head {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      p {
        margin: 4px 0 0;
        font: var(--mat-sys-body-medium);
      }
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 8px 16px;
      align-items: center;
      margin: 16px 0 0;
    }
    dt {
      font: var(--mat-sys-label-large);
    }
    dd {
      margin: 0;
      min-width: 0;
    }
    .use {
      margin: 12px 0 0;
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-top: 12px;
    }
  `,
})
export class SecretOnceComponent {
  /** The answer of create or rotate: the only one with `secret` in full. */
  readonly inbox = input.required<InboxDto>();
  readonly dismissible = input(true);
  readonly dismissed = output<void>();

  protected readonly shown = computed(() => {
    const inbox = this.inbox();
    return (SHOWN_ONCE[inbox.channel] ?? [])
      .map((name) => ({ name, value: inbox.credentials?.[name] ?? '' }))
      .filter((c) => c.value && !c.value.startsWith('••'));
  });
}
