/**
 * Renders a reply template: `{name}` variables and an ICU MessageFormat subset —
 * `{n, number}`, `{price, currency}` (minor units + ISO code), `{d, date[, short|medium|long|full]}`,
 * `{d, time}`, `{d, datetime}` and `{count, plural, =0 {…} one {# item} other {# items}}` (categories
 * from `Intl.PluralRules`; `#` is the formatted count). `'{'` quotes a literal brace. Pure.
 */

/** An amount of money in minor units (cents, fen; yen have none) and its ISO 4217 currency. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export type TemplateValue = string | number | boolean | Date | Money | null | undefined;
export type TemplateVariables = Record<string, TemplateValue>;

export interface RenderOptions {
  /** The locale to format in, e.g. `zh-CN`, `en-US`, `ja-JP`. */
  locale: string;
  /** IANA time zone for dates (default UTC). */
  timeZone?: string;
  /** Missing variable: throw (tests, development) or render it empty (production). */
  strict?: boolean;
  /** Called for each missing variable when not strict (names only, never values). */
  onMissing?: (name: string) => void;
}

export class TemplateVariableError extends Error {
  constructor(
    readonly variable: string,
    readonly template: string,
  ) {
    super(`template variable "${variable}" is missing in "${template}"`);
  }
}

export class TemplateSyntaxError extends Error {}

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'hash' }
  | { kind: 'var'; name: string; format?: string; style?: string }
  | { kind: 'plural'; name: string; offset: number; arms: Map<string, Node[]> };

const DATE_STYLES = new Set(['short', 'medium', 'long', 'full']);

/** Parses a template into nodes; throws TemplateSyntaxError with the position on bad input. */
export function parseTemplate(source: string): Node[] {
  let i = 0;

  const fail = (msg: string): never => {
    throw new TemplateSyntaxError(`${msg} at position ${i} of "${source}"`);
  };

  const parseNodes = (inPlural: boolean): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < source.length) {
      const c = source[i];
      if (c === "'" && (source[i + 1] === '{' || source[i + 1] === '}' || source[i + 1] === "'")) {
        // '{' → {, '' → '
        if (source[i + 1] === "'") {
          text += "'";
          i += 2;
          continue;
        }
        const close = source.indexOf("'", i + 1);
        if (close < 0) fail('unclosed quote');
        text += source.slice(i + 1, close);
        i = close + 1;
      } else if (c === '{') {
        flush();
        i++;
        nodes.push(parseArgument());
      } else if (c === '}') {
        if (!inPlural) fail('unexpected "}"');
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

  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i])) i++;
  };

  const word = (): string => {
    skipSpace();
    const m = /^[=A-Za-z0-9_.-]+/.exec(source.slice(i));
    if (!m) return fail('expected a name');
    i += m[0].length;
    skipSpace();
    return m[0];
  };

  const parseArgument = (): Node => {
    const name = word();
    if (source[i] === '}') {
      i++;
      return { kind: 'var', name };
    }
    if (source[i] !== ',') fail(`expected "," or "}" after "${name}"`);
    i++;
    const format = word();
    if (format === 'plural') {
      if (source[i] !== ',') fail('expected "," after plural');
      i++;
      skipSpace();
      let offset = 0;
      const om = /^offset:\s*(\d+)/.exec(source.slice(i));
      if (om) {
        offset = Number(om[1]);
        i += om[0].length;
      }
      const arms = new Map<string, Node[]>();
      for (;;) {
        skipSpace();
        if (source[i] === '}') {
          i++;
          break;
        }
        const selector = word();
        if (source[i] !== '{') fail(`expected "{" after plural case "${selector}"`);
        i++;
        arms.set(selector, parseNodes(true));
        if (source[i] !== '}') fail(`unclosed plural case "${selector}"`);
        i++;
      }
      if (!arms.has('other')) fail(`plural "${name}" needs an "other" case`);
      return { kind: 'plural', name, offset, arms };
    }
    if (!['number', 'currency', 'date', 'time', 'datetime'].includes(format))
      fail(`unknown format "${format}"`);
    let style: string | undefined;
    if (source[i] === ',') {
      i++;
      style = word();
    }
    if (source[i] !== '}') fail(`expected "}" to close "${name}"`);
    i++;
    return { kind: 'var', name, format, style };
  };

  const nodes = parseNodes(false);
  if (i < source.length) fail('unexpected "}"');
  return nodes;
}

