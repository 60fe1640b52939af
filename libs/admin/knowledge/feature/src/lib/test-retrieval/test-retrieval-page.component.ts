import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import { KnowledgeSearchService, LOCALE_CHOICES } from '@kefu/admin/knowledge/data-access';
import { KnowledgeSearchResultDto, KnowledgeSettingsDto, Permission } from '@kefu/shared/contracts';
import { errorText, injectLang, KbLocaleNamePipe, KbNumberPipe } from '../knowledge-ui';
import { ThresholdSettingComponent } from './threshold-setting.component';

@Component({
  selector: 'kb-test-retrieval-page',
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
    MatSlideToggleModule,
    TranslocoPipe,
    KbNumberPipe,
    KbLocaleNamePipe,
    ThresholdSettingComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './test-retrieval-page.component.html',
  styleUrl: './test-retrieval-page.component.scss',
})
export class TestRetrievalPageComponent {
  private readonly api = inject(KnowledgeSearchService);
  private readonly auth = inject(AuthService);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = injectLang();
  protected readonly locales = LOCALE_CHOICES;
  protected readonly limits = [5, 10, 20];
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));
  protected readonly form = new FormGroup({
    query: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(1000)],
    }),
    locale: new FormControl(
      LOCALE_CHOICES.includes(this.transloco.getActiveLang()) ? this.transloco.getActiveLang() : 'zh-CN',
      {
        nonNullable: true,
      },
    ),
    region: new FormControl('', { nonNullable: true }),
    productId: new FormControl('', { nonNullable: true }),
    limit: new FormControl(5, { nonNullable: true }),
    fallbackLocales: new FormControl(false, { nonNullable: true }),
  });
  protected readonly result = signal<KnowledgeSearchResultDto | null>(null);
  /** The query the result is for. */
  protected readonly asked = signal('');
  protected readonly searching = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly settings = signal<KnowledgeSettingsDto | null>(null);
  protected readonly best = computed(() => this.result()?.hits[0] ?? null);
  protected readonly examples = computed(() => {
    this.lang();
    return this.transloco.translate<string>('knowledge.test.examples').split('|');
  });

  constructor() {
    this.api
      .settings()
      .subscribe({ next: (s) => this.settings.set(s), error: () => this.settings.set(null) });
  }

  protected run(): void {
    const v = this.form.getRawValue();
    if (!v.query.trim()) {
      this.form.controls.query.markAsTouched();
      return;
    }
    this.searching.set(true);
    this.error.set(null);
    this.api
      .search({
        query: v.query.trim(),
        locale: v.locale,
        ...(v.region.trim() ? { region: v.region.trim().toUpperCase() } : {}),
        ...(v.productId.trim() ? { productId: v.productId.trim() } : {}),
        limit: v.limit,
        fallbackLocales: v.fallbackLocales,
      })
      .subscribe({
        next: (r) => {
          this.searching.set(false);
          this.result.set(r);
          this.asked.set(v.query.trim());
        },
        error: (err: unknown) => {
          this.searching.set(false);
          this.error.set(errorText(err, this.transloco));
        },
      });
  }

  protected tryExample(text: string): void {
    this.form.controls.query.setValue(text);
    this.run();
  }

  /** Enter searches; Shift+Enter makes a new line. */
  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.run();
    }
  }

  protected onSettingsSaved(s: KnowledgeSettingsDto): void {
    this.settings.set(s);
    // The verdicts on screen were made with the old threshold.
    if (this.result()) this.run();
  }

  protected width(score: number): string {
    return `${Math.max(0, Math.min(1, score)) * 100}%`;
  }
}
