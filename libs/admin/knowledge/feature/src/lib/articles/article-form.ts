import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ValidationErrors,
  ValidatorFn,
  Validators,
} from '@angular/forms';
import {
  ApiErrorDto,
  ArticleStatus,
  CreateArticleInput,
  KnowledgeArticleDto,
  UpdateArticleInput,
} from '@kefu/shared/contracts';

export const LOCALE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export type ArticleForm = FormGroup<{
  title: FormControl<string>;
  questions: FormArray<FormControl<string>>;
  answer: FormControl<string>;
  locale: FormControl<string>;
  status: FormControl<ArticleStatus>;
  regions: FormControl<string[]>;
  productIds: FormControl<string[]>;
  categoryIds: FormControl<string[]>;
  tags: FormControl<string[]>;
  externalKey: FormControl<string>;
  note: FormControl<string>;
}>;

/** A published article needs an answer (the API says the same; this says it before saving). */
const publishedNeedsAnswer: ValidatorFn = (g: AbstractControl): ValidationErrors | null => {
  const { status, answer } = (g as ArticleForm).getRawValue();
  return status === ArticleStatus.Published && !answer.trim() ? { publishedNeedsAnswer: true } : null;
};

export const questionControl = (value = '') =>
  new FormControl(value, { nonNullable: true, validators: [Validators.maxLength(500)] });

export function createArticleForm(locale = 'zh-CN'): ArticleForm {
  return new FormGroup(
    {
      title: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(300)],
      }),
      questions: new FormArray<FormControl<string>>([]),
      answer: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(20_000)] }),
      locale: new FormControl(locale, {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(LOCALE_PATTERN)],
      }),
      status: new FormControl<ArticleStatus>(ArticleStatus.Draft, { nonNullable: true }),
      regions: new FormControl<string[]>([], { nonNullable: true }),
      productIds: new FormControl<string[]>([], { nonNullable: true }),
      categoryIds: new FormControl<string[]>([], { nonNullable: true }),
      tags: new FormControl<string[]>([], { nonNullable: true }),
      externalKey: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
      note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
    },
    { validators: publishedNeedsAnswer },
  );
}

export function patchArticleForm(form: ArticleForm, a: KnowledgeArticleDto): void {
  form.controls.questions.clear({ emitEvent: false });
  for (const q of a.questions) form.controls.questions.push(questionControl(q), { emitEvent: false });
  form.reset({
    title: a.title,
    answer: a.answer,
    locale: a.locale,
    status: a.status,
    regions: a.regions,
    productIds: a.productIds,
    categoryIds: a.categoryIds,
    tags: a.tags,
    externalKey: a.externalKey ?? '',
    note: '',
  });
}

/** The request body, and for each sent question the form row it came from (empty rows are left out). */
export function toArticleInput(form: ArticleForm): { input: CreateArticleInput; questionRows: number[] } {
  const v = form.getRawValue();
  const questionRows: number[] = [];
  const questions = v.questions.flatMap((q, row) => {
    if (!q.trim()) return [];
    questionRows.push(row);
    return [q.trim()];
  });
  return {
    input: {
      title: v.title.trim(),
      questions,
      answer: v.answer.trim(),
      locale: v.locale.trim(),
      status: v.status,
      regions: v.regions,
      productIds: v.productIds,
      categoryIds: v.categoryIds,
      tags: v.tags,
      externalKey: v.externalKey.trim() || null,
    },
    questionRows,
  };
}

export function toUpdateInput(
  form: ArticleForm,
  baseVersion: number,
): { input: UpdateArticleInput; questionRows: number[] } {
  const { input, questionRows } = toArticleInput(form);
  const note = form.controls.note.value.trim();
  return { input: { ...input, baseVersion, ...(note ? { note } : {}) }, questionRows };
}

/**
 * Puts the API's field errors on the matching controls as `{ server: message }`; errors on a list entry
 * (`tags.2`) go on the list's control. Returns the issues that matched no control.
 */
export function applyArticleIssues(form: ArticleForm, error: ApiErrorDto, questionRows: number[]): string[] {
  const unmatched: string[] = [];
  for (const issue of error.issues ?? []) {
    const [field, index] = issue.path.split('.');
    let control: AbstractControl | null = null;
    if (field === 'questions' && index !== undefined) {
      const row = questionRows[Number(index)];
      control = row === undefined ? null : form.controls.questions.at(row);
    } else if (field && field in form.controls) {
      control = form.get(field);
    }
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: issue.message });
      control.markAsTouched();
    } else {
      unmatched.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
    }
  }
  return unmatched;
}
