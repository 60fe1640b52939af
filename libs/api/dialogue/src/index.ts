/**
 * Dialogue: conversation state, slots and reply templates (intent handlers and the composer come next).
 *
 * Import `DialogueModule` once in the API's root module. Other code uses:
 * - `DialogueTemplatesService.render(key, vars, { locale, region }, em?)`: a structured `Reply`
 *   from the template for `key`, falling back region → locale → `en`; `flattenToText(reply, locale)`
 *   for channels without cards;
 * - `DialogueStateStore.load(em, conversationId)` / `save(em, state)` inside the turn's transaction,
 *   with the pure helpers `applyTurn`, `mergeSlots`, `cancelDialogue`, `misunderstood`.
 */
export { DialogueModule } from './dialogue.module';
export { DIALOGUE_ENTITIES } from './entities';
export { DialogueTemplatesService, TemplateNotFoundError } from './templates/dialogue-templates.service';
export type { RenderContext } from './templates/dialogue-templates.service';
export { TemplateSeeder } from './templates/template-seeder.service';
export { flattenToText } from './templates/reply';
export type { OrderSummaryCard, ProductCard, QuickReply, Reply, ReplyCard } from './templates/reply';
export { formatMoney, renderTemplate, TemplateVariableError } from './templates/template-renderer';
export type { Money, TemplateVariables } from './templates/template-renderer';
export { TEMPLATE_LOCALES, templateLocale } from './templates/template.schemas';
export type { DialogueTemplateDto, TemplateLocale } from './templates/template.schemas';
export { DialogueStateStore, StaleDialogueStateError } from './state/dialogue-state.store';
export {
  applyTurn,
  cancelDialogue,
  emptyState,
  mergeSlots,
  misunderstood,
  nextMissingSlot,
} from './state/slots';
export type { Awaiting, DialogueState, SlotMerge, Slots, SlotValue } from './state/slots';
