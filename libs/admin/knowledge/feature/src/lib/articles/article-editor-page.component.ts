import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService, toApiError } from '@kefu/admin/auth/data-access';
import { KnowledgeArticlesService, LOCALE_CHOICES } from '@kefu/admin/knowledge/data-access';
import {
  ConfirmDialogData,
  LocalizedDatePipe,
  PageHeaderComponent,
  confirmAction,
  StatusChipComponent,
} from '@kefu/admin/ui';
import { ArticleStatus, KnowledgeArticleDto, Permission } from '@kefu/shared/contracts';
import { catchError, debounceTime, EMPTY, map, of, startWith, switchMap } from 'rxjs';
import { errorText, injectLang } from '../knowledge-ui';
import {
  applyArticleIssues,
  createArticleForm,
  patchArticleForm,
  questionControl,
  toArticleInput,
  toUpdateInput,
} from './article-form';
import { ChipsFieldComponent } from './chips-field.component';
import { MarkdownPreviewComponent } from './markdown-preview.component';

@Component({
  selector: 'kb-article-editor-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    TranslocoPipe,
    LocalizedDatePipe,
    PageHeaderComponent,
    StatusChipComponent,
    ChipsFieldComponent,
    MarkdownPreviewComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './article-editor-page.component.html',
  styleUrl: './article-editor-page.component.scss',
})
export class ArticleEditorPageComponent {
  private readonly api = inject(KnowledgeArticlesService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  /** Route parameter `:id`; absent on /articles/new. */
  readonly id = input<string | undefined>();

  protected readonly lang = injectLang();
  protected readonly statuses = Object.values(ArticleStatus);
  protected readonly locales = LOCALE_CHOICES;
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));
  protected readonly article = signal<KnowledgeArticleDto | null>(null);
  protected readonly isNew = computed(() => !this.id());
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveErrors = signal<string[]>([]);
  /** Someone saved a newer version while this one was open. */
  protected readonly conflict = signal(false);

  protected readonly form = createArticleForm(this.defaultLocale());
  protected readonly questions = this.form.controls.questions;
  /** The answer as typed, a moment after typing stops, for the preview. */
  protected readonly answerText = toSignal(
    this.form.controls.answer.valueChanges.pipe(
      debounceTime(120),
      startWith(this.form.controls.answer.value),
    ),
    { initialValue: '' },
  );
  protected readonly localeValue = toSignal(this.form.controls.locale.valueChanges, {
    initialValue: this.form.controls.locale.value,
  });

  constructor() {
    toObservable(this.id)
      .pipe(
        map((id) => (id && /^\d+$/.test(id) ? Number(id) : null)),
        switchMap((id) => {
          this.conflict.set(false);
          this.saveErrors.set([]);
          if (id === null) {
            if (this.id()) this.loadError.set(this.transloco.translate('knowledge.editor.notFound'));
            return of(null);
          }
          this.loading.set(true);
          this.loadError.set(null);
          return this.api.get(id).pipe(
            catchError((err: unknown) => {
              this.loading.set(false);
              this.loadError.set(
                toApiError(err).statusCode === 404
                  ? this.transloco.translate('knowledge.editor.notFound')
                  : errorText(err, this.transloco),
              );
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((article) => {
        this.loading.set(false);
        if (article) this.show(article);
      });
    effect(() => {
      if (this.canManage()) this.form.enable({ emitEvent: false });
      else this.form.disable({ emitEvent: false });
    });
  }

  protected addQuestion(): void {
    this.questions.push(questionControl());
    this.form.markAsDirty();
  }

  protected removeQuestion(index: number): void {
    this.questions.removeAt(index);
    this.form.markAsDirty();
  }

  protected save(): void {
    if (!this.canManage() || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.saveErrors.set([this.transloco.translate('validation.fixErrors')]);
      return;
    }
    const current = this.article();
    const { input, questionRows } = current
      ? toUpdateInput(this.form, current.version)
      : toArticleInput(this.form);
    this.saving.set(true);
    this.saveErrors.set([]);
    const request = current
      ? this.api.update(current.id, input)
      : this.api.create(toArticleInput(this.form).input);
    request.subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.show(saved);
        this.snackBar.open(
          this.transloco.translate('knowledge.editor.saved', { version: saved.version }),
          undefined,
          { duration: 3000 },
        );
        if (!current) void this.router.navigate(['/knowledge/articles', saved.id], { replaceUrl: true });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const e = toApiError(err);
        if (e.statusCode === 409 && current) this.conflict.set(true);
        const unmatched = applyArticleIssues(this.form, e, questionRows);
        const headline = e.message || this.transloco.translate('errors.generic');
        this.saveErrors.set([headline, ...unmatched.filter((u) => u !== headline)]);
      },
    });
  }

  /** Throws away local edits and loads the newest version. */
  protected reload(): void {
    const current = this.article();
    if (!current) return;
    this.loading.set(true);
    this.api.get(current.id).subscribe({
      next: (a) => {
        this.loading.set(false);
        this.conflict.set(false);
        this.saveErrors.set([]);
        this.show(a);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.saveErrors.set([errorText(err, this.transloco)]);
      },
    });
  }

  protected discard(): void {
    const current = this.article();
    if (current) patchArticleForm(this.form, current);
    else this.form.reset();
    this.saveErrors.set([]);
  }

  protected confirmDelete(): void {
    const current = this.article();
    if (!current) return;
    const t = (k: string, p?: Record<string, unknown>) => this.transloco.translate(k, p);
    const data: ConfirmDialogData = {
      title: t('knowledge.editor.delete.title'),
      message: t('knowledge.editor.delete.message', { title: current.title }),
      confirm: t('knowledge.editor.delete.confirm'),
      cancel: t('common.cancel'),
      danger: true,
    };
    confirmAction(this.dialog, data)
      .pipe(switchMap(() => this.api.remove(current.id)))
      .subscribe({
        next: () => {
          this.snackBar.open(t('knowledge.editor.delete.done'), undefined, { duration: 3000 });
          void this.router.navigate(['/knowledge/articles']);
        },
        error: (err: unknown) =>
          this.snackBar.open(errorText(err, this.transloco), t('common.dismiss'), { duration: 6000 }),
      });
  }

  private show(article: KnowledgeArticleDto): void {
    this.article.set(article);
    patchArticleForm(this.form, article);
    if (!this.canManage()) this.form.disable({ emitEvent: false });
  }

  /** New articles start in the interface language when the knowledge base segments it. */
  private defaultLocale(): string {
    const lang = this.transloco.getActiveLang();
    return LOCALE_CHOICES.includes(lang) ? lang : 'zh-CN';
  }
}
