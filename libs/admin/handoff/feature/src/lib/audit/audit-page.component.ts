import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AUDIT_ACTION_GROUPS,
  AuditActionGroup,
  AuditApiService,
  auditChanges,
  auditFacts,
  CursorList,
  isKnownAuditAction,
} from '@kefu/admin/handoff/data-access';
import { EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { AuditEntryDto } from '@kefu/shared/contracts';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { pauseLabel } from '../kill-switch/pause-label';

const PAGE_SIZE = 50;

/** `/audit`: who changed rules, settings, teams, the kill switch and conversations, and when. */
@Component({
  selector: 'kefu-audit-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
})
export class AuditPageComponent {
  private readonly api = inject(AuditApiService);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });
  protected readonly groups = AUDIT_ACTION_GROUPS;
  protected readonly group = new FormControl<AuditActionGroup | null>(null);
  protected readonly targetId = new FormControl('', { nonNullable: true });
  /** Ids of the entries whose details are open. */
  protected readonly open = signal<ReadonlySet<string>>(new Set());
  protected readonly list = new CursorList<AuditEntryDto>((cursor) =>
    this.api.list({
      action: AUDIT_ACTION_GROUPS.find((g) => g.key === this.group.value)?.action ?? null,
      targetId: this.targetId.value.trim() || null,
      limit: PAGE_SIZE,
      cursor,
    }),
  );

  constructor() {
    this.list.reload();
    this.group.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.list.reload());
    this.targetId.valueChanges
      .pipe(
        map((v) => v.trim()),
        debounceTime(400),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.list.reload());
    inject(DestroyRef).onDestroy(() => this.list.destroy());
  }

  protected actionLabel(action: string): string {
    this.lang();
    return isKnownAuditAction(action) ? this.transloco.translate(`audit.actions.${action}`) : action;
  }

  protected targetLabel(e: AuditEntryDto): string {
    const scope = e.data['scope'];
    if (scope === 'global' || scope === 'channel' || scope === 'intent') {
      const value = e.data['value'];
      this.lang();
      return pauseLabel({ scope, value: typeof value === 'string' ? value : null }, (k, p) => this.transloco.translate(k, p));
    }
    const name = e.data['name'];
    if (typeof name === 'string' && name) return name;
    return e.targetId ? e.targetId.slice(0, 8) : '—';
  }

  protected targetType(type: string): string {
    this.lang();
    const key = `audit.targets.${type}`;
    const t = this.transloco.translate(key);
    return t === key ? type : t;
  }

  protected changes = auditChanges;
  protected facts = auditFacts;

  protected hasDetails(e: AuditEntryDto): boolean {
    return Object.keys(e.data ?? {}).length > 0;
  }

  protected toggle(id: string): void {
    this.open.update((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected clearFilters(): void {
    this.group.setValue(null, { emitEvent: false });
    this.targetId.setValue('', { emitEvent: false });
    this.list.reload();
  }
}
