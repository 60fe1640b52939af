import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { TextFieldModule } from '@angular/cdk/text-field';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import {
  DialogueTemplateDto,
  DialogueTemplatesService,
  familyOf,
  placeholderFor,
  TEMPLATE_LIMITS,
  TemplateLocale,
  templateTextError,
  templateVariables,
} from '@kefu/admin/dialogue/data-access';
import { confirmAction, LocalizedDatePipe } from '@kefu/admin/ui';
import { QuickReply } from '@kefu/shared/contracts';
import { filter, map, merge, Observable, startWith } from 'rxjs';
import { injectLang, TextPartsPipe } from '../dialogue-ui';
import { TemplatePreviewComponent } from './template-preview.component';

export interface TemplateEditorData {
  key: string;
  locale: TemplateLocale;
  region: string | null;
  /** The template to edit; null to add this locale or regional variant. */
  template: DialogueTemplateDto | null;
  /** The key's texts in the other locales (and the general ones, for a regional variant), for reference. */
  others: DialogueTemplateDto[];
  /** Where a new template starts from (the general text, for a regional variant). */
  initialText?: string;
  initialQuickReplies?: QuickReply[] | null;
  readOnly: boolean;
  /** Called with the newest version after "reload" (following a 409), so the list can show it. */
  onReloaded?: (template: DialogueTemplateDto) => void;
}

type QuickReplyForm = FormGroup<{ label: FormControl<string>; payload: FormControl<string> }>;

/** A text that the template format cannot read is an error with its position (1-based for people). */
function syntaxValidator(control: AbstractControl<string>): ValidationErrors | null {
  const e = templateTextError(control.value ?? '');
  return e ? { syntax: { code: e.code, params: e.params, position: e.position + 1 } } : null;
}

/**
 * Edits one reply template (key × locale × region) with a live preview; closes with the saved
 * template. Saves with the version it started from, so a concurrent edit is a 409, not an overwrite.
 */
