import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import {
  CHANNEL_ICONS,
  channelPayload,
  checkChannel,
  InboxesService,
  issuesFromApiError,
  RevealedSecretsStore,
  type ChannelFormValues,
  type FieldIssue,
} from '@kefu/admin/inboxes/data-access';
import { ConfirmDialogData, LocalizedDatePipe, PageHeaderComponent, confirmAction } from '@kefu/admin/ui';
import { ChannelType, InboxDto, Permission } from '@kefu/shared/contracts';
import { catchError, EMPTY, startWith, switchMap } from 'rxjs';
import {
  applyFieldIssues,
  ChannelForm,
  createChannelForm,
  EmailForm,
  WechatForm,
  WidgetForm,
} from './channel-forms';
import { EmailFieldsComponent } from './email-fields.component';
import { EmailInboundComponent } from './email-inbound.component';
import { InboxCredentialsComponent } from './inbox-credentials.component';
import { applyServerIssues, createInboxForm, patchInboxForm, toUpdateInput } from './inbox-form';
import { SecretOnceComponent } from './secret-once.component';
import { SendMessageSnippetComponent } from './send-message-snippet.component';
import { WechatEndpointComponent } from './wechat-endpoint.component';
import { WechatFieldsComponent } from './wechat-fields.component';
import { WidgetEmbedComponent } from './widget-embed.component';
import { WidgetFieldsComponent } from './widget-fields.component';

const TIME_ZONES: string[] = (() => {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
})();

