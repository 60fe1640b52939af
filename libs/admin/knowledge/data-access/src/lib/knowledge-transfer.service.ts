import { HttpClient, HttpEvent, HttpEventType, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ArticleStatus,
  KNOWLEDGE_FORMAT_CONTENT_TYPES,
  type KnowledgeFileFormat,
  type KnowledgeImportDto,
} from '@kefu/shared/contracts';
import { filter, map, Observable } from 'rxjs';
import { idPath, KNOWLEDGE_API, queryParams } from './knowledge-http';
import { UploadHttpClient } from './upload-http-client';

export interface ImportOptions {
  format: KnowledgeFileFormat;
  /** Locale of rows that name none. */
  locale?: string | null;
  /** Status of rows that name none (the API's default: published). */
  status?: ArticleStatus | null;
}

export interface ExportOptions {
  format: KnowledgeFileFormat;
  locale?: string | null;
  status?: ArticleStatus | null;
}

/** Bytes moved so far; `total` is null when the server does not say. */
export interface TransferProgress<T> {
  loaded: number;
  total: number | null;
  /** Set once the transfer is complete. */
  result?: T;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** The format a file name suggests: .csv, .json, or .zip (Markdown files). */
export function formatOfFile(name: string): KnowledgeFileFormat | null {
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'csv') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'zip') return 'markdown';
  return null;
}

const FILE_EXTENSIONS: Record<KnowledgeFileFormat, string> = { csv: 'csv', json: 'json', markdown: 'zip' };

function fileNameFrom(disposition: string | null, format: KnowledgeFileFormat): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  if (plain?.[1]) return plain[1];
  return `knowledge-${new Date().toISOString().slice(0, 10)}.${FILE_EXTENSIONS[format]}`;
}

function progressOf<R>(event: HttpEvent<unknown>): TransferProgress<R> | null {
  if (event.type === HttpEventType.UploadProgress || event.type === HttpEventType.DownloadProgress) {
    return { loaded: event.loaded, total: event.total ?? null };
  }
  return null;
}

/** Imports (raw file upload, then a background job) and exports of articles. */
@Injectable({ providedIn: 'root' })
export class KnowledgeTransferService {
  private readonly http = inject(HttpClient);
  private readonly upload = inject(UploadHttpClient);

  /**
   * Uploads the file as the raw request body. Emits upload progress, then once with `result`: the
   * queued import, whose progress `getImport` reports.
   */
  startImport(file: File, options: ImportOptions): Observable<TransferProgress<KnowledgeImportDto>> {
    const params = queryParams({
      format: options.format,
      locale: options.locale,
      status: options.status,
      fileName: file.name.slice(0, 200),
    });
    const headers = new HttpHeaders({ 'Content-Type': KNOWLEDGE_FORMAT_CONTENT_TYPES[options.format] });
    return this.upload
      .post<KnowledgeImportDto>(`${KNOWLEDGE_API}/imports`, file, {
        params,
        headers,
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event) => {
          if (event.type === HttpEventType.Response) {
            return { loaded: file.size, total: file.size, result: event.body ?? undefined };
          }
          return progressOf<KnowledgeImportDto>(event);
        }),
        filter((p): p is TransferProgress<KnowledgeImportDto> => p !== null),
      );
  }

  getImport(id: string): Observable<KnowledgeImportDto> {
    return this.http.get<KnowledgeImportDto>(`${KNOWLEDGE_API}/imports/${idPath(id)}`);
  }

  /** Recent imports, newest first. */
  listImports(): Observable<KnowledgeImportDto[]> {
    return this.http.get<KnowledgeImportDto[]>(`${KNOWLEDGE_API}/imports`);
  }

  /** Downloads an export; emits download progress, then once with `result`: the file. */
  export(options: ExportOptions): Observable<TransferProgress<DownloadedFile>> {
    return this.http
      .get(`${KNOWLEDGE_API}/export`, {
        params: queryParams(options),
        responseType: 'blob',
        reportProgress: true,
        observe: 'events',
      })
      .pipe(
        map((event): TransferProgress<DownloadedFile> | null => {
          if (event.type === HttpEventType.Response) {
            const blob = event.body ?? new Blob();
            const fileName = fileNameFrom(event.headers.get('Content-Disposition'), options.format);
            return { loaded: blob.size, total: blob.size, result: { blob, fileName } };
          }
          return progressOf<DownloadedFile>(event);
        }),
        filter((p): p is TransferProgress<DownloadedFile> => p !== null),
      );
  }
}

/** Hands a downloaded file to the browser's "save" flow. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
