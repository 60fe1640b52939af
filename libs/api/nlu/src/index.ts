export { NluModule } from './nlu.module';
export { NluService } from './nlu.service';
export { NluModelRegistry } from './nlu-model.registry';
export { NluTrainingService } from './nlu-training.service';
export { NluTrainJob } from './jobs/nlu-train.job';
export { NLU_ENTITIES } from './entities';
export { NluEngine, OUT_OF_SCOPE, CLASSIFY_LIMIT } from './lib/nlu-engine';
export { runNluCli } from './cli/nlu-cli';
