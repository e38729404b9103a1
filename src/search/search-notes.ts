// Runs a search: strict, then loose, then the qwerty reading; ranks capped
// candidates; pages; highlights. SQL stays in src/store/search-reader.ts.
import { createHash } from 'node:crypto';
import type { SearchHit, SearchQuery, SearchResults } from '../schemas/search.js';
import type { CandidateRow, SearchReader } from '../store/search-reader.js';
import { scopeToken, typeOfRowid, type SearchType } from '../store/search-index.js';
import { highlight } from './highlight.js';
import { foldCase, toNfc } from './normalize.js';
import { buildQuery, expandPrefix, initialsMatch, type QueryKind } from './query.js';
import { CHOSEONG as SYLLABLE_INITIAL } from './index-chars.js';
import { FIELD_MARK } from './tokenize.js';

/**
 * Most candidates scored per query. Past this many matches a query is
 * "common" and is ranked among all topic/key-term hits (they are scanned
 * first) plus the newest concept hits, not all of them: what keeps p99 under
 * 10 ms at 200k concepts (bench/search.ts). Also the deepest page reachable.
 */
export const CANDIDATE_CAP = 200;

/**
 * Most index terms a prefix query is expanded into (expandPrefix); past it, FTS5 answers the
 * prefix itself. Also the most a word of initials stands for (initialsMatch). Measured at 200k
 * concepts, 200 rows newest first: an OR of 1,024 terms 3.6 ms (2,048: 9.1 ms).
 */
const PREFIX_TERMS_CAP = 1024;

// Per type: weight (topic titles and key terms outrank body text) and a
// typical length in characters, for bm25's length normalisation.
const WEIGHT: Record<SearchType, number> = { topic: 3, term: 2.5, concept: 1, figure: 0.8 };
const TYPICAL_LENGTH: Record<SearchType, number> = { topic: 16, term: 10, concept: 60, figure: 20 };
const K1 = 1.2;
const B = 0.75;
const LEAD_BOOST = 1.5;

const toChoseong = (s: string) => s.replace(/[\uAC00-\uD7A3]/g, (ch) => String.fromCharCode(SYLLABLE_INITIAL[ch.charCodeAt(0) - 0xac00]!));

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * bm25 computed here over the capped candidates instead of by FTS5 over
 * every match. Term frequency is counted in the text itself (a word of
 * several bigrams is where it occurs as a substring of a Hangul run, as the
 * candidates were checked); IDF is left out: in a strict (AND) query every
 * candidate has every term, and in a loose one matching more of the terms is
 * what counts.
 */
function score(row: CandidateRow, terms: string[], kind: QueryKind): number {
  const folded = foldCase(toNfc(row.text));
  const text = kind === 'choseong' ? toChoseong(folded) : folded;
  const type = typeOfRowid(row.rowid);
  const norm = K1 * (1 - B + (B * Array.from(row.text).length) / TYPICAL_LENGTH[type]);
  let sum = 0;
  for (const term of terms) {
    const tf = occurrences(text, term);
    sum += (tf * (K1 + 1)) / (tf + norm);
  }
  // Notes define things subject-first ('소켓은 … 인터페이스다'): a text that
  // opens with a query term is usually the definition the reader wants.
  const lead = terms.some((term) => text.startsWith(term)) ? LEAD_BOOST : 1;
  return Math.round(WEIGHT[type] * sum * lead * 1e4) / 1e4;
}

type Fallback = SearchResults['fallback'];
interface Stage {
  kind: QueryKind;
  match: string;
  /** Words a row's text must hold (MatchSet.phrases). */
  phrases: string[];
  /** Words of initials a row must hold (MatchSet.initials): each of them, or with `anyInitials` one. */
  initials: string[];
  anyInitials: boolean;
  /** Prefix tokens in `match` (MatchSet.prefixes). */
  prefixes: string[];
  terms: string[];
  fallback: Fallback;
  corrected: string | null;
}

