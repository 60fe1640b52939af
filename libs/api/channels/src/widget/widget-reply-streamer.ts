import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ChannelType } from '@kefu/shared/contracts';
import { ReplyStream, ReplyStreamer, ReplyStreams, ReplyStreamTarget } from '@kefu/api/conversations';
import { WidgetInboxes } from './widget-inboxes';
import { WidgetReplyStream } from './widget-reply-stream';
import { identityRoom, WidgetBroadcaster } from './widget.broadcaster';
import { WidgetStore } from './widget.store';

/**
 * Shows the bot's reply in the widget while it is written. The stream goes to the same rooms as the
 * finished reply (every widget identity of the contact on the inbox: all their tabs and devices), from
 * whichever process writes it: a worker without the `/widget` namespace publishes through Redis.
 *
 * "The bot is typing" is not switched off here: an old widget ignores the stream and keeps its dots
 * until the reply arrives (the delivery stops the typing as before); a new one hides them while its
 * streamed bubble is on screen and brings them back if the stream is withdrawn.
 */
@Injectable()
export class WidgetReplyStreamer implements ReplyStreamer, OnModuleInit {
  readonly channel = ChannelType.Widget;

  constructor(
    private readonly streams: ReplyStreams,
    private readonly store: WidgetStore,
    private readonly broadcaster: WidgetBroadcaster,
    private readonly widgetInboxes: WidgetInboxes,
  ) {}

  onModuleInit() {
    this.streams.register(this);
  }

  async open(target: ReplyStreamTarget): Promise<ReplyStream | null> {
    if (target.channel !== this.channel || !this.broadcaster.reachable) return null;
    if (!(await this.widgetInboxes.get(target.inboxId))) return null;
    const rooms = (await this.store.identitiesOf(target.inboxId, target.contactId)).map((ext) => identityRoom(target.inboxId, ext));
    if (!rooms.length) return null;
    return new WidgetReplyStream(randomUUID(), { conversationId: target.conversationId, replyTo: target.replyTo }, (e) =>
      this.broadcaster.emit(rooms, e.event, e.payload),
    );
  }
}
