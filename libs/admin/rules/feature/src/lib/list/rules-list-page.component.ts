import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { toApiError } from '@kefu/admin/auth/data-access';
import { describeRule, RulesListStore } from '@kefu/admin/rules/data-access';
import { confirmAction, EmptyStateComponent } from '@kefu/admin/ui';
import { EscalationRuleDto, RULE_EVENTS, RuleEvent } from '@kefu/shared/contracts';

/** `/rules`: the built-in safety triggers, then the rules in order: filter by event, switch, drag to reorder, edit, delete. */
@Component({
  selector: 'kefu-rules-list-page',
  imports: [
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
  ],
  providers: [RulesListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rules-list-page.component.html',
  styleUrl: './rules-list-page.component.scss',
})
export class RulesListPageComponent {
  protected readonly store = inject(RulesListStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  /** The active language's strings once loaded: the sentences below are built from them in code. */
  private readonly strings = toSignal(this.transloco.selectTranslation());
  protected readonly events = RULE_EVENTS;
  /** Each rule in one line, in the active language. */
  protected readonly summaries = computed(() => {
    this.strings();
    const t = (key: string, params?: Record<string, unknown>) => this.transloco.translate(key, params);
    return new Map(this.store.rules().map((r) => [r.id, describeRule(t, r, this.store.teamName)]));
  });

  constructor() {
    this.store.load();
  }

  protected setEvent(value: RuleEvent | 'all' | null | undefined): void {
    this.store.event.set(!value || value === 'all' ? null : value);
  }

  protected drop(e: CdkDragDrop<EscalationRuleDto[]>): void {
    if (e.previousIndex === e.currentIndex) return;
    this.store.move(e.previousIndex, e.currentIndex).subscribe({
      next: () => this.notify('rules.list.reordered'),
      error: (err: unknown) => this.fail(err, 'rules.list.reorderFailed'),
    });
  }

  protected toggle(rule: EscalationRuleDto, enabled: boolean): void {
    this.store.setEnabled(rule, enabled).subscribe({
      next: (saved) => this.notify(enabled ? 'rules.list.enabledOn' : 'rules.list.enabledOff', { name: saved.name }),
      error: (err: unknown) => this.fail(err),
    });
  }

  protected remove(rule: EscalationRuleDto): void {
    confirmAction(this.dialog, {
      title: this.transloco.translate('rules.delete.title'),
      message: this.transloco.translate('rules.delete.message', { name: rule.name }),
      confirm: this.transloco.translate('rules.delete.confirm'),
      cancel: this.transloco.translate('common.cancel'),
      danger: true,
    }).subscribe(() =>
      this.store.remove(rule).subscribe({
        next: () => this.notify('rules.delete.done', { name: rule.name }),
        error: (err: unknown) => this.fail(err),
      }),
    );
  }

  private notify(key: string, params?: Record<string, unknown>): void {
    this.snackBar.open(this.transloco.translate(key, params), undefined, { duration: 3000 });
  }

  private fail(err: unknown, fallback = 'errors.generic'): void {
    this.snackBar.open(
      toApiError(err).message || this.transloco.translate(fallback),
      this.transloco.translate('common.dismiss'),
      { duration: 6000 },
    );
  }
}
