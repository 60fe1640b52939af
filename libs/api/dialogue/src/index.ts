/**
 * Dialogue: the engine that answers shoppers (docs/dialogue.md) — conversation state, slots,
 * context and verification, intent handlers over commerce and the knowledge base, reply templates,
 * and the contact's profile. `DialogueStage` plugs into the conversations pipeline.
 *
 * Import `DialogueModule` once in the API's root module. Other code uses:
 * - `DialogueTemplatesService.render(key, vars, { locale, region }, em?)`: a structured `Reply`
 *   from the template for `key`, falling back region → locale → `en` (channels without cards
 *   flatten it: `renderForChannel` in libs/api/channels);
 * - `DialogueStateStore.load(em, conversationId)` / `save(em, state)` inside the turn's transaction,
 *   with the pure helpers `applyTurn`, `mergeSlots`, `cancelDialogue`, `misunderstood`.
 */
export { DialogueModule } from './dialogue.module';
export { DIALOGUE_ENTITIES } from './entities';
export { DialogueTemplatesService, TemplateNotFoundError } from './templates/dialogue-templates.service';
export type { RenderContext } from './templates/dialogue-templates.service';
export { TemplateSeeder } from './templates/template-seeder.service';
export type { OrderSummaryCard, ProductCard, QuickReply, Reply, ReplyCard } from './templates/reply';
export { formatMoney, renderTemplate, TemplateVariableError } from './templates/template-renderer';
export type { Money, TemplateVariables } from './templates/template-renderer';
export { TEMPLATE_LOCALES, templateLocale } from './templates/template.schemas';
export type { DialogueTemplateDto, TemplateLocale } from './templates/template.schemas';
export { DialogueStateStore, StaleDialogueStateError } from './state/dialogue-state.store';
export { DialogueStage } from './engine/dialogue.stage';
export type { PreparedTurn } from './engine/dialogue.stage';
export { DialogueEngine, HANDLED_INTENTS, MIN_CONFIDENCE } from './engine/dialogue-engine';
export type { HandoffReason, TurnOutcome } from './engine/turn';
export { ContactProfileService } from './profile/contact-profile.service';
export type { ContactProfile, PastTopic, ProfileTag } from './profile/contact-profile';
export {
  applyTurn,
  cancelDialogue,
  emptyState,
  mergeSlots,
  misunderstood,
  nextMissingSlot,
} from './state/slots';
export type { Awaiting, DialogueContext, DialogueState, SlotMerge, Slots, SlotValue } from './state/slots';
export { LLM_SUGGESTER } from './assist';
export type { LlmSuggester } from './assist';
export * from './escalation';
