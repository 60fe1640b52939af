import { Routes } from '@angular/router';
import { ConversationListPageComponent } from './conversation-list-page.component';
import { TranscriptPageComponent } from './transcript-page.component';

export const conversationsRoutes: Routes = [
  { path: '', component: ConversationListPageComponent, title: 'conversations.title' },
  { path: ':id', component: TranscriptPageComponent, title: 'transcript.title' },
];
