import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import {
  DialogueTemplateDto,
  TEMPLATE_FAMILIES,
  TEMPLATE_LOCALES,
  TemplateFamily,
  TemplateFilters,
  TemplateListStore,
  TemplateLocale,
  TemplateRow,
} from '@kefu/admin/dialogue/data-access';
import { EmptyStateComponent, LocalizedDatePipe, PageHeaderComponent } from '@kefu/admin/ui';
import { Permission } from '@kefu/shared/contracts';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { injectLang, TextPartsPipe } from '../dialogue-ui';
import { TemplateEditorData, TemplateEditorDialogComponent } from './template-editor-dialog.component';
import {
  RegionVariant,
  RegionVariantDialogComponent,
  RegionVariantData,
} from './region-variant-dialog.component';

const clean = (v: string | null | undefined) => (v ?? '').trim() || null;

@Component({
  selector: 'dlg-templates-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    TranslocoPipe,
    EmptyStateComponent,
    LocalizedDatePipe,
    PageHeaderComponent,
    TextPartsPipe,
  ],
  providers: [TemplateListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './templates-page.component.html',
  styleUrl: './templates-page.component.scss',
})
export class TemplatesPageComponent {
  protected readonly store = inject(TemplateListStore);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  /** Query parameters, so filters survive reloads and the back button. */
  readonly q = input<string | undefined>();
  readonly locale = input<string | undefined>();
  readonly family = input<string | undefined>();

  protected readonly lang = injectLang();
  protected readonly locales = TEMPLATE_LOCALES;
  protected readonly families = TEMPLATE_FAMILIES;
  protected readonly ALL = '';
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.DialogueManage));
  protected readonly search = new FormControl('', { nonNullable: true });

  protected readonly filters = computed<TemplateFilters>(() => ({
    q: clean(this.q()),
    locale: TEMPLATE_LOCALES.find((l) => l === this.locale()) ?? null,
    family: TEMPLATE_FAMILIES.find((f) => f === this.family()) ?? null,
  }));
  /** The locale columns on screen: the chosen one, or all three side by side. */
  protected readonly columns = computed<readonly TemplateLocale[]>(() => {
    const l = this.filters().locale;
    return l ? [l] : TEMPLATE_LOCALES;
  });
  protected readonly totalRows = computed(() => this.store.rows().length);

  constructor() {
    this.store.load();
    effect(() => {
      const f = this.filters();
      untracked(() => {
        // Keep the search box in step with the URL (back button), without searching again.
        if (clean(this.search.value) !== f.q) this.search.setValue(f.q ?? '', { emitEvent: false });
        this.store.setFilters(f);
      });
    });
    this.search.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.navigate({ q: clean(q) }));
  }

  protected setLocale(locale: string): void {
    this.navigate({ locale: locale || null });
  }

  protected setFamily(family: TemplateFamily | '' | undefined): void {
    this.navigate({ family: family || null });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.navigate({ q: null, locale: null, family: null });
  }

  /** Opens the editor on one cell: its template, or (to add it) the key's text in that locale. */
  protected open(row: TemplateRow, locale: TemplateLocale): void {
    const template = row.templates[locale] ?? null;
    if (!template && !this.canManage()) return;
    const base = row.region ? this.store.find(row.key, locale, null) : undefined;
    this.openEditor({
      key: row.key,
      locale,
      region: row.region,
      template,
      others: this.referenceTexts(row.key, locale, row.region),
      initialText: template ? undefined : (base?.text ?? ''),
      initialQuickReplies: template ? undefined : (base?.quickReplies ?? null),
      readOnly: !this.canManage(),
    });
  }

  /** Asks for a region and a locale, then opens the editor on the new variant, starting from the general text. */
  protected addVariant(row: TemplateRow): void {
    const data: RegionVariantData = {
      key: row.key,
      locale: this.filters().locale ?? this.preferredLocale(),
      existing: this.store
        .templates()
        .filter((t) => t.key === row.key && t.region)
        .map((t) => ({ locale: t.locale, region: t.region as string })),
    };
    this.dialog
      .open<RegionVariantDialogComponent, RegionVariantData, RegionVariant>(RegionVariantDialogComponent, {
        data,
        width: '520px',
      })
      .afterClosed()
      .subscribe((variant) => {
        if (!variant) return;
        const base = this.store.find(row.key, variant.locale, null) ?? this.store.find(row.key, 'en', null);
        this.openEditor({
          key: row.key,
          locale: variant.locale,
          region: variant.region,
          template: null,
          others: this.referenceTexts(row.key, variant.locale, variant.region),
          initialText: base?.text ?? '',
          initialQuickReplies: base?.quickReplies ?? null,
          readOnly: false,
        });
      });
  }

  protected cellLabel(row: TemplateRow, locale: TemplateLocale): string {
    return this.transloco.translate(
      row.templates[locale] ? 'dialogue.templates.editCell' : 'dialogue.templates.addCell',
      {
        key: row.region ? `${row.key} (${row.region})` : row.key,
        locale: this.transloco.translate(`dialogue.locales.${locale}`),
      },
    );
  }

  private openEditor(editor: Omit<TemplateEditorData, 'onReloaded'>): void {
    const data: TemplateEditorData = { ...editor, onReloaded: (t) => this.store.upsert(t) };
    this.dialog
      .open<TemplateEditorDialogComponent, TemplateEditorData, DialogueTemplateDto>(
        TemplateEditorDialogComponent,
        {
          data,
          width: '1040px',
          maxWidth: '96vw',
          autoFocus: 'first-tabbable',
          disableClose: true,
        },
      )
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.store.upsert(saved);
        this.snackBar.open(
          this.transloco.translate('dialogue.templates.saved', {
            key: saved.region ? `${saved.key} (${saved.region})` : saved.key,
            locale: this.transloco.translate(`dialogue.locales.${saved.locale}`),
            version: saved.version,
          }),
          this.transloco.translate('common.dismiss'),
          { duration: 6000 },
        );
      });
  }

  /** The key's texts in the other locales, and for a regional variant the general texts too. */
  private referenceTexts(key: string, locale: TemplateLocale, region: string | null): DialogueTemplateDto[] {
    return this.store
      .templates()
      .filter(
        (t) =>
          t.key === key &&
          !(t.locale === locale && t.region === region) &&
          (t.region === region || t.region === null),
      )
      .sort((a, b) => TEMPLATE_LOCALES.indexOf(a.locale) - TEMPLATE_LOCALES.indexOf(b.locale));
  }

  /** The template locale closest to the interface language. */
  private preferredLocale(): TemplateLocale {
    return this.lang().startsWith('zh') ? 'zh-CN' : 'en';
  }

  private navigate(queryParams: Record<string, string | null>): void {
    void this.router.navigate([], { queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
