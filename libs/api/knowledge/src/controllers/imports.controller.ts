import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KnowledgeImportDto, Permission } from '@kefu/shared/contracts';
import { RequirePermissions, Upload } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { ImportsService } from '../imports/imports.service';
import { KnowledgeExportService } from '../imports/knowledge-export.service';

type UploadRequest = FastifyRequest & { rawBody?: Buffer };

@ApiTags('knowledge')
@Controller('api/v1/knowledge')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly exporter: KnowledgeExportService,
  ) {}

  /**
   * The file is the request body: text/csv, application/json or application/zip (Markdown files).
   * Answers 202 with the queued import; poll GET /imports/:id for progress and row errors.
   */
  @Post('imports')
  @HttpCode(202)
  @Upload()
  @RequirePermissions(Permission.KnowledgeManage)
  upload(
    @Req() req: UploadRequest,
    @Query() query: Record<string, string>,
    @CurrentUser() user?: AuthUser,
  ): Promise<KnowledgeImportDto> {
    const body = req.body;
    const file = Buffer.isBuffer(body) ? body : (req.rawBody ?? null);
    return this.imports.upload(file, req.headers['content-type'], query, user?.id ?? null);
  }

  @Get('imports')
  @RequirePermissions(Permission.KnowledgeRead)
  list(): Promise<KnowledgeImportDto[]> {
    return this.imports.list();
  }

  @Get('imports/:id')
  @RequirePermissions(Permission.KnowledgeRead)
  get(@Param('id') id: string): Promise<KnowledgeImportDto> {
    return this.imports.get(id);
  }

  /** `?format=csv|json|markdown&locale=&status=`: a file in the import formats. */
  @Get('export')
  @RequirePermissions(Permission.KnowledgeRead)
  async export(
    @Query() query: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.exporter.export(query);
    void reply.header('content-type', file.contentType);
    void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.body;
  }
}
