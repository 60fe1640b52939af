export * from './lib/rules.routes';
export { provideRulesIcons, RULES_ICON_PATHS } from './lib/rules-icons';
