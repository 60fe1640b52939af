/**
 * A light English stemmer: enough to meet "refunds/refunded/refunding" and "shipping/shipped" at
 * one form on both the index and the query side. Not Porter: it never has to be linguistically
 * right, only the same on both sides and conservative on short words.
 */
const EXCEPTIONS: Record<string, string> = {
  delivery: 'deliver',
  deliveries: 'deliver',
  delivered: 'deliver',
  delivering: 'deliver',
  paid: 'pay',
  bought: 'buy',
  sent: 'send',
  received: 'receiv',
  receive: 'receiv',
  receiving: 'receiv',
  children: 'child',
  women: 'woman',
  men: 'man',
  cancelled: 'cancel',
  cancelling: 'cancel',
  canceled: 'cancel',
  canceling: 'cancel',
  is: 'is',
  was: 'was',
  has: 'has',
  does: 'does',
  news: 'news',
  address: 'address',
  express: 'express',
  status: 'status',
  plus: 'plus',
  us: 'us',
};

const VOWEL = /[aeiouy]/;

export function stemEnglish(word: string): string {
  const w = word.toLowerCase();
  if (EXCEPTIONS[w]) return EXCEPTIONS[w];
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  let s = w;
  if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);

  for (const suffix of ['ing', 'ed']) {
    if (s.endsWith(suffix) && VOWEL.test(s.slice(0, -suffix.length)) && s.length - suffix.length >= 3) {
      s = s.slice(0, -suffix.length);
      // shipping → shipp → ship; but keep "ll", "ss", "zz" (billing → bill)
      if (/([^aeiouylsz])\1$/.test(s)) s = s.slice(0, -1);
      break;
    }
  }
  if (s.endsWith('ly') && s.length > 5) s = s.slice(0, -2);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1); // exchange/exchanged → exchang
  if (s.endsWith('y') && s.length > 4) s = `${s.slice(0, -1)}i`; // warranty/warranties → warranti
  return s;
}
