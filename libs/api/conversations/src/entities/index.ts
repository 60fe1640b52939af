import { registerPersonalData } from '@kefu/api/platform/database';
import { Contact } from './contact.entity';
import { ContactIdentity } from './contact-identity.entity';
import { ContactKey } from './contact-key.entity';
import { Conversation } from './conversation.entity';
import { ConversationEvent } from './conversation-event.entity';
import { Inbox } from './inbox.entity';
import { Message } from './message.entity';

export { Contact, ContactIdentity, ContactKey, Conversation, ConversationEvent, Inbox, Message };
export const CONVERSATION_ENTITIES = [Inbox, Contact, ContactIdentity, ContactKey, Conversation, Message, ConversationEvent];

registerPersonalData(
  { table: 'contacts', columns: ['name', 'email', 'phone', 'customer_ref'], subject: { kind: 'contact', column: 'id' }, description: 'shopper name and contact details' },
  { table: 'contact_keys', columns: ['value'], subject: { kind: 'contact', column: 'contact_id' }, description: 'verified e-mail, phone, WeChat unionid or shop customer id that link one shopper across channels' },
  { table: 'contact_identities', columns: ['external_id'], subject: { kind: 'contact', column: 'contact_id' }, description: "the shopper's id in each channel" },
  { table: 'conversations', columns: ['last_message_preview'], subject: { kind: 'contact', column: 'contact_id' }, description: 'start of the latest message' },
  { table: 'messages', columns: ['text', 'attachments', 'metadata', 'nlu', 'content'], subject: { kind: 'contact', column: 'conversation_id', via: { table: 'conversations', column: 'contact_id' } }, description: 'what the shopper and Kefu wrote, with attachments, page context, the language engine reading (entities such as phone numbers) and reply cards' },
);
