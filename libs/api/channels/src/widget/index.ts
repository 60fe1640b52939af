import { WidgetInboxes } from './widget-inboxes';
import { WidgetReplyStreamer } from './widget-reply-streamer';
import { WidgetSessions } from './widget-session';
import { WidgetUploads } from './widget-uploads.service';
import { WidgetUploadsController } from './widget-uploads.controller';
import { WidgetAdapter } from './widget.adapter';
import { WidgetBroadcaster } from './widget.broadcaster';
import { WidgetGateway } from './widget.gateway';
import { WidgetStore } from './widget.store';

/** The web chat widget's server side (docs/widget.md); ChannelsModule wires it (the adapter needs DeliveryService). */
export const WIDGET_CONTROLLERS = [WidgetUploadsController];
export const WIDGET_PROVIDERS = [WidgetInboxes, WidgetStore, WidgetBroadcaster, WidgetSessions, WidgetUploads, WidgetGateway, WidgetAdapter, WidgetReplyStreamer];

export { WidgetAdapter, WidgetBroadcaster, WidgetGateway, WidgetReplyStreamer, WidgetUploads };
export type { StreamFrame as WidgetStreamFrame } from './widget-reply-stream';
export { WidgetEvents } from './widget.gateway';
export { identityRoom } from './widget.broadcaster';
export { sniffImageType } from './image-sniff';
export { hmacHex as widgetIdentityHash } from './widget-identity';
export { WIDGET_NAMESPACE, WidgetRefusal, type WidgetMessage } from './widget.protocol';
export type { WidgetSession } from './widget-session';
