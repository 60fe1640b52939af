import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  KnowledgeArticleDto,
  KnowledgeArticleListItemDto,
  KnowledgeArticleVersionDto,
  KnowledgeDiffDto,
  KnowledgeVersionSummaryDto,
  Page,
  Permission,
} from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { ArticlesService } from '../articles/articles.service';

@ApiTags('knowledge')
@Controller('api/v1/knowledge/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @RequirePermissions(Permission.KnowledgeRead)
  list(@Query() query: Record<string, string>): Promise<Page<KnowledgeArticleListItemDto>> {
    return this.articles.list(query);
  }

  @Post()
  @RequirePermissions(Permission.KnowledgeManage)
  create(@Body() body: unknown, @CurrentUser() user?: AuthUser): Promise<KnowledgeArticleDto> {
    return this.articles.create(body, user?.id ?? null);
  }

  @Get(':id')
  @RequirePermissions(Permission.KnowledgeRead)
  get(@Param('id') id: string): Promise<KnowledgeArticleDto> {
    return this.articles.get(id);
  }

  /** Saves a new version. */
  @Patch(':id')
  @RequirePermissions(Permission.KnowledgeManage)
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user?: AuthUser,
  ): Promise<KnowledgeArticleDto> {
    return this.articles.update(id, body, user?.id ?? null);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.KnowledgeManage)
  remove(@Param('id') id: string): Promise<void> {
    return this.articles.remove(id);
  }

  @Get(':id/versions')
  @RequirePermissions(Permission.KnowledgeRead)
  versions(@Param('id') id: string): Promise<KnowledgeVersionSummaryDto[]> {
    return this.articles.versions(id);
  }

  @Get(':id/versions/:version')
  @RequirePermissions(Permission.KnowledgeRead)
  version(@Param('id') id: string, @Param('version') version: string): Promise<KnowledgeArticleVersionDto> {
    return this.articles.version(id, version);
  }

  /** `?against=N` (default: the previous version). */
  @Get(':id/versions/:version/diff')
  @RequirePermissions(Permission.KnowledgeRead)
  diff(
    @Param('id') id: string,
    @Param('version') version: string,
    @Query() query: Record<string, string>,
  ): Promise<KnowledgeDiffDto> {
    return this.articles.diff(id, version, query);
  }

  /** A new version copying an old one. */
  @Post(':id/versions/:version/restore')
  @HttpCode(200)
  @RequirePermissions(Permission.KnowledgeManage)
  restore(
    @Param('id') id: string,
    @Param('version') version: string,
    @CurrentUser() user?: AuthUser,
  ): Promise<KnowledgeArticleDto> {
    return this.articles.restore(id, version, user?.id ?? null);
  }
}
