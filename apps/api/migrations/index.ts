import { Foundation1763701200000 } from './1763701200000-foundation';
import { Nlu1763900000000 } from './1763900000000-nlu';
import { Knowledge1764000000000 } from './1764000000000-knowledge';
import { Commerce1764100000000 } from './1764100000000-commerce';
import { Dialogue1764200000000 } from './1764200000000-dialogue';
import { DialogueEngine1764300000000 } from './1764300000000-dialogue-engine';
import { CommerceActions1764310000000 } from './1764310000000-commerce-actions';
import { Channels1764400000000 } from './1764400000000-channels';
import { WebhookDispatch1764450000000 } from './1764450000000-webhook-dispatch';
import { Handoff1764500000000 } from './1764500000000-handoff';
import { Llm1764600000000 } from './1764600000000-llm';
import { Assist1764600000001 } from './1764600000001-assist';

/** Every migration in order. New ones are appended; landed ones are never edited. */
export const migrations = [
  Foundation1763701200000,
  Nlu1763900000000,
  Knowledge1764000000000,
  Commerce1764100000000,
  Dialogue1764200000000,
  DialogueEngine1764300000000,
  CommerceActions1764310000000,
  Channels1764400000000,
  WebhookDispatch1764450000000,
  Handoff1764500000000,
  Llm1764600000000,
  Assist1764600000001,
];