function stages(q: string): Stage[] | { error: string } {
  const built = buildQuery(q);
  if ('error' in built) return built;
  const { kind, prefixes, initials } = built;
  const list: Stage[] = [
    { kind, match: built.strict, phrases: built.phrases, initials, anyInitials: false, prefixes, terms: built.terms, fallback: null, corrected: null },
  ];
  if (built.loose !== built.strict) {
    list.push({ kind, match: built.loose, phrases: [], initials, anyInitials: true, prefixes, terms: built.looseTerms, fallback: 'loose', corrected: null });
  }
  for (const alt of built.alternatives) {
    const base = { kind: 'text' as const, prefixes: alt.prefixes, initials: [], anyInitials: false, corrected: alt.query };
    list.push({ ...base, match: alt.strict, phrases: alt.phrases, terms: alt.terms, fallback: 'qwerty' });
    if (alt.loose !== alt.strict) list.push({ ...base, match: alt.loose, phrases: [], terms: alt.looseTerms, fallback: 'qwerty-loose' });
  }
  return list;
}

/** The MATCH restricted to the filters' scope tokens, or null when the filters cover nothing. */
function scoped(reader: SearchReader, match: string, { course, chapter }: SearchQuery): string | null {
  if (course === undefined && chapter === undefined) return match;
  const scopes = reader.scopes(course?.normalize('NFC'), chapter?.normalize('NFC'));
  if (scopes.length === 0) return null;
  return `(${match}) AND (${scopes.map((s) => `"${scopeToken(s.course, s.chapter)}"`).join(' OR ')})`;
}

// The cursor is an offset into this query's ranked candidates, bound to the
// query and filters so a cursor from another search is refused, not misread.
function cursorKey({ q, course, chapter, type }: SearchQuery): string {
  return createHash('sha256').update(JSON.stringify([q, course, chapter, type])).digest('hex').slice(0, 12);
}
const encodeCursor = (offset: number, key: string) => Buffer.from(`${offset}.${key}`).toString('base64url');
function decodeCursor(cursor: string, key: string): number | null {
  const m = /^(\d{1,6})\.([0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  return m && m[2] === key ? Number(m[1]) : null;
}

export function searchNotes(reader: SearchReader, params: SearchQuery): SearchResults | { error: string } {
  const key = cursorKey(params);
  const offset = params.cursor === undefined ? 0 : decodeCursor(params.cursor, key);
  if (offset === null) return { error: 'cursor is not one this search returned; start again without it' };
  const plan = stages(params.q);
  if ('error' in plan) return plan;
  // A prefix's terms, read once per search: the strict and loose stages share its prefixes.
  const expansions = new Map<string, string[] | string | null>();
  for (const stage of plan) {
    const match = scoped(reader, expanded(reader, stage, expansions), params);
    if (match === null) break;
    const rows = candidates(reader, match, holds(stage), params.type);
    if (rows.length === 0) continue;
    const ranked = rows
      .map((row) => ({ row, score: score(row, stage.terms, stage.kind) }))
      .sort((a, b) => b.score - a.score || b.row.rowid - a.row.rowid);
    const page = ranked.slice(offset, offset + params.limit);
    const end = offset + page.length;
    return {
      items: page.flatMap(({ row, score: s }) => toHit(reader, row, s, stage.terms) ?? []),
      nextCursor: end < ranked.length ? encodeCursor(end, key) : null,
      fallback: stage.fallback,
      correctedQuery: stage.corrected,
    };
  }
  return { items: [], nextCursor: null, fallback: null, correctedQuery: null };
}

/**
 * The stage's MATCH with each prefix query replaced by the terms it stands for (expandPrefix),
 * and each word of initials by the bigrams it stands for (initialsMatch).
 */
function expanded(reader: SearchReader, stage: Stage, expansions: Map<string, string[] | string | null>): string {
  let match = stage.match;
  for (const prefix of stage.prefixes) {
    if (!expansions.has(prefix)) {
      const initials = prefix.startsWith(FIELD_MARK) ? prefix.slice(FIELD_MARK.length) : null;
      const lookup = (key: string, cap: number) => reader.termsWithInitials(key, cap);
      // A word of initials no row can hold stands for a mark alone, which no row holds either.
      expansions.set(prefix, initials ? (initialsMatch(initials, lookup, PREFIX_TERMS_CAP) ?? `"${FIELD_MARK}"`) : reader.termsStartingWith(prefix, PREFIX_TERMS_CAP));
    }
    const terms = expansions.get(prefix);
    if (typeof terms === 'string') match = match.replaceAll(`"${prefix}"*`, `(${terms})`);
    else if (terms) match = expandPrefix(match, prefix, terms);
  }
  return match;
}

/**
 * What a candidate's text must hold besides the MATCH: the index matches a word's bigrams
 * anywhere in a row (it keeps no positions), and a word of initials by bigrams that may sit
 * mid-word; null when the MATCH says it all.
 */
function holds(stage: Stage): ((text: string) => boolean) | null {
  const { phrases, initials, anyInitials } = stage;
  if (phrases.length === 0 && initials.length === 0) return null;
  return (text) => {
    if (phrases.length > 0) {
      const folded = foldCase(toNfc(text));
      if (!phrases.every((phrase) => folded.includes(phrase))) return false;
    }
    if (initials.length === 0) return true;
    const held = (word: string) => startsWordWithInitials(text, word);
    return anyInitials ? initials.some(held) : initials.every(held);
  };
}

/**
 * Whether a Hangul word of `text` (stored NFC) starts with syllables whose initial consonants
 * are `initials` (compatibility jamo): tokenize.ts choseongTokens' words, without building them,
 * as this runs on up to CHECK_BUDGET rows per query.
 */
export function startsWordWithInitials(text: string, initials: string): boolean {
  const n = text.length;
  const m = initials.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xac00 || c > 0xd7a3) continue;
    // A run starts here: compare its syllables' initials while they last.
    let k = 0;
    while (k < m && i + k < n) {
      const s = text.charCodeAt(i + k);
      if (s < 0xac00 || s > 0xd7a3 || SYLLABLE_INITIAL[s - 0xac00] !== initials.charCodeAt(k)) break;
      k++;
    }
    if (k === m) return true;
    // Skip to the end of this run.
    while (i + 1 < n && text.charCodeAt(i + 1) >= 0xac00 && text.charCodeAt(i + 1) <= 0xd7a3) i++;
  }
  return false;
}

