import { registerPersonalData } from '@kefu/api/platform/database';
import { Upload } from './upload.entity';
import { Webhook } from './webhook.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

export { Upload, Webhook, WebhookDelivery };
export const CHANNEL_ENTITIES = [Upload, Webhook, WebhookDelivery];

registerPersonalData(
  { table: 'uploads', columns: ['data', 'name'], subject: { kind: 'contact', column: 'contact_id' }, description: 'images shoppers sent from the chat widget, and images and PDFs attached to their e-mails' },
  {
    table: 'webhook_deliveries',
    columns: ['payload'],
    subject: { kind: 'contact', column: 'conversation_id', via: { table: 'conversations', column: 'contact_id' } },
    description: 'events sent to outbound webhooks, with the message text they carry',
  },
);
