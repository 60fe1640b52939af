import { Routes } from '@angular/router';
import { IntentsTabComponent } from './intents-tab.component';
import { provideNluIcons } from './nlu-icons';
import { NluPageComponent } from './nlu-page.component';
import { TrainingTabComponent } from './training-tab.component';
import { TryTabComponent } from './try-tab.component';

/** `/nlu/intents`, `/nlu/try`, `/nlu/training`: the tabs of the language engine page. */
export const nluRoutes: Routes = [
  {
    path: '',
    component: NluPageComponent,
    providers: [provideNluIcons()],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'intents' },
      { path: 'intents', component: IntentsTabComponent, title: 'nlu.title' },
      { path: 'try', component: TryTabComponent, title: 'nlu.title' },
      { path: 'training', component: TrainingTabComponent, title: 'nlu.title' },
    ],
  },
];
