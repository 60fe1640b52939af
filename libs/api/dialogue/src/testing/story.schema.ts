/* The conversation-story format (docs/stories.md): YAML files validated with zod. */
import { load } from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { z } from 'zod';

/** Where the stories live: one folder per language. */
export const STORIES_DIR = resolve(__dirname, '../../stories');
export const STORY_LANGUAGES = ['zh', 'en', 'ja'] as const;
export type StoryLanguage = (typeof STORY_LANGUAGES)[number];

const text = z.string().trim().min(1, 'must not be empty');
/** One fragment or a list of them. */
const fragments = z
  .union([text, z.array(text).min(1, 'needs at least one text')], {
    error: 'expected a text or a list of texts',
  })
  .transform((v) => (Array.isArray(v) ? v : [v]));
/** Metadata as the API channel takes it (page context: productId, orderId, pageUrl, anything scalar). */
const metadata = z.record(
  z.string(),
  z.union([z.string().max(2048), z.number(), z.boolean(), z.null()], {
    error: 'metadata values are texts, numbers, booleans or null',
  }),
);

export const turnExpectationSchema = z
  .strictObject({
    /** The NLU intent stored on the incoming message, or a list of acceptable ones. */
    intent: fragments.optional(),
    /** Subset of dialogue_states.slots after the turn (null: the slot must be absent). */
    slots: z
      .record(
        z.string(),
        z.union([z.string(), z.number(), z.boolean(), z.null()], {
          error: 'slot values are texts, numbers, booleans or null',
        }),
      )
      .optional(),
    /** Every fragment appears in the bot's replies to this turn (case-insensitive). */
    reply: fragments.optional(),
    /** No fragment appears. */
    replyNot: fragments.optional(),
    /** At least one fragment appears. */
    replyAny: fragments.optional(),
    /** Card types present in the replies' content.cards. */
    cards: fragments.optional(),
    /** true: at least one quick reply; a list: these labels are offered. */
    quickReplies: z
      .union([z.boolean(), z.array(text).min(1)], { error: 'expected true, false or a list of labels' })
      .optional(),
    /** true: handed to a human (any reason); a reason: handed over for it; false: not handed over. */
    handoff: z.union([z.boolean(), text], { error: 'expected true, false or a hand-off reason' }).optional(),
    status: z.enum(['bot', 'pending_human', 'human', 'resolved']).optional(),
    /** true: the bot sends nothing; false: it sends something. */
    noReply: z.boolean().optional(),
  })
  .refine(
    (e) =>
      e.noReply !== true ||
      (!e.reply && !e.replyAny && !e.cards && (e.quickReplies === undefined || e.quickReplies === false)),
    { message: 'noReply: true contradicts reply / replyAny / cards / quickReplies' },
  );
export type TurnExpectation = z.infer<typeof turnExpectationSchema>;

export const storyTurnSchema = z.strictObject({
  /** What the shopper says. */
  say: text,
  /** Metadata of this message, over the story's `page`. */
  metadata: metadata.optional(),
  expect: turnExpectationSchema.default({}),
});
export type StoryTurn = z.infer<typeof storyTurnSchema>;

export const storySchema = z.strictObject({
  name: text,
  language: z.enum(STORY_LANGUAGES),
  tags: z.array(text).default([]),
  shopper: z
    .strictObject({
      /** A logged-in shopper: sent as metadata.customerRef on every turn (the API channel is signed, so trusted). */
      customerRef: text.optional(),
      /** Sent as the message's `locale`. */
      locale: text.max(20).optional(),
    })
    .default({}),
  /** `down`: run against an app whose order system (COMMERCE_API_URL) does not answer. */
  orderSystem: z.enum(['up', 'down']).default('up'),
  /** Metadata sent with every turn (page context). */
  page: metadata.default({}),
  /** Set to a reason to keep the story in the file without running it. */
  skip: text.optional(),
  turns: z.array(storyTurnSchema).min(1, 'a story needs at least one turn'),
});
export type Story = z.infer<typeof storySchema>;

/** A story and where it came from. */
export interface LoadedStory extends Story {
  /** Path relative to the working directory (or absolute when outside it). */
  file: string;
  /** Position in its file (0 for a file holding one story). */
  index: number;
}

