import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import {
  CHANNEL_ICONS,
  CHANNEL_TYPES,
  channelPayload,
  checkChannel,
  InboxesService,
  issuesFromApiError,
  RevealedSecretsStore,
  type ChannelFormValues,
} from '@kefu/admin/inboxes/data-access';
import { ChannelType, InboxDto } from '@kefu/shared/contracts';
import {
  applyFieldIssues,
  ChannelForm,
  createChannelForm,
  EmailForm,
  WechatForm,
  WidgetForm,
} from './channel-forms';
import { EmailFieldsComponent } from './email-fields.component';
import { InboxFieldErrorPipe } from './field-error.pipe';
import { httpUrlValidator } from './inbox-form';
import { SecretOnceComponent } from './secret-once.component';
import { WechatFieldsComponent } from './wechat-fields.component';
import { WidgetFieldsComponent } from './widget-fields.component';

type Step = 'type' | 'details' | 'done';

/**
 * Creates an inbox in three steps: pick the channel type, fill in its fields (checked with the API's
 * own schemas), then see the secrets once. Closes with the new inbox; the settings page opens next.
 */
@Component({
  selector: 'kefu-create-inbox-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    TranslocoPipe,
    EmailFieldsComponent,
    InboxFieldErrorPipe,
    SecretOnceComponent,
    WechatFieldsComponent,
    WidgetFieldsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './create-inbox-dialog.component.html',
  styleUrl: './create-inbox-dialog.component.scss',
})
export class CreateInboxDialogComponent {
  private readonly inboxes = inject(InboxesService);
  private readonly revealed = inject(RevealedSecretsStore);
  private readonly dialogRef = inject<MatDialogRef<CreateInboxDialogComponent, InboxDto>>(MatDialogRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly types = CHANNEL_TYPES;
  protected readonly icons = CHANNEL_ICONS;
  protected readonly step = signal<Step>('type');
  protected readonly channel = signal<ChannelType>(ChannelType.Widget);
  protected readonly channelForm = signal<ChannelForm | null>(null);
  protected readonly created = signal<InboxDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(120)],
    }),
    callbackUrl: new FormControl('', {
      nonNullable: true,
      validators: [httpUrlValidator, Validators.maxLength(2048)],
    }),
  });

  protected choose(channel: ChannelType): void {
    if (channel !== this.channel() || !this.channelForm()) this.channelForm.set(createChannelForm(channel));
    this.channel.set(channel);
    this.errors.set([]);
    this.step.set('details');
  }

  protected back(): void {
    this.step.set('type');
    this.errors.set([]);
  }

  protected asWidget = (f: ChannelForm | null) => f as WidgetForm;
  protected asWechat = (f: ChannelForm | null) => f as WechatForm;
  protected asEmail = (f: ChannelForm | null) => f as EmailForm;

  protected submit(): void {
    const channel = this.channel();
    const channelForm = this.channelForm();
    const payload = channelForm
      ? channelPayload(channel, channelForm.getRawValue() as ChannelFormValues[ChannelType])
      : { settings: {}, credentials: {} };
    const issues = channelForm ? checkChannel(channel, payload, { mode: 'create' }) : [];
    if (channelForm) applyFieldIssues(channelForm, issues, 'issue');
    if (this.form.invalid || channelForm?.invalid || issues.length) {
      this.form.markAllAsTouched();
      channelForm?.markAllAsTouched();
      this.errors.set([this.transloco.translate('validation.fixErrors')]);
      return;
    }
    const { name, callbackUrl } = this.form.getRawValue();
    this.busy.set(true);
    this.errors.set([]);
    this.inboxes
      .create({
        name: name.trim(),
        channel,
        callbackUrl: channel === ChannelType.Api ? callbackUrl.trim() || null : null,
        ...payload,
      })
      .subscribe({
        next: (inbox) => {
          this.busy.set(false);
          this.created.set(inbox);
          this.step.set('done');
          // The secret is on screen now: make sure it is not lost by a click beside the dialog.
          this.dialogRef.disableClose = true;
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          const fieldIssues = issuesFromApiError(e);
          const rest = applyFieldIssues(
            this.form,
            fieldIssues.filter((i) => !/^(settings|credentials)\b/.test(i.path)),
            'server',
          );
          const channelRest = channelForm
            ? applyFieldIssues(
                channelForm,
                fieldIssues.filter((i) => /^(settings|credentials)\b/.test(i.path)),
                'server',
              )
            : [];
          const headline = e.message || this.transloco.translate('errors.generic');
          this.errors.set([headline, ...[...rest, ...channelRest].map((i) => `${i.path}: ${i.message}`)]);
        },
      });
  }

  /** Leaves the dialog for the new inbox's settings page, which may use the secret while it is open. */
  protected finish(): void {
    const inbox = this.created();
    if (!inbox) return;
    this.revealed.keep(inbox);
    this.dialogRef.close(inbox);
  }
}
