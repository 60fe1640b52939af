import { inject, Pipe, PipeTransform } from '@angular/core';
import { ValidationErrors } from '@angular/forms';
import { TranslocoService } from '@jsverse/transloco';
import type { FieldIssue } from '@kefu/admin/inboxes/data-access';

/**
 * The message for a control's errors, in the active language: the API's own words first (they name
 * the field), then the schema check's, then Angular's built-in validators.
 * Usage: `{{ control.errors | inboxFieldError: lang() }}` (the language makes it re-run on a switch).
 */
@Pipe({ name: 'inboxFieldError' })
export class InboxFieldErrorPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(errors: ValidationErrors | null | undefined, _lang?: string): string {
    if (!errors) return '';
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    const server = errors['server'] as FieldIssue | string | undefined;
    if (server) return typeof server === 'string' ? server : server.message;
    const issue = (errors['zod'] ?? errors['issue']) as FieldIssue | undefined;
    if (issue) return issue.key ? t(issue.key, issue.params) : issue.message;
    if (errors['required']) return t('validation.required');
    if (errors['maxlength']) return t('validation.maxLength', { max: errors['maxlength'].requiredLength });
    if (errors['url']) return t('validation.url');
    if (errors['origin']) return t('inbox.fieldErrors.origin');
    return t('validation.fixErrors');
  }
}
