import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { KillSwitchDto, PauseInput } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { HANDOFF_API } from './http-params';

/** The bot's kill switch (read: any staff; write: `handoff.manage`). */
@Injectable({ providedIn: 'root' })
export class KillSwitchApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<KillSwitchDto> {
    return this.http.get<KillSwitchDto>(`${HANDOFF_API}/kill-switch`);
  }

  /** 409 when the same pause is already on. The answer's `lastMoved` says how many went to humans. */
  pause(input: PauseInput): Observable<KillSwitchDto> {
    return this.http.post<KillSwitchDto>(`${HANDOFF_API}/kill-switch`, input);
  }

  resume(id: string): Observable<KillSwitchDto> {
    return this.http.delete<KillSwitchDto>(`${HANDOFF_API}/kill-switch/${encodeURIComponent(id)}`);
  }
}
