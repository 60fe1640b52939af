import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NLU_ENTITIES } from './entities';
import { NluController } from './nlu.controller';
import { NluModelRegistry } from './nlu-model.registry';
import { NluTrainingService } from './nlu-training.service';
import { NluService } from './nlu.service';

@Module({
  imports: [TypeOrmModule.forFeature(NLU_ENTITIES)],
  controllers: [NluController],
  providers: [NluModelRegistry, NluTrainingService, NluService],
  exports: [NluService, NluTrainingService],
})
export class NluModule {}
