import { inject, Injectable } from '@angular/core';
import { RealtimeService } from '@kefu/admin/conversations/data-access';
import { HandoffNotificationDto, HandoffRealtimeEvent, NoteDto } from '@kefu/shared/contracts';
import { Observable } from 'rxjs';

export interface NoteCreatedEvent {
  conversationId: string;
  note: NoteDto;
}

/** The hand-off events of the shared `/admin` socket (`handoff.notification`, `note.created`), typed. */
@Injectable({ providedIn: 'root' })
export class HandoffRealtimeService {
  private readonly realtime = inject(RealtimeService);

  readonly notification$: Observable<HandoffNotificationDto> = this.realtime.on<HandoffNotificationDto>(HandoffRealtimeEvent.Notification);
  readonly noteCreated$: Observable<NoteCreatedEvent> = this.realtime.on<NoteCreatedEvent>(HandoffRealtimeEvent.NoteCreated);
}
