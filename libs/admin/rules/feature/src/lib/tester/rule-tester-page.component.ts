import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { TranslocoPipe } from '@jsverse/transloco';
import { RuleReferencesStore } from '@kefu/admin/rules/data-access';
import { RuleTestRunnerComponent } from './rule-test-runner.component';

/** `/rules/tester`: runs the stored rules over a message and shows why each one matched or not. */
@Component({
  selector: 'kefu-rule-tester-page',
  imports: [MatCardModule, TranslocoPipe, RuleTestRunnerComponent],
  providers: [RuleReferencesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined" class="card">
      <p class="intro">{{ 'rules.tester.intro' | transloco }}</p>
      <kefu-rule-test-runner />
    </mat-card>
  `,
  styles: `
    .card {
      padding: 16px;
    }
    .intro {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class RuleTesterPageComponent {
  constructor() {
    inject(RuleReferencesStore).load();
  }
}
