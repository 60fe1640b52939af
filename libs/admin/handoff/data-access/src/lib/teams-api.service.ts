import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AgentAvailability, TeamDto, TeamInput } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';
import { HANDOFF_API } from './http-params';

/** A member of staff who can work conversations (admins and agents), as `GET /handoff/agents` lists them. */
export interface HandoffAgentDto {
  id: string;
  name: string;
  role: string;
  availability: AgentAvailability;
  /** Open conversations assigned to them. */
  load: number;
  teamIds: string[];
}

const teamPath = (id: string) => `${HANDOFF_API}/teams/${encodeURIComponent(id)}`;

/** Teams and their members (`handoff.work` reads, `handoff.manage` writes). */
@Injectable({ providedIn: 'root' })
export class TeamsApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<TeamDto[]> {
    return this.http.get<TeamDto[]>(`${HANDOFF_API}/teams`);
  }

  create(input: TeamInput): Observable<TeamDto> {
    return this.http.post<TeamDto>(`${HANDOFF_API}/teams`, input);
  }

  update(id: string, input: TeamInput): Observable<TeamDto> {
    return this.http.put<TeamDto>(teamPath(id), input);
  }

  /** 409 while the team still has open conversations. */
  remove(id: string): Observable<void> {
    return this.http.delete<void>(teamPath(id));
  }

  /** Staff who can be team members, with their availability and load. */
  agents(): Observable<HandoffAgentDto[]> {
    return this.http.get<HandoffAgentDto[]>(`${HANDOFF_API}/agents`);
  }
}
