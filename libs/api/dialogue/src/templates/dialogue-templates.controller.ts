import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission } from '@kefu/shared/contracts';
import { RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { DialogueTemplatesService } from './dialogue-templates.service';
import { DialogueTemplateDto } from './template.schemas';

@ApiTags('dialogue')
@Controller('api/v1/dialogue/templates')
export class DialogueTemplatesController {
  constructor(private readonly templates: DialogueTemplatesService) {}

  /** Filters: `key` (exact or prefix), `locale`, `region`, `q` (words in the text). */
  @Get()
  @RequirePermissions(Permission.DialogueRead)
  list(@Query() query: Record<string, string>): Promise<DialogueTemplateDto[]> {
    return this.templates.list(query);
  }

  @Get(':id')
  @RequirePermissions(Permission.DialogueRead)
  get(@Param('id') id: string): Promise<DialogueTemplateDto> {
    return this.templates.get(id);
  }

  /** Edits the template of `key` × `locale` × `region` (or adds a regional variant): a new version. */
  @Put()
  @RequirePermissions(Permission.DialogueManage)
  put(@Body() body: unknown, @CurrentUser() user?: AuthUser): Promise<DialogueTemplateDto> {
    return this.templates.put(body, user?.id ?? null);
  }

  /** Edits one template by id: a new version. */
  @Put(':id')
  @RequirePermissions(Permission.DialogueManage)
  update(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUser() user?: AuthUser,
  ): Promise<DialogueTemplateDto> {
    return this.templates.update(id, body, user?.id ?? null);
  }
}
