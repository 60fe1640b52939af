import { inject, Injectable, signal } from '@angular/core';
import { toApiError } from '@kefu/admin/auth/data-access';
import { CursorList } from '@kefu/admin/handoff/data-access';
import type { LlmTrainingCandidateDto, LlmTrainingCandidateStatus } from '@kefu/shared/contracts';
import { catchError, finalize, map, Observable, of, tap } from 'rxjs';
import { LlmApiService } from './llm-api.service';

/**
 * The training candidates page: messages the offline engine read below its threshold that Claude classified
 * differently. One status at a time; accepting (under a picked intent, Claude's by default) or dismissing
 * takes the candidate off the "new" list. Provide it on the page and call `destroy()` with it.
 */
@Injectable()
export class LlmTrainingStore {
  private readonly api = inject(LlmApiService);

  readonly status = signal<LlmTrainingCandidateStatus>('new');
  readonly list = new CursorList<LlmTrainingCandidateDto>((cursor) =>
    this.api.trainingCandidates(this.status(), cursor),
  );
  /** The intent picked per candidate; a candidate not in here gets Claude's intent. */
  readonly picked = signal<ReadonlyMap<string, string>>(new Map());
  /** Candidates being accepted or dismissed. */
  readonly working = signal<ReadonlySet<string>>(new Set());
  /** The last failure's message ('' for a generic failure). */
  readonly actionError = signal<string | null>(null);

  setStatus(status: LlmTrainingCandidateStatus): void {
    if (status === this.status() && this.list.loaded()) return;
    this.status.set(status);
    this.list.reload();
  }

  intentFor(c: LlmTrainingCandidateDto): string {
    return this.picked().get(c.id) ?? c.llmIntent;
  }

  pick(id: string, intent: string): void {
    this.picked.update((m) => new Map(m).set(id, intent));
  }

  /** Adds the message as a training example under the picked intent; emits the intent used, or null. */
  accept(c: LlmTrainingCandidateDto): Observable<string | null> {
    const intent = this.intentFor(c).trim();
    if (!intent) return of(null);
    return this.act(c.id, this.api.accept(c.id, intent)).pipe(map((ok) => (ok ? intent : null)));
  }

  dismiss(c: LlmTrainingCandidateDto): Observable<boolean> {
    return this.act(c.id, this.api.dismiss(c.id));
  }

  destroy(): void {
    this.list.destroy();
  }

  private act(id: string, call: Observable<unknown>): Observable<boolean> {
    if (this.working().has(id)) return of(false);
    this.working.update((s) => new Set(s).add(id));
    this.actionError.set(null);
    return call.pipe(
      // Handled: it no longer belongs to the "new" list.
      tap(() => this.list.remove(id)),
      map(() => true),
      catchError((err: unknown) => {
        const e = toApiError(err);
        // 409: someone else handled it already; it is not "new" any more either.
        if (e.statusCode === 409 || e.statusCode === 404) this.list.remove(id);
        this.actionError.set(e.message);
        return of(false);
      }),
      finalize(() =>
        this.working.update((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        }),
      ),
    );
  }
}
