export enum ConversationStatus {
  Bot = 'bot',
  PendingHuman = 'pending_human',
  Human = 'human',
  Resolved = 'resolved',
}

export enum MessageDirection {
  Incoming = 'incoming',
  Outgoing = 'outgoing',
}

/**
 * Incoming: `received` (the outbox row, waiting for the worker) → `processed`.
 * Outgoing: `pending` (waiting for its channel) → `delivered` | `failed`; `sent` when the channel
 * has nothing to deliver to (e.g. an API inbox with no callback URL), so the message is only stored.
 */
export enum MessageStatus {
  Received = 'received',
  Processed = 'processed',
  Pending = 'pending',
  Delivered = 'delivered',
  Failed = 'failed',
  Sent = 'sent',
}

export enum SenderType {
  Contact = 'contact',
  Bot = 'bot',
  Agent = 'agent',
  System = 'system',
}

export enum ChannelType {
  Api = 'api',
  Widget = 'widget',
  Wechat = 'wechat',
  Email = 'email',
}

export enum Role {
  Admin = 'admin',
  Agent = 'agent',
  ComplianceOfficer = 'compliance_officer',
  Analyst = 'analyst',
}

/** Why the bot wrote an outgoing message on its own. */
export enum AutoReplyKind {
  Greeting = 'greeting',
  Away = 'away',
}
