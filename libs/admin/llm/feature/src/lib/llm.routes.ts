import { Routes } from '@angular/router';
import {
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { provideCharts } from 'ng2-charts';
import { permissionGuard } from '@kefu/admin/auth/data-access';
import { Permission } from '@kefu/shared/contracts';
import { provideLlmIcons } from './llm-icons';
import { llmUnsavedChangesGuard } from './llm-unsaved-changes.guard';
import { LlmSettingsPageComponent } from './settings/llm-settings-page.component';
import { LlmTrainingPageComponent } from './training/llm-training-page.component';
import { LlmUsagePageComponent } from './usage/llm-usage-page.component';

/**
 * `/llm`: Claude's settings and key (`llm.manage`); `/llm/usage`: calls and cost per day (`llm.read`);
 * `/llm/training`: messages Claude read differently from the offline engine (`llm.manage`).
 */
export const llmRoutes: Routes = [
  {
    path: '',
    providers: [provideLlmIcons()],
    children: [
      {
        path: '',
        pathMatch: 'full',
        component: LlmSettingsPageComponent,
        canActivate: [permissionGuard(Permission.LlmManage)],
        canDeactivate: [llmUnsavedChangesGuard],
        title: 'llm.settings.title',
      },
      {
        path: 'usage',
        component: LlmUsagePageComponent,
        canActivate: [permissionGuard(Permission.LlmRead)],
        // Only what the usage chart draws: bars for cost, a line for calls.
        providers: [
          provideCharts({
            registerables: [
              BarController,
              BarElement,
              LineController,
              LineElement,
              PointElement,
              CategoryScale,
              LinearScale,
              Tooltip,
              Legend,
            ],
          }),
        ],
        title: 'llm.usage.title',
      },
      {
        path: 'training',
        component: LlmTrainingPageComponent,
        canActivate: [permissionGuard(Permission.LlmManage)],
        title: 'llm.training.title',
      },
    ],
  },
];
