import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AgentAvailability,
  AgentReplyInput,
  ContactProfileDto,
  HandoffNotificationDto,
  HandoffSummaryDto,
  MessageDto,
  NoteDto,
  QueueItemDto,
  SuggestionDto,
  TeamDto,
} from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export const HANDOFF_API = '/api/v1/handoff';
export const CONVERSATIONS_API = '/api/v1/conversations';

/** `waiting`: handed off, no one took it; `mine`: assigned to me; `open`: waiting or with an agent. */
export type QueueView = 'waiting' | 'mine' | 'open' | 'all';

export interface QueueQuery {
  view: QueueView;
  teamId?: string | null;
  limit?: number;
}

/** GET /handoff/me: my availability, my teams and my unread notifications. */
export interface AgentMeDto {
  availability: AgentAvailability;
  teams: { id: string; name: string }[];
  unread: number;
}

/** A member of staff who can work conversations (GET /handoff/agents). */
export interface WorkspaceAgentDto {
  id: string;
  name: string;
  role: string;
  availability: AgentAvailability;
  load: number;
  teamIds: string[];
}

export interface TransferInput {
  teamId: string;
  userId: string | null;
  note: string;
}

const conv = (id: string) => `${CONVERSATIONS_API}/${encodeURIComponent(id)}`;

/** The endpoints the agent workspace talks to (`handoff.work`); every action is scope-checked by the server. */
@Injectable({ providedIn: 'root' })
export class WorkspaceApiService {
  private readonly http = inject(HttpClient);

  /** Priority first, then the longest waiting, as the server orders it. */
  queue(query: QueueQuery): Observable<QueueItemDto[]> {
    let params = new HttpParams().set('view', query.view);
    if (query.teamId) params = params.set('teamId', query.teamId);
    if (query.limit) params = params.set('limit', query.limit);
    return this.http.get<QueueItemDto[]>(`${HANDOFF_API}/queue`, { params });
  }

  teams(): Observable<TeamDto[]> {
    return this.http.get<TeamDto[]>(`${HANDOFF_API}/teams`);
  }

  agents(): Observable<WorkspaceAgentDto[]> {
    return this.http.get<WorkspaceAgentDto[]>(`${HANDOFF_API}/agents`);
  }

  me(): Observable<AgentMeDto> {
    return this.http.get<AgentMeDto>(`${HANDOFF_API}/me`);
  }

  setAvailability(availability: AgentAvailability): Observable<AgentMeDto> {
    return this.http.put<AgentMeDto>(`${HANDOFF_API}/me/availability`, { availability });
  }

  notifications(): Observable<HandoffNotificationDto[]> {
    return this.http.get<HandoffNotificationDto[]>(`${HANDOFF_API}/notifications`);
  }

  markRead(id: string): Observable<void> {
    return this.http.post<void>(`${HANDOFF_API}/notifications/${encodeURIComponent(id)}/read`, {});
  }

  /** Oldest first; incoming messages carry the language engine's reading (`nlu`). */
  messages(conversationId: string): Observable<MessageDto[]> {
    return this.http.get<MessageDto[]>(`${conv(conversationId)}/messages`);
  }

  notes(conversationId: string): Observable<NoteDto[]> {
    return this.http.get<NoteDto[]>(`${conv(conversationId)}/notes`);
  }

  addNote(conversationId: string, text: string): Observable<NoteDto> {
    return this.http.post<NoteDto>(`${conv(conversationId)}/notes`, { text });
  }

  suggestions(conversationId: string): Observable<SuggestionDto[]> {
    return this.http.get<SuggestionDto[]>(`${conv(conversationId)}/suggestions`);
  }

  /** The hand-off summary (stored at the hand-off, or written now). */
  summary(conversationId: string): Observable<HandoffSummaryDto> {
    return this.http.get<HandoffSummaryDto>(`${conv(conversationId)}/summary`);
  }

  /** Writes the summary again from the conversation as it is now (may take a few seconds with Claude). */
  refreshSummary(conversationId: string): Observable<HandoffSummaryDto> {
    return this.http.post<HandoffSummaryDto>(`${conv(conversationId)}/summary`, {});
  }

  /** Sends as the agent (takes the conversation over if needed); `clientId` makes a retry safe. */
  reply(conversationId: string, input: AgentReplyInput): Observable<MessageDto> {
    return this.http.post<MessageDto>(`${conv(conversationId)}/reply`, input);
  }

  takeover(conversationId: string): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(`${conv(conversationId)}/takeover`, {});
  }

  assign(conversationId: string, userId: string | null): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(`${conv(conversationId)}/assign`, { userId });
  }

  handback(conversationId: string): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(`${conv(conversationId)}/handback`, {});
  }

  resolve(conversationId: string): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(`${conv(conversationId)}/resolve`, {});
  }

  transfer(conversationId: string, input: TransferInput): Observable<QueueItemDto> {
    return this.http.post<QueueItemDto>(`${conv(conversationId)}/transfer`, input);
  }

  setTags(conversationId: string, tags: string[]): Observable<QueueItemDto> {
    return this.http.put<QueueItemDto>(`${conv(conversationId)}/tags`, { tags });
  }

  profile(contactId: string): Observable<ContactProfileDto> {
    return this.http.get<ContactProfileDto>(`/api/v1/contacts/${encodeURIComponent(contactId)}/profile`);
  }
}
