export * from './lib/icons';
export * from './lib/status-chip.component';
export * from './lib/empty-state.component';
export * from './lib/page-header.component';
export * from './lib/delivery-status.component';
export * from './lib/confirm-dialog.component';
export * from './lib/localized-date.pipe';
export * from './lib/language-picker.component';
