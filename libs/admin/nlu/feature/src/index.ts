export * from './lib/nlu.routes';
export { NLU_ICON_PATHS, nluIconSvg } from './lib/nlu-icons';
