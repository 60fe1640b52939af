/**
 * The reply templates' text format, for the editor: `{name}` variables and the ICU MessageFormat
 * subset the server renders (`{n, number}`, `{price, currency}`, `{d, date[, style]}`, `{d, time}`,
 * `{d, datetime}`, `{count, plural, one {# item} other {# items}}`, `'{'` for a literal brace).
 * The server stays the judge of what is valid; this parser gives the editor the variables, an early
 * syntax warning and the preview.
 */

export type TemplateNode =
  | { kind: 'text'; value: string }
  | { kind: 'hash' }
  | { kind: 'var'; name: string; format?: string; style?: string }
  | { kind: 'plural'; name: string; offset: number; arms: Map<string, TemplateNode[]> };

/** What is wrong with a text, for a translated message; `params` fill the message's blanks. */
export type TemplateTextErrorCode =
  | 'expectedName'
  | 'unclosedQuote'
  | 'unexpectedClose'
  | 'expectedCommaOrClose'
  | 'expectedPluralComma'
  | 'unclosedPlural'
  | 'expectedCaseOpen'
  | 'unclosedCase'
  | 'pluralNeedsOther'
  | 'unknownFormat'
  | 'expectedClose';

const MESSAGES: Record<TemplateTextErrorCode, (p: Record<string, string>) => string> = {
  expectedName: () => 'expected a name',
  unclosedQuote: () => 'unclosed quote',
  unexpectedClose: () => 'unexpected "}"',
  expectedCommaOrClose: (p) => `expected "," or "}" after "${p['name']}"`,
  expectedPluralComma: () => 'expected "," after plural',
  unclosedPlural: (p) => `unclosed plural "${p['name']}"`,
  expectedCaseOpen: (p) => `expected "{" after plural case "${p['name']}"`,
  unclosedCase: (p) => `unclosed plural case "${p['name']}"`,
  pluralNeedsOther: (p) => `plural "${p['name']}" needs an "other" case`,
  unknownFormat: (p) => `unknown format "${p['name']}"`,
  expectedClose: (p) => `expected "}" to close "${p['name']}"`,
};

export class TemplateTextError extends Error {
  constructor(
    readonly code: TemplateTextErrorCode,
    readonly params: Record<string, string>,
    /** Where in the text the problem is (0-based). */
    readonly position: number,
  ) {
    super(MESSAGES[code](params));
  }
}

const FORMATS = ['number', 'currency', 'date', 'time', 'datetime'];

/** Parses a template; throws TemplateTextError with the position of the first problem. */
export function parseTemplateText(source: string): TemplateNode[] {
  let i = 0;
  const fail = (code: TemplateTextErrorCode, name = ''): never => {
    throw new TemplateTextError(code, { name }, i);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i])) i++;
  };
  const word = (): string => {
    skipSpace();
    const m = /^[=A-Za-z0-9_.-]+/.exec(source.slice(i));
    if (!m) return fail('expectedName');
    i += m[0].length;
    skipSpace();
    return m[0];
  };

  const parseNodes = (inPlural: boolean): TemplateNode[] => {
    const nodes: TemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < source.length) {
      const c = source[i];
      if (c === "'" && source[i + 1] === "'") {
        text += "'";
        i += 2;
      } else if (c === "'" && (source[i + 1] === '{' || source[i + 1] === '}')) {
        const close = source.indexOf("'", i + 1);
        if (close < 0) fail('unclosedQuote');
        text += source.slice(i + 1, close);
        i = close + 1;
      } else if (c === '{') {
        flush();
        i++;
        nodes.push(parseArgument());
      } else if (c === '}') {
        if (!inPlural) fail('unexpectedClose');
        break;
      } else if (c === '#' && inPlural) {
        flush();
        nodes.push({ kind: 'hash' });
        i++;
      } else {
        text += c;
        i++;
      }
    }
    flush();
    return nodes;
  };

  const parseArgument = (): TemplateNode => {
    const name = word();
    if (source[i] === '}') {
      i++;
      return { kind: 'var', name };
    }
    if (source[i] !== ',') fail('expectedCommaOrClose', name);
    i++;
    const format = word();
    if (format === 'plural') {
      if (source[i] !== ',') fail('expectedPluralComma', name);
      i++;
      skipSpace();
      let offset = 0;
      const om = /^offset:\s*(\d+)/.exec(source.slice(i));
      if (om) {
        offset = Number(om[1]);
        i += om[0].length;
      }
      const arms = new Map<string, TemplateNode[]>();
      for (;;) {
        skipSpace();
        if (i >= source.length) fail('unclosedPlural', name);
        if (source[i] === '}') {
          i++;
          break;
        }
        const selector = word();
        if (source[i] !== '{') fail('expectedCaseOpen', selector);
        i++;
        arms.set(selector, parseNodes(true));
        if (source[i] !== '}') fail('unclosedCase', selector);
        i++;
      }
      if (!arms.has('other')) fail('pluralNeedsOther', name);
      return { kind: 'plural', name, offset, arms };
    }
    if (!FORMATS.includes(format)) fail('unknownFormat', format);
    let style: string | undefined;
    if (source[i] === ',') {
      i++;
      style = word();
    }
    if (source[i] !== '}') fail('expectedClose', name);
    i++;
    return { kind: 'var', name, format, style };
  };

  const nodes = parseNodes(false);
  if (i < source.length) fail('unexpectedClose');
  return nodes;
}

