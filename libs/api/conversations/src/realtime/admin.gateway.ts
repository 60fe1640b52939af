import { Inject, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { hasPermission, Permission, RealtimeEvent } from '@kefu/shared/contracts';
import { APP_CONFIG, AppConfig } from '@kefu/api/platform/config';
import { AuthService } from '@kefu/api/identity';
import { ConversationsService, toMessageDto } from '../conversations.service';
import { ConversationEvents, ConversationUpdatedPayload, MessageCreatedPayload, MessageUpdatedPayload } from '../events/conversation.events';

const ROOM = 'conversations';

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Whether an event could reach anyone. Without Redis only local sockets can listen, so the rows
   * are not reloaded for nobody; with Redis, other replicas' sockets may be listening.
   */
  private get listened(): boolean {
    if (!this.server) return false;
    return this.config.queue.kind === 'bullmq' || (this.server.adapter.rooms.get(ROOM)?.size ?? 0) > 0;
  }

  async handleConnection(socket: Socket): Promise<void> {
    const user = await this.auth.userFromCookieHeader(socket.handshake.headers.cookie).catch(() => null);
    if (!user || !hasPermission(user.role, Permission.ConversationsRead)) {
      socket.emit('unauthorized', { message: user ? 'missing permission conversations.read' : 'log in first' });
      socket.disconnect(true);
      return;
    }
    await socket.join(ROOM);
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
    this.server.to(ROOM).emit(RealtimeEvent.ConversationUpdated, { conversation });
  }

  private async sendMessage(event: string, messageId: string) {
    if (!this.listened) return;
    const m = await this.conversations.message(messageId);
    if (m) this.server.to(ROOM).emit(event, { conversationId: m.conversationId, message: toMessageDto(m) });
  }
}
