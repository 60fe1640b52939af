import { Routes } from '@angular/router';
import { RuleEditorPageComponent } from './editor/rule-editor-page.component';
import { RulesListPageComponent } from './list/rules-list-page.component';
import { RulesPageComponent } from './rules-page.component';
import { provideRulesIcons } from './rules-icons';
import { RulesSettingsPageComponent } from './settings/rules-settings-page.component';
import { RuleTesterPageComponent } from './tester/rule-tester-page.component';
import { unsavedChangesGuard } from './unsaved-changes.guard';

/** `/rules`: escalation rules, the editor, the rule tester and the thresholds (`handoff.manage`). */
export const rulesRoutes: Routes = [
  {
    path: '',
    component: RulesPageComponent,
    providers: [provideRulesIcons()],
    children: [
      { path: '', pathMatch: 'full', component: RulesListPageComponent, title: 'rules.title' },
      { path: 'tester', component: RuleTesterPageComponent, title: 'rules.tester.title' },
      {
        path: 'settings',
        component: RulesSettingsPageComponent,
        title: 'rules.settings.title',
        canDeactivate: [unsavedChangesGuard],
      },
      { path: 'new', component: RuleEditorPageComponent, title: 'rules.editor.newTitle', canDeactivate: [unsavedChangesGuard] },
      { path: ':id', component: RuleEditorPageComponent, title: 'rules.editor.title', canDeactivate: [unsavedChangesGuard] },
    ],
  },
];