@Component({
  selector: 'dlg-template-editor-dialog',
  imports: [
    ReactiveFormsModule,
    TextFieldModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    TranslocoPipe,
    LocalizedDatePipe,
    TemplatePreviewComponent,
    TextPartsPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './template-editor-dialog.component.html',
  styleUrl: './template-editor-dialog.component.scss',
})
export class TemplateEditorDialogComponent {
  private readonly api = inject(DialogueTemplatesService);
  private readonly ref =
    inject<MatDialogRef<TemplateEditorDialogComponent, DialogueTemplateDto>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly transloco = inject(TranslocoService);
  protected readonly data = inject<TemplateEditorData>(MAT_DIALOG_DATA);

  protected readonly lang = injectLang();
  protected readonly limits = TEMPLATE_LIMITS;
  protected readonly family = familyOf(this.data.key);
  /** The version on the server that this edit starts from (null: adding). */
  protected readonly current = signal<DialogueTemplateDto | null>(this.data.template);
  protected readonly busy = signal(false);
  protected readonly conflict = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly textArea = viewChild<ElementRef<HTMLTextAreaElement>>('textArea');

  protected readonly form = new FormGroup({
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(TEMPLATE_LIMITS.text), syntaxValidator],
    }),
    quickReplies: new FormArray<QuickReplyForm>([]),
  });

  private readonly formValue = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    { requireSync: true },
  );
  protected readonly text = computed(() => this.formValue().text);
  protected readonly quickReplies = computed(() => this.formValue().quickReplies);
  protected readonly variables = computed(() => templateVariables(this.text()));
  /** Variables the other locales use that this text does not (yet). */
  protected readonly otherVariables = computed(() => {
    const own = new Set(this.variables());
    const names = new Set(this.data.others.flatMap((t) => templateVariables(t.text)));
    return [...names].filter((n) => !own.has(n));
  });
  protected readonly titleKey = computed(() =>
    this.data.readOnly
      ? 'dialogue.editor.viewTitle'
      : this.current()
        ? 'dialogue.editor.editTitle'
        : this.data.region
          ? 'dialogue.editor.addRegionTitle'
          : 'dialogue.editor.addLocaleTitle',
  );

  constructor() {
    this.reset(this.data.template);
    // Closing by Escape or a click outside asks first when there are unsaved changes.
    merge(
      this.ref.backdropClick(),
      this.ref.keydownEvents().pipe(filter((e) => e.key === 'Escape')) as Observable<unknown>,
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.close());
  }

  protected addQuickReply(reply: QuickReply = { label: '', payload: '' }): void {
    this.form.controls.quickReplies.push(
      new FormGroup({
        label: new FormControl(reply.label, {
          nonNullable: true,
          validators: [Validators.required, Validators.maxLength(TEMPLATE_LIMITS.label)],
        }),
        payload: new FormControl(reply.payload, {
          nonNullable: true,
          validators: [Validators.required, Validators.maxLength(TEMPLATE_LIMITS.payload)],
        }),
      }),
    );
    this.form.markAsDirty();
  }

  protected removeQuickReply(index: number): void {
    this.form.controls.quickReplies.removeAt(index);
    this.form.markAsDirty();
  }

  /** Puts a variable at the cursor, written the way the other locales write it. */
  protected insertVariable(name: string): void {
    const snippet = placeholderFor(
      name,
      this.data.others.map((t) => t.text),
    );
    const control = this.form.controls.text;
    const el = this.textArea()?.nativeElement;
    const value = control.value;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    control.setValue(value.slice(0, start) + snippet + value.slice(end));
    control.markAsDirty();
    if (el) {
      el.focus();
      queueMicrotask(() => el.setSelectionRange(start + snippet.length, start + snippet.length));
    }
  }

  protected save(): void {
    if (this.data.readOnly || this.busy()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { text, quickReplies } = this.form.getRawValue();
    const replies = quickReplies.map((q) => ({ label: q.label.trim(), payload: q.payload.trim() }));
    const current = this.current();
    this.busy.set(true);
    this.error.set(null);
    this.conflict.set(false);
    const request = current
      ? this.api.update(current.id, { text, quickReplies: replies, expectedVersion: current.version })
      : this.api.put({
          key: this.data.key,
          locale: this.data.locale,
          region: this.data.region,
          text,
          quickReplies: replies,
        });
    request.subscribe({
      next: (saved) => this.ref.close(saved),
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        if (e.statusCode === 409) {
          this.conflict.set(true);
          return;
        }
        // A message about a field shows under that field; anything else above the form.
        if (!this.showServerIssues(e.issues ?? [])) {
          this.error.set(e.message || this.transloco.translate('errors.generic'));
        }
      },
    });
  }

  /** After a 409: loads the newest version and starts again from it. */
  protected reload(): void {
    const current = this.current();
    if (!current) return;
    this.busy.set(true);
    this.api.get(current.id).subscribe({
      next: (latest) => {
        this.busy.set(false);
        this.conflict.set(false);
        this.error.set(null);
        this.current.set(latest);
        this.reset(latest);
        this.data.onReloaded?.(latest);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err).message || this.transloco.translate('errors.generic'));
      },
    });
  }

  protected close(): void {
    if (this.data.readOnly || !this.form.dirty) {
      this.ref.close();
      return;
    }
    confirmAction(this.dialog, {
      title: this.transloco.translate('dialogue.editor.discardTitle'),
      message: this.transloco.translate('dialogue.editor.discardMessage'),
      confirm: this.transloco.translate('common.discard'),
      cancel: this.transloco.translate('dialogue.editor.keep'),
      danger: true,
    }).subscribe(() => this.ref.close());
  }

  private reset(template: DialogueTemplateDto | null): void {
    const replies = template ? (template.quickReplies ?? []) : (this.data.initialQuickReplies ?? []);
    this.form.controls.quickReplies.clear();
    for (const r of replies) this.addQuickReply(r);
    this.form.controls.text.setValue(template ? template.text : (this.data.initialText ?? ''));
    // A new variant starting from the general text has something to save even unchanged.
    if (template) this.form.markAsPristine();
    else this.form.markAsDirty();
    this.form.markAsUntouched();
  }

  /** Puts the API's field messages (`text`, `quickReplies.0.label`) on the fields they are about. */
  private showServerIssues(issues: { path: string; message: string }[]): boolean {
    let shown = false;
    for (const issue of issues) {
      const control = this.form.get(issue.path.split('.'));
      if (control && control !== this.form) {
        control.setErrors({ ...control.errors, server: issue.message });
        control.markAsTouched();
        shown = true;
      }
    }
    return shown;
  }
}
