export { cnResidentIdValid, luhnValid, myNumberValid } from './checksums';
export { detectPii } from './detect';
export { PII_KINDS, type PiiKind, type PiiSpan } from './pii-kind';
export {
  PLACEHOLDER_INSTRUCTION,
  placeholder,
  redact,
  redactFor,
  redactDeep,
  restore,
  restoreDeep,
  type Redaction,
} from './redact';
export { StreamRestorer } from './stream-restorer';