/** The problem with a text, or null when it parses. */
export function templateTextError(source: string): TemplateTextError | null {
  try {
    parseTemplateText(source);
    return null;
  } catch (e) {
    if (e instanceof TemplateTextError) return e;
    throw e;
  }
}

/**
 * The variable names a text uses, in order of appearance, without the words inside plural cases.
 * A text that does not parse (yet, while typing) still gives the names that open a `{`.
 */
export function templateVariables(source: string): string[] {
  const names = new Set<string>();
  const visit = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'var') names.add(n.name);
      else if (n.kind === 'plural') {
        names.add(n.name);
        n.arms.forEach(visit);
      }
    }
  };
  try {
    visit(parseTemplateText(source));
  } catch {
    for (const m of source.matchAll(/\{\s*([A-Za-z0-9_.-]+)\s*[,}]/g)) names.add(m[1]);
  }
  return [...names];
}

/** A piece of a text as written: plain words, or one `{…}` argument (a plural with its cases is one piece). */
export interface TextPart {
  text: string;
  variable: boolean;
}

/** Splits a text at its top-level `{…}` arguments, to show them apart; never throws. */
export function textParts(source: string): TextPart[] {
  const parts: TextPart[] = [];
  let buf = '';
  let depth = 0;
  const push = (variable: boolean) => {
    if (buf) parts.push({ text: buf, variable });
    buf = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (depth === 0 && c === "'" && (source[i + 1] === '{' || source[i + 1] === '}')) {
      // A quoted literal brace: plain text up to the closing quote.
      const close = source.indexOf("'", i + 1);
      const end = close < 0 ? source.length - 1 : close;
      buf += source.slice(i, end + 1);
      i = end;
    } else if (c === '{') {
      if (depth === 0) push(false);
      depth++;
      buf += c;
    } else if (c === '}' && depth > 0) {
      depth--;
      buf += c;
      if (depth === 0) push(true);
    } else {
      buf += c;
    }
  }
  push(false);
  return parts;
}

/**
 * What to insert for a variable that other texts use: `{name}`, or with the format they give it
 * (`{eta, date}`, `{amount, currency}`); a plural count as `{name, plural, other {#}}` to be worded.
 */
export function placeholderFor(name: string, texts: readonly string[]): string {
  const find = (nodes: TemplateNode[]): string | null => {
    for (const n of nodes) {
      if (n.kind === 'var' && n.name === name) {
        return n.format ? `{${name}, ${n.format}${n.style ? `, ${n.style}` : ''}}` : `{${name}}`;
      }
      if (n.kind === 'plural') {
        if (n.name === name) return `{${name}, plural, other {#}}`;
        for (const arm of n.arms.values()) {
          const found = find(arm);
          if (found) return found;
        }
      }
    }
    return null;
  };
  for (const text of texts) {
    try {
      const found = find(parseTemplateText(text));
      if (found) return found;
    } catch {
      // A text that does not parse says nothing about the format.
    }
  }
  return `{${name}}`;
}
