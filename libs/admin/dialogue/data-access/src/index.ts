export * from './lib/dialogue-template';
export * from './lib/dialogue-templates.service';
export * from './lib/template-text';
export * from './lib/template-preview';
export * from './lib/template-rows';
export * from './lib/template-list.store';
