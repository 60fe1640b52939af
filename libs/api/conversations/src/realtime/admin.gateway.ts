import { Inject, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { hasPermission, Permission, RealtimeEvent } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { AuthService } from '@kefu/api/identity';
import { ConversationAccess } from '../access/conversation-access';
import { ConversationsService, toMessageDto } from '../conversations.service';
import { ConversationEvents, ConversationUpdatedPayload, MessageCreatedPayload, MessageUpdatedPayload } from '../events/conversation.events';

/** Sockets that see every conversation; the others are in `team:<id>` and `user:<id>` rooms. */
const ROOM = 'conversations';
const teamRoom = (id: string) => `team:${id}`;
const userRoom = (id: string) => `user:${id}`;

/** Where an event about one conversation may go. */
export interface Audience {
  teamId: string | null;
  assigneeId: string | null;
}

/**
 * Live updates for the admin (namespace `/admin`), authenticated by the session cookie.
 * With Redis, the socket.io Redis adapter carries events from worker processes to every API replica.
 */
@WebSocketGateway({ namespace: '/admin' })
export class AdminGateway implements OnGatewayConnection {
  private readonly log = new Logger(AdminGateway.name);
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly conversations: ConversationsService,
    private readonly access: ConversationAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Whether an event could reach anyone. Without Redis only local sockets can listen, so the rows
   * are not reloaded for nobody; with Redis, other replicas' sockets may be listening.
   */
  private get listened(): boolean {
    if (!this.server) return false;
    return this.config.queue.kind === 'bullmq' || this.server.sockets.size > 0;
  }

  private rooms(a: Audience): string[] {
    const rooms = [ROOM];
    if (a.teamId) rooms.push(teamRoom(a.teamId));
    if (a.assigneeId) rooms.push(userRoom(a.assigneeId));
    return rooms;
  }

  /** An event about one conversation, to those who may see it. */
  emitAbout(audience: Audience, event: string, payload: unknown): void {
    if (this.server) this.server.to(this.rooms(audience)).emit(event, payload);
  }

  /** An event for one staff member (wherever they are connected). */
  emitToUser(userId: string, event: string, payload: unknown): void {
    if (this.server) this.server.to(userRoom(userId)).emit(event, payload);
  }

  /**
   * A team's members changed: their open sockets join (or leave) the team's room at once, on every replica,
   * so a new member sees the team's conversations live without reconnecting.
   */
  syncTeamRoom(teamId: string, joined: readonly string[], left: readonly string[]): void {
    if (!this.server) return;
    for (const id of joined) this.server.in(userRoom(id)).socketsJoin(teamRoom(teamId));
    for (const id of left) this.server.in(userRoom(id)).socketsLeave(teamRoom(teamId));
  }

  /** An event for every connected staff member (e.g. the kill switch banner). */
  emitToAll(event: string, payload: unknown): void {
    if (this.server) this.server.emit(event, payload);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const user = await this.auth.userFromCookieHeader(socket.handshake.headers.cookie).catch(() => null);
    if (!user || !hasPermission(user.role, Permission.ConversationsRead)) {
      socket.emit('unauthorized', { message: user ? 'missing permission conversations.read' : 'log in first' });
      socket.disconnect(true);
      return;
    }
    const scope = await this.access.scopeOf(user);
    // Everyone is in their own room (notifications); agents also in their teams' rooms.
    await socket.join(scope.all ? [ROOM, userRoom(user.id)] : [userRoom(user.id), ...scope.teamIds.map(teamRoom)]);
  }

  @OnEvent(ConversationEvents.MessageCreated, { async: true, promisify: true, suppressErrors: true })
  async onMessageCreated(e: MessageCreatedPayload) {
    await this.sendMessage(RealtimeEvent.MessageCreated, e.messageId);
  }

  @OnEvent(ConversationEvents.MessageUpdated, { async: true, promisify: true, suppressErrors: true })
  async onMessageUpdated(e: MessageUpdatedPayload) {
    await this.sendMessage(RealtimeEvent.MessageUpdated, e.messageId);
  }

  @OnEvent(ConversationEvents.ConversationUpdated, { async: true, promisify: true, suppressErrors: true })
  async onConversationUpdated(e: ConversationUpdatedPayload) {
    if (!this.listened) return;
    const conversation = await this.conversations.get(e.conversationId);
    this.emitAbout(conversation, RealtimeEvent.ConversationUpdated, { conversation });
  }

  private async sendMessage(event: string, messageId: string) {
    if (!this.listened) return;
    const m = await this.conversations.message(messageId);
    if (!m) return;
    const audience = await this.conversations.audience(m.conversationId);
    this.emitAbout(audience, event, { conversationId: m.conversationId, message: toMessageDto(m) });
  }
}