@Component({
  selector: 'kefu-inbox-settings-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    TranslocoPipe,
    LocalizedDatePipe,
    PageHeaderComponent,
    EmailFieldsComponent,
    EmailInboundComponent,
    InboxCredentialsComponent,
    SecretOnceComponent,
    SendMessageSnippetComponent,
    WechatEndpointComponent,
    WechatFieldsComponent,
    WidgetEmbedComponent,
    WidgetFieldsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox-settings-page.component.html',
  styleUrl: './inbox-settings-page.component.scss',
})
export class InboxSettingsPageComponent {
  private readonly inboxes = inject(InboxesService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private readonly revealedSecrets = inject(RevealedSecretsStore);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.InboxesManage));
  protected readonly inbox = signal<InboxDto | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly rotating = signal(false);
  protected readonly saveErrors = signal<string[]>([]);
  /** The answer that created or rotated the secret, while this page is open: the secret shown once. */
  protected readonly revealed = signal<InboxDto | null>(null);
  protected readonly secret = computed(() => this.revealed()?.secret ?? null);
  protected readonly icons = CHANNEL_ICONS;

  protected readonly form = createInboxForm();
  /** The channel's settings and credentials; rebuilt from every answer, so "replace" fields close. */
  protected readonly channelForm = signal<ChannelForm | null>(null);
  protected readonly asWidget = (f: ChannelForm | null) => f as WidgetForm;
  protected readonly asWechat = (f: ChannelForm | null) => f as WechatForm;
  protected readonly asEmail = (f: ChannelForm | null) => f as EmailForm;
  /** The channel form's value as a signal, for the parts of the page that follow it (snippets). */
  private readonly channelValue = signal(0);
  protected readonly widgetRequiresIdentity = computed(() => {
    this.channelValue();
    return this.asWidget(this.channelForm())?.controls.settings.controls.requireIdentity.value ?? false;
  });
  protected readonly wechatSettings = computed(() => {
    this.channelValue();
    const f = this.channelForm();
    return f && this.inbox()?.channel === ChannelType.Wechat
      ? this.asWechat(f).controls.settings.getRawValue()
      : null;
  });
  protected readonly emailAddress = computed(() => {
    this.channelValue();
    const f = this.channelForm();
    return f && this.inbox()?.channel === ChannelType.Email
      ? this.asEmail(f).controls.settings.controls.address.value
      : '';
  });
  protected readonly days = this.form.controls.businessHours.controls.days;

  /** Weekday names in the active language, indexed 0 = Sunday. */
  protected readonly weekdayNames = computed(() => {
    const fmt = new Intl.DateTimeFormat(this.lang(), { weekday: 'long', timeZone: 'UTC' });
    // 2023-01-01 was a Sunday.
    return Array.from({ length: 7 }, (_, d) => fmt.format(new Date(Date.UTC(2023, 0, 1 + d))));
  });

  private readonly timezoneInput = toSignal(
    this.form.controls.businessHours.controls.timezone.valueChanges.pipe(startWith('')),
    { initialValue: '' },
  );
  protected readonly timezoneOptions = computed(() => {
    const q = (this.timezoneInput() ?? '').toLowerCase().replace(/\s+/g, '_');
    const matches = q ? TIME_ZONES.filter((z) => z.toLowerCase().includes(q)) : TIME_ZONES;
    return matches.slice(0, 50);
  });

  constructor() {
    // (Re)load whenever the route id changes.
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          this.loading.set(true);
          this.loadError.set(null);
          this.revealed.set(this.revealedSecrets.take(id));
          return this.inboxes.get(id).pipe(
            catchError((err: unknown) => {
              this.showLoadError(err);
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((inbox) => this.showInbox(inbox));
    effect(() => {
      const channelForm = this.channelForm();
      if (this.canManage()) {
        this.form.enable({ emitEvent: false });
        channelForm?.enable({ emitEvent: false });
      } else {
        this.form.disable({ emitEvent: false });
        channelForm?.disable({ emitEvent: false });
      }
    });
  }

  private showInbox(inbox: InboxDto): void {
    this.inbox.set(inbox);
    this.loading.set(false);
    patchInboxForm(this.form, inbox);
    const channelForm = createChannelForm(inbox.channel, inbox.settings);
    (channelForm as FormGroup | null)?.valueChanges.subscribe(() => this.channelValue.update((n) => n + 1));
    this.channelForm.set(channelForm);
    if (!this.canManage()) {
      this.form.disable({ emitEvent: false });
      channelForm?.disable({ emitEvent: false });
    }
  }

  protected dirty(): boolean {
    return this.form.dirty || !!this.channelForm()?.dirty;
  }

  private showLoadError(err: unknown): void {
    const e = toApiError(err);
    this.loading.set(false);
    this.loadError.set(
      e.statusCode === 404
        ? this.transloco.translate('inbox.notFound')
        : e.message || this.transloco.translate('errors.generic'),
    );
  }

  protected save(): void {
    const inbox = this.inbox();
    if (!inbox || !this.canManage()) return;
    const channelForm = this.channelForm();
    const payload = channelForm
      ? channelPayload(inbox.channel, channelForm.getRawValue() as ChannelFormValues[ChannelType])
      : null;
    const issues = payload
      ? checkChannel(inbox.channel, payload, { mode: 'update', stored: inbox.credentials })
      : [];
    if (channelForm) applyFieldIssues(channelForm, issues, 'issue');
    if (this.form.invalid || channelForm?.invalid || issues.length) {
      this.form.markAllAsTouched();
      channelForm?.markAllAsTouched();
      this.saveErrors.set([this.transloco.translate('validation.fixErrors')]);
      return;
    }
    const { input, dayRows } = toUpdateInput(this.form);
    if (inbox.channel !== ChannelType.Api) delete input.callbackUrl;
    this.saving.set(true);
    this.saveErrors.set([]);
    this.inboxes.update(inbox.id, { ...input, ...(payload ?? {}) }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.showInbox(saved);
        this.snackBar.open(this.transloco.translate('inbox.saved'), undefined, { duration: 3000 });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        const isChannel = (i: FieldIssue) => /^(settings|credentials)\b/.test(i.path);
        const fieldIssues = issuesFromApiError(e);
        const unmatched = applyServerIssues(
          this.form,
          { ...e, issues: fieldIssues.filter((i) => !isChannel(i)) },
          dayRows,
        );
        const channelForm = this.channelForm();
        const channelUnmatched = channelForm
          ? applyFieldIssues(channelForm, fieldIssues.filter(isChannel), 'server').map(
              (i) => `${i.path}: ${i.message}`,
            )
          : [];
        const headline = e.message || this.transloco.translate('errors.generic');
        this.saveErrors.set([headline, ...[...unmatched, ...channelUnmatched].filter((u) => u !== headline)]);
      },
    });
  }

  protected discard(): void {
    const inbox = this.inbox();
    if (inbox) this.showInbox(inbox);
    this.saveErrors.set([]);
  }

  protected confirmRotate(): void {
    const inbox = this.inbox();
    if (!inbox) return;
    const t = (k: string) => this.transloco.translate(k);
    const data: ConfirmDialogData = {
      title: t('inbox.rotate.title'),
      message: t('inbox.rotate.message'),
      confirm: t('inbox.rotate.confirm'),
      cancel: t('common.cancel'),
      danger: true,
    };
    confirmAction(this.dialog, data)
      .pipe(
        switchMap(() => {
          this.rotating.set(true);
          return this.inboxes.rotateSecret(inbox.id);
        }),
      )
      .subscribe({
        next: (rotated) => {
          this.rotating.set(false);
          // Keep unsaved edits: only the secret (and its hint) change.
          this.inbox.update((current) =>
            current ? { ...current, secretHint: rotated.secretHint, updatedAt: rotated.updatedAt } : rotated,
          );
          this.revealed.set(rotated);
          this.snackBar.open(t('inbox.rotate.done'), undefined, { duration: 4000 });
        },
        error: (err: unknown) => {
          this.rotating.set(false);
          this.snackBar.open(toApiError(err).message || t('errors.generic'), t('common.dismiss'), {
            duration: 6000,
          });
        },
      });
  }
}
