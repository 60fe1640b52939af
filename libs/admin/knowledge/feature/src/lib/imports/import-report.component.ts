import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { saveFile } from '@kefu/admin/knowledge/data-access';
import type { ImportRowErrorDto, KnowledgeImportDto } from '@kefu/shared/contracts';
import { KbNumberPipe } from '../knowledge-ui';

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** What an import did: counts, and the rows it could not take with the reason for each. */
@Component({
  selector: 'kb-import-report',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatTableModule, TranslocoPipe, KbNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="counts" data-testid="kb-import-counts">
      <span class="count created">
        <strong>{{ job().created | kbNumber: lang() }}</strong> {{ 'knowledge.imports.created' | transloco }}
      </span>
      <span class="count updated">
        <strong>{{ job().updated | kbNumber: lang() }}</strong> {{ 'knowledge.imports.updated' | transloco }}
      </span>
      <span class="count">
        <strong>{{ job().unchanged | kbNumber: lang() }}</strong>
        {{ 'knowledge.imports.unchanged' | transloco }}
      </span>
      <span class="count failed" [class.none]="job().failed === 0">
        <strong>{{ job().failed | kbNumber: lang() }}</strong>
        {{ 'knowledge.imports.failedRows' | transloco }}
      </span>
    </div>
    @if (job().error; as error) {
      <p class="file-error" role="alert">{{ 'knowledge.imports.fileFailed' | transloco: { error } }}</p>
    }
    @if (errors().length > 0) {
      <div class="errors-head">
        <h3>{{ 'knowledge.imports.errorsTitle' | transloco }}</h3>
        @if (job().failed > errors().length) {
          <span class="muted">{{
            'knowledge.imports.errorsTruncated'
              | transloco
                : { shown: (errors().length | kbNumber: lang()), total: (job().failed | kbNumber: lang()) }
          }}</span>
        }
        <span class="spacer"></span>
        <button mat-button (click)="downloadErrors()">
          <mat-icon svgIcon="kb:download" />
          {{ 'knowledge.imports.downloadErrors' | transloco }}
        </button>
      </div>
      <div class="table-wrap">
        <table mat-table [dataSource]="errors()" data-testid="kb-import-errors">
          <ng-container matColumnDef="row">
            <th mat-header-cell *matHeaderCellDef>{{ 'knowledge.imports.row' | transloco }}</th>
            <td mat-cell *matCellDef="let e" class="num">{{ e.row | kbNumber: lang() }}</td>
          </ng-container>
          <ng-container matColumnDef="externalKey">
            <th mat-header-cell *matHeaderCellDef>{{ 'knowledge.fields.externalKey' | transloco }}</th>
            <td mat-cell *matCellDef="let e" class="key">{{ e.externalKey || '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="message">
            <th mat-header-cell *matHeaderCellDef>{{ 'knowledge.imports.problem' | transloco }}</th>
            <td mat-cell *matCellDef="let e">
              {{ e.message }}
              @if (articleOf(e); as id) {
                <a [routerLink]="['/knowledge/articles', id]" class="link">{{
                  'knowledge.imports.openArticle' | transloco: { id }
                }}</a>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns; sticky: true"></tr>
          <tr mat-row *matRowDef="let e; columns: columns"></tr>
        </table>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .counts {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      margin: 8px 0 12px;
    }
    .count strong {
      font: var(--mat-sys-title-large);
      margin-right: 4px;
    }
    .created strong {
      color: #1b6d36;
    }
    .updated strong {
      color: var(--mat-sys-primary);
    }
    .failed strong {
      color: var(--mat-sys-error);
    }
    .failed.none strong {
      color: inherit;
    }
    .file-error {
      color: var(--mat-sys-error);
    }
    .errors-head {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      h3 {
        font: var(--mat-sys-title-small);
        margin: 0;
      }
    }
    .spacer {
      flex: 1;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .table-wrap {
      max-height: 420px;
      overflow: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin-top: 8px;
    }
    table {
      width: 100%;
    }
    .num {
      width: 72px;
      font-variant-numeric: tabular-nums;
    }
    .key {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
      min-width: 96px;
      max-width: 220px;
      overflow-wrap: anywhere;
    }
    .link {
      margin-left: 8px;
    }
  `,
})
export class ImportReportComponent {
  readonly job = input.required<KnowledgeImportDto>();
  readonly lang = input.required<string>();

  protected readonly columns = ['row', 'externalKey', 'message'];
  protected readonly errors = computed(() => [...this.job().errors].sort((a, b) => a.row - b.row));

  /** "duplicates article 12" links to article 12. */
  protected articleOf(e: ImportRowErrorDto): number | null {
    const m = /\barticle (\d+)\b/.exec(e.message);
    return m ? Number(m[1]) : null;
  }

  protected downloadErrors(): void {
    const lines = [
      'row,external_key,problem',
      ...this.errors().map((e) => [String(e.row), e.externalKey ?? '', e.message].map(csvCell).join(',')),
    ];
    const name = (this.job().fileName ?? 'import').replace(/\.[^.]+$/, '');
    saveFile({
      blob: new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv' }),
      fileName: `${name}-errors.csv`,
    });
  }
}
