import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { generateEncodingAESKey, generateWechatToken } from '@kefu/admin/inboxes/data-access';
import type { WechatForm } from './channel-forms';
import { CredentialFieldComponent } from './credential-field.component';
import { InboxFieldErrorPipe } from './field-error.pipe';

/** A WeChat Official Account or Mini Program: app id, message encryption, and its credentials. */
@Component({
  selector: 'kefu-wechat-fields',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    TranslocoPipe,
    CredentialFieldComponent,
    InboxFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = form().controls.settings;
    @let c = form().controls.credentials;
    <div [formGroup]="s">
      <mat-button-toggle-group
        formControlName="kind"
        class="kind"
        [attr.aria-label]="'inbox.wechat.kind' | transloco"
      >
        <mat-button-toggle value="official_account" data-testid="wechat-kind-oa">{{
          'inbox.wechat.kinds.official_account' | transloco
        }}</mat-button-toggle>
        <mat-button-toggle value="mini_program" data-testid="wechat-kind-mp">{{
          'inbox.wechat.kinds.mini_program' | transloco
        }}</mat-button-toggle>
      </mat-button-toggle-group>
      <div class="grid">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>AppID</mat-label>
          <input
            matInput
            formControlName="appId"
            maxlength="64"
            spellcheck="false"
            placeholder="wx1234567890abcdef"
            data-testid="wechat-appid"
          />
          <mat-hint>{{ 'inbox.wechat.appIdHint' | transloco }}</mat-hint>
          <mat-error>{{ s.controls.appId.errors | inboxFieldError: lang() }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'inbox.wechat.encryption' | transloco }}</mat-label>
          <mat-select formControlName="encryption" data-testid="wechat-encryption">
            @for (m of modes; track m) {
              <mat-option [value]="m">{{ 'inbox.wechat.modes.' + m | transloco }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'inbox.wechat.encryptionHint' | transloco }}</mat-hint>
        </mat-form-field>
      </div>
    </div>

    @if (canManage()) {
      <h4>{{ 'inbox.wechat.credentials' | transloco }}</h4>
      <kefu-credential-field
        [control]="c.controls.token"
        label="Token"
        [hint]="'inbox.wechat.tokenHint' | transloco"
        [stored]="stored()?.['token']"
        [generate]="newToken"
        [lang]="lang()"
        testId="wechat-token"
      />
      <kefu-credential-field
        [control]="c.controls.encodingAESKey"
        label="EncodingAESKey"
        [hint]="'inbox.wechat.aesKeyHint' | transloco"
        [stored]="stored()?.['encodingAESKey']"
        [generate]="newKey"
        [lang]="lang()"
        testId="wechat-aes-key"
      />
      <kefu-credential-field
        [control]="c.controls.appSecret"
        label="AppSecret"
        [hint]="'inbox.wechat.appSecretHint' | transloco"
        [stored]="stored()?.['appSecret']"
        [concealed]="true"
        [lang]="lang()"
        testId="wechat-app-secret"
      />
    } @else {
      <p class="note">{{ 'inbox.credentialField.adminsOnly' | transloco }}</p>
    }

    <button
      mat-button
      type="button"
      class="advanced-toggle"
      (click)="advanced.set(!advanced())"
      [attr.aria-expanded]="advanced()"
    >
      <mat-icon [svgIcon]="advanced() ? 'inbox-collapse' : 'inbox-expand'" />
      {{ 'inbox.wechat.advanced' | transloco }}
    </button>
    @if (advanced()) {
      <div [formGroup]="s">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="full">
          <mat-label>{{ 'inbox.wechat.apiBaseUrl' | transloco }}</mat-label>
          <input
            matInput
            formControlName="apiBaseUrl"
            type="url"
            spellcheck="false"
            data-testid="wechat-api-base"
          />
          <mat-hint>{{ 'inbox.wechat.apiBaseUrlHint' | transloco }}</mat-hint>
          <mat-error>{{ s.controls.apiBaseUrl.errors | inboxFieldError: lang() }}</mat-error>
        </mat-form-field>
      </div>
    }
  `,
  styles: `
    .kind {
      margin-bottom: 20px;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
      gap: 16px;
      align-items: start;
    }
    h4 {
      margin: 16px 0 8px;
      font: var(--mat-sys-title-small);
    }
    .note {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .advanced-toggle {
      margin: 4px 0 8px;
    }
    .full {
      width: 100%;
    }
  `,
})
export class WechatFieldsComponent {
  readonly form = input.required<WechatForm>();
  /** The stored credentials, masked (settings page); absent on create. */
  readonly stored = input<Record<string, string> | undefined>(undefined);
  readonly canManage = input(true);
  readonly lang = input<string>('');

  protected readonly modes = ['safe', 'compatible', 'plain'] as const;
  protected readonly advanced = signal(false);
  protected readonly newToken = () => generateWechatToken();
  protected readonly newKey = () => generateEncodingAESKey();
}
