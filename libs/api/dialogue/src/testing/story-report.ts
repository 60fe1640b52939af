/* Text reports of a story run: each failing story with details, and pass rates per language. */
import { describeNlu, describeStatus, replyText } from './story-checks';
import type { StoryResult, TurnResult } from './story-runner';
import { STORY_LANGUAGES } from './story.schema';

export interface LanguageSummary {
  language: string;
  passed: number;
  failed: number;
  skipped: number;
  /** passed + failed (skipped stories do not count). */
  total: number;
  /** passed / total, 0..1 (1 when nothing ran). */
  rate: number;
}

export function summarize(results: StoryResult[]): {
  languages: LanguageSummary[];
  overall: LanguageSummary;
} {
  const line = (language: string, rs: StoryResult[]): LanguageSummary => {
    const passed = rs.filter((r) => r.outcome === 'passed').length;
    const failed = rs.filter((r) => r.outcome === 'failed').length;
    const total = passed + failed;
    return { language, passed, failed, skipped: rs.length - total, total, rate: total ? passed / total : 1 };
  };
  const known = [...STORY_LANGUAGES, ...new Set(results.map((r) => r.story.language))];
  const languages = [...new Set(known)]
    .map((l) =>
      line(
        l,
        results.filter((r) => r.story.language === l),
      ),
    )
    .filter((s) => s.total + s.skipped > 0);
  return { languages, overall: line('all', results) };
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

/** What the pipeline did with one turn, on one or two lines. */
export function describeTurn(t: TurnResult): string {
  const o = t.observation;
  const head = `${t.turn}. ${JSON.stringify(t.say)}`;
  if (!o) return head;
  const handled = [...new Set(o.replies.map((r) => r.handledAs).filter(Boolean))];
  const facts = [
    `nlu: ${describeNlu(o.nlu)}`,
    ...(handled.length && handled[0] !== o.nlu?.intent ? [`handled as ${handled.join(', ')}`] : []),
    `status ${describeStatus(o)}`,
    ...(o.state && Object.keys(o.state.slots).length ? [`slots ${JSON.stringify(o.state.slots)}`] : []),
    ...(o.state?.awaiting ? [`awaiting ${o.state.awaiting}`] : []),
  ];
  const extras = [
    ...o.replies.flatMap((r) => r.cardTypes.map((c) => `[card ${c}]`)),
    ...o.replies.flatMap((r) => r.quickReplies.map((q) => `[${q.label}]`)),
  ];
  const bot = o.replies.length ? replyText(o) : '(no reply)';
  return [
    `${head}  (${t.ms} ms)`,
    indent(facts.join(' · '), '     '),
    indent(bot, '     bot: '),
    ...(extras.length ? [`          ${extras.join(' ')}`] : []),
  ].join('\n');
}

/** A story's outcome: one line when it passed (plus every turn with `verbose`), details when it failed. */
export function formatStoryResult(r: StoryResult, opts: { verbose?: boolean } = {}): string {
  const mark = r.outcome === 'passed' ? '✓' : r.outcome === 'skipped' ? '-' : '✗';
  const tail = r.outcome === 'skipped' ? `  (skipped: ${r.story.skip})` : `  (${r.ms} ms)`;
  const head = `${mark} [${r.story.language}] ${r.story.name}  ${r.story.file}${tail}`;
  if (r.outcome === 'skipped' || (r.outcome === 'passed' && !opts.verbose)) return head;
  const lines = [head];
  if (r.story.orderSystem === 'down') lines.push('    (order system down)');
  for (const t of r.turns) {
    if (!opts.verbose && !t.failures.length) continue;
    lines.push(indent(describeTurn(t), '    '));
    for (const f of t.failures) lines.push(`      ✗ ${f}`);
  }
  if (r.aborted && r.turns.length < r.story.turns.length)
    lines.push(`    stopped: ${r.story.turns.length - r.turns.length} later turn(s) not run`);
  if (r.outcome === 'failed')
    lines.push(
      `    shopper ${r.externalUserId}${r.conversationId ? `, conversation ${r.conversationId}` : ''}`,
    );
  return lines.join('\n');
}

export function formatSummary(results: StoryResult[]): string {
  const { languages, overall } = summarize(results);
  const pct = (s: LanguageSummary) => (s.total ? `${(s.rate * 100).toFixed(1)}%` : '-');
  const rows = [...languages, overall].map((s) => [
    s.language,
    String(s.passed),
    String(s.total),
    pct(s),
    s.skipped ? String(s.skipped) : '',
  ]);
  const header = ['language', 'passed', 'total', 'pass rate', 'skipped'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [fmt(header), rule, ...rows.slice(0, -1).map(fmt), rule, fmt(rows[rows.length - 1])].join('\n');
}

/** The whole report: failing stories first (every story with `verbose`), then the table. */
export function formatReport(results: StoryResult[], opts: { verbose?: boolean } = {}): string {
  const shown = results.filter((r) => opts.verbose || r.outcome === 'failed');
  return [...shown.map((r) => formatStoryResult(r, opts)), '', formatSummary(results)].join('\n');
}
