import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, SynonymGroupDto } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { SynonymsService, toSynonymGroupDto } from '../synonyms/synonyms.service';

@ApiTags('knowledge')
@Controller('api/v1/knowledge/synonyms')
export class SynonymsController {
  constructor(private readonly synonyms: SynonymsService) {}

  @Get()
  @RequirePermissions(Permission.KnowledgeRead)
  list(): Promise<SynonymGroupDto[]> {
    return this.synonyms.list();
  }

  @Get(':id')
  @RequirePermissions(Permission.KnowledgeRead)
  async get(@Param('id') id: string): Promise<SynonymGroupDto> {
    return toSynonymGroupDto(await this.synonyms.get(id));
  }

  @Post()
  @RequirePermissions(Permission.KnowledgeManage)
  create(@Body() body: unknown): Promise<SynonymGroupDto> {
    return this.synonyms.create(body);
  }

  @Put(':id')
  @RequirePermissions(Permission.KnowledgeManage)
  update(@Param('id') id: string, @Body() body: unknown): Promise<SynonymGroupDto> {
    return this.synonyms.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.KnowledgeManage)
  remove(@Param('id') id: string): Promise<void> {
    return this.synonyms.remove(id);
  }
}
