import { NluExample } from './nlu-example.entity';
import { NluIntent } from './nlu-intent.entity';
import { NluModel } from './nlu-model.entity';
import { NluTrainingRun } from './nlu-training-run.entity';

export { NluExample, NluIntent, NluModel, NluTrainingRun };
export const NLU_ENTITIES = [NluIntent, NluExample, NluModel, NluTrainingRun];
