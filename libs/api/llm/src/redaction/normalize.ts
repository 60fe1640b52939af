/**
 * Folds full-width ASCII (Ａ-ｚ, ０-９, ＠, ＋, （）…), the ideographic space and the dash look-alikes that
 * shoppers type in Chinese and Japanese (ー, －, ‐, ‑, ‒, –, —, −) to their ASCII forms. Every replacement is one
 * UTF-16 unit for one, so offsets found in the folded text are offsets in the original.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else if (DASHES.has(code) || (code === 0x30fc && isDigitAt(text, i - 1) && isDigitAt(text, i + 1)))
      out += '-';
    else out += text[i];
  }
  return out;
}

function isDigitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return (code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19);
}

// ー (prolonged sound mark) only between digits: in words (タワー) it is a letter, not a dash.
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]);