export class StoryFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoryFormatError';
  }
}

/**
 * Parses one YAML file: a single story (a mapping) or a list of stories. Throws a StoryFormatError
 * naming the file, the story and the turn for the first problem found.
 */
export function parseStories(source: string, file: string): LoadedStory[] {
  let doc: unknown;
  try {
    doc = load(source);
  } catch (e) {
    throw new StoryFormatError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) throw new StoryFormatError(`${file}: the file holds no story`);
  const list = Array.isArray(doc) ? doc : [doc];
  if (!list.length) throw new StoryFormatError(`${file}: the file holds no story`);
  return list.map((raw, index) => {
    const result = storySchema.safeParse(raw);
    if (!result.success)
      throw new StoryFormatError(describeIssue(file, Array.isArray(doc), index, raw, result.error.issues[0]));
    const folder = basename(dirname(file));
    if ((STORY_LANGUAGES as readonly string[]).includes(folder) && folder !== result.data.language) {
      throw new StoryFormatError(
        `${file}: ${storyLabel(Array.isArray(doc), index, result.data.name)}: language is ${result.data.language} but the file is in ${folder}/`,
      );
    }
    return { ...result.data, file, index };
  });
}

function storyLabel(inList: boolean, index: number, name?: unknown): string {
  const named = typeof name === 'string' && name.trim() ? ` "${name.trim()}"` : '';
  return inList ? `story ${index + 1}${named}` : `story${named}`;
}

function describeIssue(
  file: string,
  inList: boolean,
  index: number,
  raw: unknown,
  issue: z.core.$ZodIssue,
): string {
  const name = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)['name'] : undefined;
  const path = [...issue.path];
  const where: string[] = [`${file}: ${storyLabel(inList, index, name)}`];
  if (path[0] === 'turns' && typeof path[1] === 'number') {
    const turn = (raw as { turns: unknown[] }).turns[path[1]] as Record<string, unknown> | undefined;
    const say = turn && typeof turn['say'] === 'string' ? ` (say: ${JSON.stringify(turn['say'])})` : '';
    where.push(`turn ${path[1] + 1}${say}`);
    path.splice(0, 2);
  }
  const field = path.length ? `${path.map(String).join('.')}: ` : '';
  let message = issue.message;
  if (issue.code === 'unrecognized_keys')
    message = `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${where.join(', ')}: ${field}${message}`;
}

export interface StoryFilter {
  /** Only stories of these languages. */
  languages?: StoryLanguage[];
  /** Only stories whose name (or file) contains this text, case-insensitive, or matches this regex. */
  grep?: string | RegExp;
}

/**
 * Reads every `*.yaml` / `*.yml` under the given files or folders (sorted, recursive), validates them
 * all, and returns the stories that pass the filter. Story names must be unique.
 */
export function loadStories(paths: string | string[] = STORIES_DIR, filter: StoryFilter = {}): LoadedStory[] {
  const files = (Array.isArray(paths) ? paths : [paths]).flatMap((p) => yamlFiles(resolve(p)));
  const stories = files.flatMap((f) => parseStories(readFileSync(f, 'utf8'), display(f)));
  const seen = new Map<string, string>();
  for (const s of stories) {
    const other = seen.get(s.name);
    if (other)
      throw new StoryFormatError(`${s.file}: story "${s.name}" has the same name as one in ${other}`);
    seen.set(s.name, s.file);
  }
  const grep = typeof filter.grep === 'string' ? filter.grep.toLowerCase() : filter.grep;
  return stories.filter(
    (s) =>
      (!filter.languages?.length || filter.languages.includes(s.language)) &&
      (grep === undefined ||
        (typeof grep === 'string'
          ? s.name.toLowerCase().includes(grep) || s.file.toLowerCase().includes(grep)
          : grep.test(s.name))),
  );
}

function yamlFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new StoryFormatError(`${display(path)}: no such file or folder`);
  }
  if (stat.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory()
        ? yamlFiles(join(path, e.name))
        : ['.yaml', '.yml'].includes(extname(e.name))
          ? [join(path, e.name)]
          : [],
    );
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
