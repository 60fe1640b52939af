import { Routes } from '@angular/router';
import { InboxListPageComponent } from './inbox-list-page.component';
import { provideInboxIcons } from './inbox-icons';
import { InboxSettingsPageComponent } from './inbox-settings-page.component';

export const inboxesRoutes: Routes = [
  {
    path: '',
    providers: [provideInboxIcons()],
    children: [
      { path: '', component: InboxListPageComponent, title: 'inboxes.title' },
      { path: ':id', component: InboxSettingsPageComponent, title: 'inbox.title' },
    ],
  },
];
