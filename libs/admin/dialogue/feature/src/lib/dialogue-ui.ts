import { inject, Pipe, PipeTransform, Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { TextPart, textParts } from '@kefu/admin/dialogue/data-access';
import { map, switchMap } from 'rxjs';

/**
 * The active interface language as a signal, for locale-aware formatting. It changes once the
 * language's translations are loaded, so code that calls `translate()` while reading it re-runs then.
 */
export function injectLang(): Signal<string> {
  const transloco = inject(TranslocoService);
  return toSignal(
    transloco.langChanges$.pipe(switchMap((lang) => transloco.selectTranslation(lang).pipe(map(() => lang)))),
    { initialValue: '' },
  );
}

/** `@for (p of text | dlgTextParts; …)`: the text split at its `{…}` arguments, to show them apart. Pure. */
@Pipe({ name: 'dlgTextParts' })
export class TextPartsPipe implements PipeTransform {
  transform(text: string | null | undefined): TextPart[] {
    return textParts(text ?? '');
  }
}
