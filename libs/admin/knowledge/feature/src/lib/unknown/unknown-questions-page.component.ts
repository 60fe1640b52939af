import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { localeForLanguage, UnknownQuestionsService } from '@kefu/admin/knowledge/data-access';
import { EmptyStateComponent, LocalizedDatePipe } from '@kefu/admin/ui';
import {
  Permission,
  UNKNOWN_GROUP_STATUSES,
  UNKNOWN_QUESTION_REASONS,
  UnknownGroupStatus,
  UnknownQuestionDto,
  UnknownQuestionGroupDto,
} from '@kefu/shared/contracts';
import { Subscription } from 'rxjs';
import { errorText, injectLang, KbNumberPipe } from '../knowledge-ui';
import { LabelIntentDialogComponent } from './label-intent-dialog.component';

const PAGE_SIZE = 20;
const LANGUAGES = ['zh', 'en', 'ja'];

@Component({
  selector: 'kb-unknown-questions-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    KbNumberPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './unknown-questions-page.component.html',
  styleUrl: './unknown-questions-page.component.scss',
})
export class UnknownQuestionsPageComponent {
  private readonly api = inject(UnknownQuestionsService);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);
  private listSub: Subscription | null = null;

  protected readonly lang = injectLang();
  protected readonly statuses = UNKNOWN_GROUP_STATUSES;
  protected readonly reasons = UNKNOWN_QUESTION_REASONS;
  protected readonly languages = LANGUAGES;
  protected readonly ALL = '';
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));

  protected readonly status = signal<UnknownGroupStatus>('open');
  protected readonly language = signal('');
  protected readonly groups = signal<UnknownQuestionGroupDto[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Groups with an action on its way. */
  protected readonly busy = signal<ReadonlySet<string>>(new Set());

  constructor() {
    this.load();
  }

  protected setStatus(status: UnknownGroupStatus | undefined): void {
    if (!status) return;
    this.status.set(status);
    this.load();
  }

  protected setLanguage(language: string): void {
    this.language.set(language);
    this.load();
  }

  protected load(more = false): void {
    this.listSub?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.listSub = this.api
      .list({
        status: this.status(),
        language: this.language() || null,
        limit: PAGE_SIZE,
        cursor: more ? this.nextCursor() : null,
      })
      .subscribe({
        next: (page) => {
          this.groups.update((list) => (more ? [...list, ...page.items] : page.items));
          this.nextCursor.set(page.nextCursor);
          this.loading.set(false);
          this.loaded.set(true);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.error.set(errorText(err, this.transloco));
        },
      });
  }

  protected reasonEntries(g: UnknownQuestionGroupDto): { reason: string; count: number }[] {
    return this.reasons.flatMap((reason) =>
      g.reasons[reason] ? [{ reason, count: g.reasons[reason] ?? 0 }] : [],
    );
  }

  protected languageName(code: string): string {
    this.lang();
    const base = code.toLowerCase().split('-')[0];
    return [...LANGUAGES, 'und'].includes(base)
      ? this.transloco.translate(`knowledge.languages.${base}`)
      : code;
  }

  /** A group of one question shows it once, as its title, with the example's details below. */
  protected examplesOf(g: UnknownQuestionGroupDto): UnknownQuestionDto[] {
    return g.examples.length === 1 && g.examples[0].text === g.sample
      ? g.examples.map((e) => ({ ...e, text: '' }))
      : g.examples;
  }

  protected agentAnswer(g: UnknownQuestionGroupDto): string | null {
    return g.examples.find((e) => e.agentAnswer)?.agentAnswer ?? null;
  }

  protected isBusy(g: UnknownQuestionGroupDto): boolean {
    return this.busy().has(g.id);
  }

  protected label(g: UnknownQuestionGroupDto): void {
    this.dialog
      .open<LabelIntentDialogComponent, UnknownQuestionGroupDto, UnknownQuestionGroupDto>(
        LabelIntentDialogComponent,
        {
          data: g,
          width: '520px',
        },
      )
      .afterClosed()
      .subscribe((labelled) => {
        if (!labelled) return;
        this.settle(labelled);
        this.toast(this.transloco.translate('knowledge.unknown.labelled', { intent: labelled.intent ?? '' }));
      });
  }

  protected toArticle(g: UnknownQuestionGroupDto): void {
    this.setBusy(g.id, true);
    this.api.toArticle(g.id, { locale: localeForLanguage(g.language) }).subscribe({
      next: (article) => {
        this.setBusy(g.id, false);
        this.toast(this.transloco.translate('knowledge.unknown.converted'));
        void this.router.navigate(['/knowledge/articles', article.id]);
      },
      error: (err: unknown) => {
        this.setBusy(g.id, false);
        this.toast(errorText(err, this.transloco));
      },
    });
  }

  protected dismiss(g: UnknownQuestionGroupDto): void {
    this.setBusy(g.id, true);
    this.api.dismiss(g.id).subscribe({
      next: (dismissed) => {
        this.setBusy(g.id, false);
        this.settle(dismissed);
        this.toast(this.transloco.translate('knowledge.unknown.dismissed'));
      },
      error: (err: unknown) => {
        this.setBusy(g.id, false);
        this.toast(errorText(err, this.transloco));
      },
    });
  }

  /** A group that left the status on screen leaves the list; otherwise it is updated in place. */
  private settle(group: UnknownQuestionGroupDto): void {
    this.groups.update((list) =>
      group.status === this.status()
        ? list.map((g) => (g.id === group.id ? group : g))
        : list.filter((g) => g.id !== group.id),
    );
  }

  private setBusy(id: string, on: boolean): void {
    this.busy.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  private toast(message: string): void {
    this.snackBar.open(message, this.transloco.translate('common.dismiss'), { duration: 4000 });
  }
}
