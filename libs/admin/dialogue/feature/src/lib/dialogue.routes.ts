import { Routes } from '@angular/router';
import { provideDialogueIcons } from './dialogue-icons';
import { TemplatesPageComponent } from './templates/templates-page.component';

/** `/templates`: the bot's reply templates. */
export const dialogueRoutes: Routes = [
  {
    path: '',
    component: TemplatesPageComponent,
    providers: [provideDialogueIcons()],
    title: 'dialogue.templates.title',
  },
];
