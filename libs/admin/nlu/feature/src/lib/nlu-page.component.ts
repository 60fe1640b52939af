import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { NluIntentsStore, NluTrainingStore } from '@kefu/admin/nlu/data-access';
import { PageHeaderComponent } from '@kefu/admin/ui';
import { NluActions } from './nlu-actions';
import { TrainingProgressComponent } from './training-progress.component';

/**
 * The language engine console: a header with the active model and Retrain, the run in progress,
 * and tabs (child routes) for intents, the try-it box and training history. Owns the stores the tabs share.
 */
@Component({
  selector: 'kefu-nlu-page',
  imports: [
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    MatButtonModule,
    MatIconModule,
    MatTabsModule,
    TranslocoPipe,
    PageHeaderComponent,
    TrainingProgressComponent,
  ],
  providers: [NluTrainingStore, NluIntentsStore, NluActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <kefu-page-header [title]="'nlu.title' | transloco" [subtitle]="'nlu.subtitle' | transloco">
      @if (training.activeModel(); as model) {
        <span class="model-chip" data-testid="nlu-active-model">
          <mat-icon svgIcon="psychology" />
          {{ 'nlu.activeModel' | transloco: { version: model.version } }}
        </span>
      }
      @if (actions.canManage()) {
        <button
          mat-flat-button
          (click)="actions.retrain()"
          [disabled]="training.training() || training.starting()"
          data-testid="nlu-retrain"
        >
          <mat-icon svgIcon="refresh" />
          {{ (training.training() ? 'nlu.training.inProgress' : 'nlu.training.retrain') | transloco }}
        </button>
      }
    </kefu-page-header>

    @if (training.current(); as run) {
      <kefu-nlu-training-progress
        class="progress"
        [run]="run"
        [lang]="lang()"
        [dismissible]="true"
        (dismiss)="training.dismissCurrent()"
      />
    } @else if (training.changesPending() && actions.canManage()) {
      <div class="notice" role="status">
        <mat-icon svgIcon="info" />
        <span>{{ 'nlu.changesPending' | transloco }}</span>
        <button mat-button (click)="actions.retrain()">{{ 'nlu.training.retrainNow' | transloco }}</button>
      </div>
    }

    <nav mat-tab-nav-bar [tabPanel]="panel" class="tabs" [attr.aria-label]="'nlu.title' | transloco">
      @for (tab of tabs; track tab.path) {
        <a
          mat-tab-link
          [routerLink]="tab.path"
          routerLinkActive
          #rla="routerLinkActive"
          [active]="rla.isActive"
          [attr.data-testid]="'nlu-tab-' + tab.path"
        >
          {{ tab.label | transloco }}
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="panel">
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
      max-width: 1200px;
    }
    .model-chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 12px;
      border-radius: 999px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
    }
    .model-chip mat-icon {
      width: 18px;
      height: 18px;
    }
    .progress,
    .notice {
      display: block;
      margin-bottom: 16px;
    }
    .notice {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 8px 8px 8px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .notice span {
      flex: 1;
    }
    .tabs {
      margin-bottom: 16px;
    }
  `,
})
export class NluPageComponent {
  protected readonly training = inject(NluTrainingStore);
  protected readonly actions = inject(NluActions);
  private readonly intents = inject(NluIntentsStore);
  private readonly transloco = inject(TranslocoService);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly lang = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly tabs = [
    { path: 'intents', label: 'nlu.tabs.intents' },
    { path: 'try', label: 'nlu.tabs.try' },
    { path: 'training', label: 'nlu.tabs.training' },
  ];

  constructor() {
    this.training.load();
    this.intents.load();
    this.training.finished$.pipe(takeUntilDestroyed()).subscribe((run) => {
      const message =
        run.status === 'succeeded'
          ? this.transloco.translate('nlu.training.succeeded', { version: run.modelVersion })
          : this.transloco.translate('nlu.training.failed');
      this.snackBar.open(message, undefined, { duration: 5000 });
    });
  }
}
