import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  NluExampleDto,
  NluIntentDto,
  NluModelDto,
  nluParseRequestSchema,
  NluResult,
  NluTrainingRunDto,
  Permission,
} from '@kefu/shared/contracts';
import { parseWith, RequirePermissions } from '@kefu/api/platform/http';
import { AuthUser, CurrentUser } from '@kefu/api/identity';
import { NluModelRegistry } from './nlu-model.registry';
import { NluTrainingService, toModelDto, toRunDto } from './nlu-training.service';
import { NluService } from './nlu.service';

@ApiTags('nlu')
@Controller('api/v1/nlu')
export class NluController {
  constructor(
    private readonly nlu: NluService,
    private readonly training: NluTrainingService,
    private readonly registry: NluModelRegistry,
  ) {}

  /** The full parse of one text: language, intent and ranking, entities, emotion. */
  @Post('parse')
  @HttpCode(200)
  @RequirePermissions(Permission.NluRead)
  parse(@Body() body: unknown): Promise<NluResult> {
    const input = parseWith(nluParseRequestSchema, body);
    return this.nlu.parse(input.text, input.context);
  }

  @Get('intents')
  @RequirePermissions(Permission.NluRead)
  intents(): Promise<NluIntentDto[]> {
    return this.nlu.listIntents();
  }

  @Post('intents')
  @RequirePermissions(Permission.NluManage)
  createIntent(@Body() body: unknown, @CurrentUser() user: AuthUser): Promise<NluIntentDto> {
    return this.nlu.createIntent(body, user.id);
  }

  @Patch('intents/:name')
  @RequirePermissions(Permission.NluManage)
  updateIntent(@Param('name') name: string, @Body() body: unknown): Promise<NluIntentDto> {
    return this.nlu.updateIntent(name, body);
  }

  @Delete('intents/:name')
  @HttpCode(204)
  @RequirePermissions(Permission.NluManage)
  async deleteIntent(@Param('name') name: string): Promise<void> {
    await this.nlu.deleteIntent(name);
  }

  @Get('intents/:name/examples')
  @RequirePermissions(Permission.NluRead)
  examples(@Param('name') name: string, @Query('source') source?: string): Promise<NluExampleDto[]> {
    return this.nlu.listExamples(name, source === 'builtin' ? 'builtin' : 'custom');
  }

  @Post('intents/:name/examples')
  @RequirePermissions(Permission.NluManage)
  addExamples(@Param('name') name: string, @Body() body: unknown, @CurrentUser() user: AuthUser) {
    return this.nlu.addExamples(name, body, user.id);
  }

  @Delete('examples/:id')
  @HttpCode(204)
  @RequirePermissions(Permission.NluManage)
  async deleteExample(@Param('id') id: string): Promise<void> {
    await this.nlu.deleteExample(id);
  }

  /** Starts a background retraining (or returns the one already queued or running). */
  @Post('train')
  @RequirePermissions(Permission.NluManage)
  async train(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<NluTrainingRunDto> {
    const { run, created } = await this.training.request(user.id);
    res.status(created ? 202 : 200);
    return toRunDto(run);
  }

  @Get('training-runs')
  @RequirePermissions(Permission.NluRead)
  async runs(): Promise<NluTrainingRunDto[]> {
    return (await this.training.listRuns()).map(toRunDto);
  }

  @Get('training-runs/:id')
  @RequirePermissions(Permission.NluRead)
  async run(@Param('id') id: string): Promise<NluTrainingRunDto> {
    const run = /^[0-9a-f-]{36}$/i.test(id) ? await this.training.get(id) : null;
    if (!run) throw new NotFoundException(`training run ${id} not found`);
    return toRunDto(run);
  }

  @Get('models')
  @RequirePermissions(Permission.NluRead)
  async models(): Promise<NluModelDto[]> {
    return (await this.training.listModels()).map(toModelDto);
  }

  /** Restores (activates) an earlier model version; every process swaps it in within seconds. */
  @Post('models/:version/activate')
  @HttpCode(200)
  @RequirePermissions(Permission.NluManage)
  async activate(@Param('version', ParseIntPipe) version: number): Promise<NluModelDto> {
    const model = await this.registry.activate(version);
    if (!model) throw new NotFoundException(`model version ${version} not found or its data was pruned`);
    return toModelDto(model);
  }
}
