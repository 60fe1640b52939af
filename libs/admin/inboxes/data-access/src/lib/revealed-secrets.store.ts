import { Injectable } from '@angular/core';
import type { InboxDto } from '@kefu/shared/contracts';

/**
 * Hands the one answer that carries an inbox's secret in full (create, rotate) from the create dialog
 * to the settings page it opens. Kept in memory only and given out once: a reload, or coming back
 * later, shows the masked hint, never the secret.
 */
@Injectable({ providedIn: 'root' })
export class RevealedSecretsStore {
  private readonly revealed = new Map<string, InboxDto>();

  keep(inbox: InboxDto): void {
    if (inbox.secret) this.revealed.set(inbox.id, inbox);
  }

  /** The revealed answer for this inbox, if there is one; it is forgotten as it is taken. */
  take(inboxId: string): InboxDto | null {
    const inbox = this.revealed.get(inboxId) ?? null;
    this.revealed.delete(inboxId);
    return inbox;
  }
}
