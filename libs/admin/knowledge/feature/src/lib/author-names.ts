import { inject, Injectable } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { ArticleSource } from '@kefu/shared/contracts';

/**
 * Names the author of a version: "you", the colleague's name the API sends with the version
 * (`authorName`), "user 1a2b…" when that account has been deleted, else where the version came
 * from (import, feed, seed).
 */
@Injectable({ providedIn: 'root' })
export class AuthorNames {
  private readonly auth = inject(AuthService);
  private readonly transloco = inject(TranslocoService);

  /** Call inside a template expression that also reads the language, so it re-renders on switch. */
  name(v: { authorId: string | null; authorName: string | null; source: ArticleSource }): string {
    if (!v.authorId) return this.transloco.translate(`knowledge.source.${v.source}`);
    const me = this.auth.user();
    if (me && me.id === v.authorId)
      return this.transloco.translate('knowledge.history.you', { name: me.name });
    return (
      v.authorName ?? this.transloco.translate('knowledge.history.someone', { id: v.authorId.slice(0, 8) })
    );
  }
}
