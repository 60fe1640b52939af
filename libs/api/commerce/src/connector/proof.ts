/** Digits of a phone number or tail ("+86 138-0013-8000" → "8613800138000"). */
export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}
