import { computed, inject, Injectable, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { KnowledgeArticlesService } from '@kefu/admin/knowledge/data-access';
import { ArticleSource, Permission } from '@kefu/shared/contracts';

/**
 * Names the author of a version: "you", a colleague's name when the user may list staff
 * (`users.read`), else where the version came from (import, feed, seed).
 */
@Injectable({ providedIn: 'root' })
export class AuthorNames {
  private readonly auth = inject(AuthService);
  private readonly api = inject(KnowledgeArticlesService);
  private readonly transloco = inject(TranslocoService);
  private readonly names = signal<ReadonlyMap<string, string>>(new Map());
  private requested = false;

  readonly ready = computed(() => this.names().size > 0);

  /** Loads the staff list once, when allowed. */
  load(): void {
    if (this.requested || !this.auth.permissions().has(Permission.UsersRead)) return;
    this.requested = true;
    this.api.users().subscribe({
      next: (users) => this.names.set(new Map(users.map((u) => [u.id, u.name]))),
      error: () => (this.requested = false),
    });
  }

  /** Call inside a template expression that also reads the language, so it re-renders on switch. */
  name(authorId: string | null, source: ArticleSource): string {
    if (!authorId) return this.transloco.translate(`knowledge.source.${source}`);
    const me = this.auth.user();
    if (me && me.id === authorId) return this.transloco.translate('knowledge.history.you', { name: me.name });
    return (
      this.names().get(authorId) ??
      this.transloco.translate('knowledge.history.someone', { id: authorId.slice(0, 8) })
    );
  }
}
