import { Routes } from '@angular/router';
import { DeliveryFailuresPageComponent } from './delivery-failures/delivery-failures-page.component';
import { provideWebhookIcons } from './webhook-icons';
import { WebhooksPageComponent } from './webhooks/webhooks-page.component';

/** `/webhooks`: outbound webhooks. */
export const webhooksRoutes: Routes = [
  { path: '', component: WebhooksPageComponent, providers: [provideWebhookIcons()], title: 'webhooks.title' },
];

/** `/delivery-failures`: dead webhook deliveries and failed replies, with replay. */
export const deliveryFailuresRoutes: Routes = [
  {
    path: '',
    component: DeliveryFailuresPageComponent,
    providers: [provideWebhookIcons()],
    title: 'deliveryFailures.title',
  },
];
