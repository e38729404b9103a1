import { parseDocument } from 'yaml';
import { z } from 'zod';
import { NoteError } from './note-error.js';
import { readSimpleMapping } from './simple-yaml.js';

export interface FrontMatter {
  chapter: string | null;
  title: string | null;
  course: string | null;
  order: number | null;
  tags: string[];
  /** Every key as written, unknown ones included, so nothing the author wrote is lost. */
  meta: Record<string, unknown>;
  /** Number of source lines the block occupies (fences included); 0 when absent. */
  lineCount: number;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;
// Past this many alias expansions YAML is being used as a bomb, not as notes metadata.
const MAX_ALIASES = 50;

const Scalar = z.union([z.string(), z.number()]);
const Known = z.object({
  chapter: Scalar.nullish(),
  title: Scalar.nullish(),
  course: Scalar.nullish(),
  order: z.number().finite().nullish(),
  tags: z.union([z.array(Scalar), z.string()]).nullish(),
});

/**
 * Reads the YAML block that Obsidian and static-site tools put between `---`
 * fences on the first lines. Anything that is not plain YAML data (`---js`,
 * custom tags, duplicate keys, an alias bomb, a scalar) is refused with its
 * line rather than guessed at.
 */
export function parseFrontMatter(lines: readonly string[]): FrontMatter {
  const empty: FrontMatter = { chapter: null, title: null, course: null, order: null, tags: [], meta: {}, lineCount: 0 };
  const first = lines[0] ?? '';
  if (/^---\s*\S/.test(first) && /^---[A-Za-z]+\s*$/.test(first.trim())) {
    throw new NoteError(`front matter in "${first.trim().slice(3)}" is not supported; only YAML (---) is`, 1);
  }
  if (!OPEN.test(first)) return empty;
  const close = lines.findIndex((line, i) => i > 0 && CLOSE.test(line));
  if (close < 0) throw new NoteError('front matter opened with --- is never closed', 1);

  const simple = readSimpleMapping(lines, 1, close);
  const data = simple === undefined ? readYaml(lines.slice(1, close).join('\n')) : simple;
  if (data === null || data === undefined) return { ...empty, lineCount: close + 1 };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new NoteError('front matter must be a mapping of keys to values, not a single value or a list', 2);
  }
  const meta = data as Record<string, unknown>;
  try {
    // Stored as JSON; a self-referencing alias (`a: &x [*x]`) cannot be, and is no metadata anyway.
    JSON.stringify(meta);
  } catch {
    throw new NoteError('front matter refers to itself through an alias', 2);
  }
  const known = Known.safeParse(meta);
  if (!known.success) {
    const issue = known.error.issues[0]!;
    throw new NoteError(`front matter field "${issue.path.join('.')}" is invalid: ${issue.message}`, 2);
  }
  const { chapter, title, course, order, tags } = known.data;
  return {
    chapter: chapter == null ? null : String(chapter),
    title: title == null ? null : String(title).trim() || null,
    course: course == null ? null : String(course).trim() || null,
    order: order ?? null,
    tags: normaliseTags(tags),
    meta,
    lineCount: close + 1,
  };
}

/** The YAML block as JS data, read by the yaml library (the reference for simple-yaml.ts); throws NoteError with the file line. */
export function readYaml(yaml: string): unknown {
  const doc = parseDocument(yaml, {
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    // Without prettyErrors, yaml gives an offset rather than a line; the YAML starts on file line 2.
    const offset = problem.pos[0];
    const line = problem.linePos?.[0]?.line ?? yaml.slice(0, offset).split('\n').length;
    throw new NoteError(`front matter is not valid YAML: ${firstLine(problem.message)}`, line + 1);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new NoteError(`front matter is not usable YAML: ${firstLine((error as Error).message)}`, 1);
  }
}

function normaliseTags(tags: string | (string | number)[] | null | undefined): string[] {
  const list = typeof tags === 'string' ? tags.split(/[,\s]+/) : (tags ?? []).map(String);
  return [...new Set(list.map((t) => t.trim().replace(/^#/, '')).filter(Boolean))];
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