const cache = new Map<string, Node[]>();

function parsed(source: string): Node[] {
  let nodes = cache.get(source);
  if (!nodes) {
    nodes = parseTemplate(source);
    if (cache.size > 5000) cache.clear();
    cache.set(source, nodes);
  }
  return nodes;
}

export function isMoney(v: unknown): v is Money {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Money).amountMinor === 'number' &&
    typeof (v as Money).currency === 'string'
  );
}

/** Formats money given in minor units, e.g. {12900, CNY} → ¥129.00 (zh-CN), {1500, JPY} → ￥1,500 (ja). */
export function formatMoney(money: Money, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency.toUpperCase() });
  const digits = nf.resolvedOptions().maximumFractionDigits ?? 2;
  return nf.format(money.amountMinor / 10 ** digits);
}

function toDate(v: TemplateValue): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** Renders `source` with `vars`. Throws TemplateVariableError for a missing variable when strict. */
export function renderTemplate(source: string, vars: TemplateVariables, options: RenderOptions): string {
  const { locale } = options;
  const timeZone = options.timeZone ?? 'UTC';
  const missing = (name: string): string => {
    if (options.strict) throw new TemplateVariableError(name, source);
    options.onMissing?.(name);
    return '';
  };

  const formatVar = (node: Extract<Node, { kind: 'var' }>): string => {
    const v = vars[node.name];
    if (v === undefined || v === null) return missing(node.name);
    switch (node.format) {
      case undefined:
        if (isMoney(v)) return formatMoney(v, locale);
        if (v instanceof Date)
          return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(v);
        if (typeof v === 'number') return new Intl.NumberFormat(locale).format(v);
        return String(v);
      case 'number':
        return typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : String(v);
      case 'currency':
        if (!isMoney(v)) return missing(node.name);
        return formatMoney(v, locale);
      default: {
        const d = toDate(v);
        if (!d) return missing(node.name);
        const style = (DATE_STYLES.has(node.style ?? '') ? node.style : 'medium') as
          'short' | 'medium' | 'long' | 'full';
        const opts: Intl.DateTimeFormatOptions =
          node.format === 'date'
            ? { dateStyle: style }
            : node.format === 'time'
              ? { timeStyle: 'short' }
              : { dateStyle: style, timeStyle: 'short' };
        return new Intl.DateTimeFormat(locale, { ...opts, timeZone }).format(d);
      }
    }
  };

  const walk = (nodes: Node[], count?: number): string => {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'text') out += node.value;
      else if (node.kind === 'hash')
        out += count === undefined ? '#' : new Intl.NumberFormat(locale).format(count);
      else if (node.kind === 'var') out += formatVar(node);
      else {
        const raw = vars[node.name];
        const n =
          typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
        if (Number.isNaN(n)) {
          out += missing(node.name);
          continue;
        }
        const exact = node.arms.get(`=${n}`);
        const category = new Intl.PluralRules(locale).select(n - node.offset);
        const arm = exact ?? node.arms.get(category) ?? (node.arms.get('other') as Node[]);
        out += walk(arm, n - node.offset);
      }
    }
    return out;
  };

  return walk(parsed(source));
}

/** The variable names a template uses (for the admin editor and validation). */
export function templateVariables(source: string): string[] {
  const names = new Set<string>();
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'var') names.add(n.name);
      else if (n.kind === 'plural') {
        names.add(n.name);
        n.arms.forEach(visit);
      }
    }
  };
  visit(parseTemplate(source));
  return [...names];
}
