import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { TranslocoPipe } from '@jsverse/transloco';
import type { EmailForm } from './channel-forms';
import { CredentialFieldComponent } from './credential-field.component';
import { InboxFieldErrorPipe } from './field-error.pipe';

/** A support mailbox: its address, sending over SMTP, and optionally fetching over IMAP. */
@Component({
  selector: 'kefu-email-fields',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
    TranslocoPipe,
    CredentialFieldComponent,
    InboxFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let s = form().controls.settings;
    @let smtp = s.controls.smtp;
    @let imap = s.controls.imap;
    @let c = form().controls.credentials;
    <div class="grid" [formGroup]="s">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'inbox.email.address' | transloco }}</mat-label>
        <input
          matInput
          type="email"
          formControlName="address"
          maxlength="320"
          placeholder="help@shop.example.com"
          data-testid="email-address"
        />
        <mat-hint>{{ 'inbox.email.addressHint' | transloco }}</mat-hint>
        <mat-error>{{ s.controls.address.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'inbox.email.fromName' | transloco }}</mat-label>
        <input matInput formControlName="fromName" maxlength="120" data-testid="email-from-name" />
        <mat-hint>{{ 'inbox.email.fromNameHint' | transloco }}</mat-hint>
        <mat-error>{{ s.controls.fromName.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>
    </div>

    <h4>{{ 'inbox.email.smtp' | transloco }}</h4>
    <p class="sub">{{ 'inbox.email.smtpHelp' | transloco }}</p>
    <div class="grid server" [formGroup]="smtp">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="host">
        <mat-label>{{ 'inbox.email.host' | transloco }}</mat-label>
        <input
          matInput
          formControlName="host"
          spellcheck="false"
          placeholder="smtp.exmail.qq.com"
          data-testid="smtp-host"
        />
        <mat-error>{{ smtp.controls.host.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="port">
        <mat-label>{{ 'inbox.email.port' | transloco }}</mat-label>
        <input
          matInput
          type="number"
          formControlName="port"
          min="1"
          max="65535"
          placeholder="587"
          data-testid="smtp-port"
        />
        <mat-error>{{ smtp.controls.port.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>
      <mat-slide-toggle formControlName="secure" class="secure" data-testid="smtp-secure">{{
        'inbox.email.secure' | transloco
      }}</mat-slide-toggle>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="host">
        <mat-label>{{ 'inbox.email.user' | transloco }}</mat-label>
        <input
          matInput
          formControlName="user"
          autocomplete="off"
          spellcheck="false"
          data-testid="smtp-user"
        />
        <mat-error>{{ smtp.controls.user.errors | inboxFieldError: lang() }}</mat-error>
      </mat-form-field>
    </div>
    @if (canManage()) {
      <kefu-credential-field
        [control]="c.controls.smtpPassword"
        [label]="'inbox.email.password' | transloco"
        [stored]="stored()?.['smtpPassword']"
        [concealed]="true"
        [lang]="lang()"
        testId="smtp-password"
      />
    }

    <h4>{{ 'inbox.email.imap' | transloco }}</h4>
    <div [formGroup]="imap">
      <mat-slide-toggle formControlName="enabled" data-testid="imap-enabled">{{
        'inbox.email.imapEnabled' | transloco
      }}</mat-slide-toggle>
      <p class="sub">{{ 'inbox.email.imapHelp' | transloco }}</p>
      @if (imap.controls.enabled.value) {
        <div class="grid server">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="host">
            <mat-label>{{ 'inbox.email.host' | transloco }}</mat-label>
            <input
              matInput
              formControlName="host"
              spellcheck="false"
              placeholder="imap.exmail.qq.com"
              data-testid="imap-host"
            />
            <mat-error>{{ imap.controls.host.errors | inboxFieldError: lang() }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="port">
            <mat-label>{{ 'inbox.email.port' | transloco }}</mat-label>
            <input matInput type="number" formControlName="port" min="1" max="65535" placeholder="993" />
            <mat-error>{{ imap.controls.port.errors | inboxFieldError: lang() }}</mat-error>
          </mat-form-field>
          <mat-slide-toggle formControlName="secure" class="secure">{{
            'inbox.email.imapSecure' | transloco
          }}</mat-slide-toggle>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="host">
            <mat-label>{{ 'inbox.email.user' | transloco }}</mat-label>
            <input matInput formControlName="user" autocomplete="off" spellcheck="false" />
            <mat-error>{{ imap.controls.user.errors | inboxFieldError: lang() }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="port">
            <mat-label>{{ 'inbox.email.mailbox' | transloco }}</mat-label>
            <input matInput formControlName="mailbox" spellcheck="false" placeholder="INBOX" />
            <mat-error>{{ imap.controls.mailbox.errors | inboxFieldError: lang() }}</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="port">
            <mat-label>{{ 'inbox.email.pollSeconds' | transloco }}</mat-label>
            <input
              matInput
              type="number"
              formControlName="pollSeconds"
              min="15"
              max="3600"
              placeholder="60"
            />
            <mat-error>{{ imap.controls.pollSeconds.errors | inboxFieldError: lang() }}</mat-error>
          </mat-form-field>
        </div>
        @if (canManage()) {
          <kefu-credential-field
            [control]="c.controls.imapPassword"
            [label]="'inbox.email.password' | transloco"
            [stored]="stored()?.['imapPassword']"
            [concealed]="true"
            [lang]="lang()"
            testId="imap-password"
          />
        }
      }
    </div>
    @if (!canManage()) {
      <p class="sub">{{ 'inbox.credentialField.adminsOnly' | transloco }}</p>
    }
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
      gap: 16px;
      align-items: start;
    }
    .server {
      grid-template-columns: minmax(200px, 2fr) minmax(110px, 1fr) minmax(200px, 1.4fr);
      align-items: start;
    }
    .secure {
      margin-top: 14px;
    }
    h4 {
      margin: 16px 0 4px;
      font: var(--mat-sys-title-small);
    }
    kefu-credential-field {
      margin-top: 16px;
    }
    .sub {
      margin: 4px 0 12px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 700px) {
      .server {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class EmailFieldsComponent {
  readonly form = input.required<EmailForm>();
  /** The stored credentials, masked (settings page); absent on create. */
  readonly stored = input<Record<string, string> | undefined>(undefined);
  readonly canManage = input(true);
  readonly lang = input<string>('');
}
