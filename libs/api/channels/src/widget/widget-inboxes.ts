import { Injectable, NotFoundException } from '@nestjs/common';
import { ChannelType, widgetSettingsSchema, type WidgetSettings } from '@kefu/shared/contracts';
import { Inbox, InboxesService } from '@kefu/api/conversations';

export interface WidgetInbox {
  inbox: Inbox;
  settings: WidgetSettings;
}

const TTL_MS = 5_000;
const MAX_ENTRIES = 1_000;

/**
 * Widget inboxes by id, cached for a few seconds: a page load storm (thousands of sockets
 * connecting) reads each inbox once, and a changed setting or rotated secret applies within 5 s.
 */
@Injectable()
export class WidgetInboxes {
  private readonly cache = new Map<string, { at: number; value: Promise<WidgetInbox | null> }>();

  constructor(private readonly inboxes: InboxesService) {}

  /** The widget inbox, or null when there is no inbox with that id or it is not a widget. */
  get(inboxId: string): Promise<WidgetInbox | null> {
    const now = Date.now();
    const hit = this.cache.get(inboxId);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    const value = this.load(inboxId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(inboxId, { at: now, value });
    // A failed read (database down) is not remembered.
    value.catch(() => this.cache.delete(inboxId));
    return value;
  }

  private async load(inboxId: string): Promise<WidgetInbox | null> {
    let inbox: Inbox;
    try {
      inbox = await this.inboxes.get(inboxId);
    } catch (e) {
      if (e instanceof NotFoundException) return null;
      throw e;
    }
    if (inbox.channel !== ChannelType.Widget) return null;
    return { inbox, settings: widgetSettingsSchema.parse(inbox.settings ?? {}) };
  }
}