/**
 * Most rows a stage reads to check them (holds) before it gives up on finding more: what
 * bounds a word of initials whose bigrams are common but that no word starts with ("ㄷㅇㅅ"
 * at 200k concepts: 50,000 rows to reject, 2.7 s; a chunk of 200 costs ~5 ms). Past it, a
 * rarer match further down is not found.
 */
export const CHECK_BUDGET = 1000;

/**
 * Up to CANDIDATE_CAP rows matching `match` whose text passes `keep`, newest first: the scan
 * goes on past those that do not, for at most CHECK_BUDGET rows.
 */
function candidates(reader: SearchReader, match: string, keep: ((text: string) => boolean) | null, type: SearchType | undefined): CandidateRow[] {
  if (!keep) return reader.candidates(match, CANDIDATE_CAP, type);
  const kept: CandidateRow[] = [];
  for (let before: number | undefined, read = 0; read < CHECK_BUDGET; ) {
    const rows = reader.candidates(match, CANDIDATE_CAP, type, before);
    read += rows.length;
    for (const row of rows) {
      if (keep(row.text)) kept.push(row);
      if (kept.length === CANDIDATE_CAP) return kept;
    }
    if (rows.length < CANDIDATE_CAP) return kept;
    before = rows[rows.length - 1]!.rowid;
  }
  return kept;
}

// Only the returned page is placed and highlighted, not every candidate.
function toHit(reader: SearchReader, row: CandidateRow, score: number, terms: string[]): SearchHit | undefined {
  const place = reader.place(row.rowid);
  if (!place) return undefined;
  const h = highlight(row.text, terms);
  return {
    type: typeOfRowid(row.rowid),
    id: place.itemId,
    course: place.course,
    chapter: place.chapter,
    topicId: place.topicId,
    breadcrumb: {
      course: place.course,
      chapter: place.chapter,
      topics: reader.topicChain(place).map(({ id, title, section }) => ({ id, title, section })),
    },
    text: row.text,
    snippet: { html: h.snippet, start: h.snippetStart, end: h.snippetEnd },
    highlights: h.highlights,
    score,
  };
}
