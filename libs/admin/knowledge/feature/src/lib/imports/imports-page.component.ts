import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { AuthService } from '@kefu/admin/auth/data-access';
import {
  formatOfFile,
  ImportJobStore,
  KnowledgeTransferService,
  LOCALE_CHOICES,
  saveFile,
} from '@kefu/admin/knowledge/data-access';
import { LocalizedDatePipe } from '@kefu/admin/ui';
import {
  ArticleStatus,
  KNOWLEDGE_FILE_FORMATS,
  KnowledgeFileFormat,
  KnowledgeImportDto,
  Permission,
} from '@kefu/shared/contracts';
import { errorText, injectLang, KbLocaleNamePipe, KbNumberPipe } from '../knowledge-ui';
import { ImportReportComponent } from './import-report.component';

/** Uploads larger than this are refused before sending (the API's own limit may be lower). */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

@Component({
  selector: 'kb-imports-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    TranslocoPipe,
    LocalizedDatePipe,
    KbNumberPipe,
    KbLocaleNamePipe,
    ImportReportComponent,
  ],
  providers: [ImportJobStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './imports-page.component.html',
  styleUrl: './imports-page.component.scss',
})
export class ImportsPageComponent {
  protected readonly store = inject(ImportJobStore);
  private readonly api = inject(KnowledgeTransferService);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly transloco = inject(TranslocoService);

  protected readonly lang = injectLang();
  protected readonly formats = KNOWLEDGE_FILE_FORMATS;
  protected readonly locales = LOCALE_CHOICES;
  protected readonly statuses = Object.values(ArticleStatus);
  protected readonly ANY = '';
  protected readonly canManage = computed(() => this.auth.permissions().has(Permission.KnowledgeManage));

  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | null>(null);
  protected readonly dragging = signal(false);
  protected format: KnowledgeFileFormat = 'csv';
  protected importLocale = '';
  protected importStatus = '';

  protected exportLocale = '';
  protected exportStatus = '';
  protected readonly exporting = signal<KnowledgeFileFormat | null>(null);
  /** Download progress 0..100, or null while the size is unknown. */
  protected readonly exportPercent = signal<number | null>(null);

  protected readonly recent = signal<KnowledgeImportDto[] | null>(null);
  protected readonly recentColumns = ['file', 'status', 'counts', 'createdAt'];

  constructor() {
    this.loadRecent();
    // Refresh the list of imports when one finishes.
    effect(() => {
      const phase = this.store.phase();
      if (phase === 'done' || phase === 'failed') untracked(() => this.loadRecent());
    });
  }

  protected onFileInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.pick(input.files?.[0] ?? null);
    input.value = '';
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    if (!this.canManage() || this.store.busy()) return;
    this.pick(event.dataTransfer?.files?.[0] ?? null);
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (this.canManage() && !this.store.busy()) this.dragging.set(true);
  }

  protected upload(): void {
    const file = this.file();
    if (!file || this.store.busy()) return;
    this.store.start(file, {
      format: this.format,
      locale: this.importLocale || null,
      status: (this.importStatus || null) as ArticleStatus | null,
    });
  }

  protected startOver(): void {
    this.store.reset();
    this.file.set(null);
  }

  protected openImport(job: KnowledgeImportDto): void {
    this.store.open(job);
  }

  protected download(format: KnowledgeFileFormat): void {
    if (this.exporting()) return;
    this.exporting.set(format);
    this.exportPercent.set(0);
    this.api
      .export({
        format,
        locale: this.exportLocale || null,
        status: (this.exportStatus || null) as ArticleStatus | null,
      })
      .subscribe({
        next: (p) => {
          this.exportPercent.set(p.total ? Math.round((p.loaded / p.total) * 100) : null);
          if (p.result) saveFile(p.result);
        },
        error: (err: unknown) => {
          this.exporting.set(null);
          this.snackBar.open(errorText(err, this.transloco), this.transloco.translate('common.dismiss'), {
            duration: 6000,
          });
        },
        complete: () => this.exporting.set(null),
      });
  }

  protected sizeOf(bytes: number): string {
    const lang = this.lang();
    const units = ['byte', 'kilobyte', 'megabyte'] as const;
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], maximumFractionDigits: 1 }).format(
      value,
    );
  }

  private pick(file: File | null): void {
    this.fileError.set(null);
    if (!file) return;
    const format = formatOfFile(file.name);
    if (!format) {
      this.fileError.set(this.transloco.translate('knowledge.imports.unknownType', { name: file.name }));
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      this.fileError.set(
        this.transloco.translate('knowledge.imports.tooLarge', { size: this.sizeOf(MAX_UPLOAD_BYTES) }),
      );
      return;
    }
    this.store.reset();
    this.format = format;
    this.file.set(file);
  }

  private loadRecent(): void {
    this.api.listImports().subscribe({
      next: (list) => this.recent.set(list.slice(0, 10)),
      error: () => this.recent.set([]),
    });
  }
}
