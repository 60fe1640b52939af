import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ChannelType, SenderType } from '@kefu/shared/contracts';
import { ConversationEvents, MessageUpdatedPayload } from '@kefu/api/conversations';
import { ChannelAdapter, OutboundDelivery } from '../delivery/channel-adapter';
import { DeliveryService } from '../delivery/delivery.service';
import { WidgetInboxes } from './widget-inboxes';
import { identityRoom, WidgetBroadcaster } from './widget.broadcaster';
import { toWidgetMessages } from './widget.protocol';
import { WidgetStore } from './widget.store';

/**
 * The widget's outbound side. A reply is emitted as `message` to the rooms of every widget identity
 * of the conversation's contact on the inbox (all their tabs and devices), from whichever process
 * runs the delivery job: socket.io's Redis adapter (or emitter) carries it to the replica holding
 * the socket. A shopper who is offline reads it in the history on their next visit, so handing
 * it to socket.io is delivery. "The bot is typing" stops once the last pending reply is out.
 */
@Injectable()
export class WidgetAdapter implements ChannelAdapter, OnModuleInit {
  readonly channel = ChannelType.Widget;
  private readonly log = new Logger(WidgetAdapter.name);

  constructor(
    private readonly delivery: DeliveryService,
    private readonly store: WidgetStore,
    private readonly broadcaster: WidgetBroadcaster,
    private readonly widgetInboxes: WidgetInboxes,
  ) {}

  onModuleInit() {
    this.delivery.register(this);
  }

  canDeliver(): boolean {
    return true;
  }

  async deliver({ inbox, conversation, message }: OutboundDelivery): Promise<void> {
    if (!this.broadcaster.reachable) return;
    const rooms = (await this.store.identitiesOf(inbox.id, conversation.contact.id)).map((ext) => identityRoom(inbox.id, ext));
    if (!rooms.length) return;
    for (const part of toWidgetMessages(message)) this.broadcaster.emit(rooms, 'message', part);
    if (message.senderType === SenderType.Bot && (await this.store.pendingReplies(conversation.id, message.id)) === 0) {
      this.broadcaster.emit(rooms, 'typing', { typing: false, sender: 'bot' });
    }
  }

  /** A widget message processed without a reply (a human owns the conversation, or the bot had nothing to say). */
  @OnEvent(ConversationEvents.MessageUpdated, { async: true, promisify: true, suppressErrors: true })
  async onMessageUpdated(e: MessageUpdatedPayload) {
    if (!this.broadcaster.reachable || e.direction === 'outgoing') return;
    try {
      if (e.inboxId && !(await this.widgetInboxes.get(e.inboxId))) return;
      const done = await this.store.processedWidgetMessage(e.messageId);
      if (!done || done.pending > 0) return;
      const rooms = (await this.store.identitiesOf(done.inboxId, done.contactId)).map((ext) => identityRoom(done.inboxId, ext));
      this.broadcaster.emit(rooms, 'typing', { typing: false, sender: 'bot' });
    } catch (err) {
      this.log.warn(`widget typing state not sent: ${(err as Error).message}`);
    }
  }
}
