// Turns user input into FTS5 MATCH expressions over the tokens produced by
// tokenize.ts. User text never reaches MATCH raw: every token is emitted as a
// double-quoted string, so FTS operators in the input are just characters.
import { foldCase, toNfc } from './normalize.js';
import { isChoseongOnly, qwertyToHangul } from './hangul-input.js';
import { FIELD_MARK, isNgramRun, scanRuns } from './tokenize.js';

export const MAX_QUERY_LENGTH = 256;
export const MAX_QUERY_TERMS = 32;

/** One searchable unit: its index tokens (all must match), or a prefix token. */
export interface QueryTerm {
  term: string;
  tokens: string[];
  /** A single n-gram character or a word of initials: matched as `"x"*` (see tokenize.ts). */
  prefix: boolean;
}

export type QueryKind = 'text' | 'choseong';

export interface MatchSet {
  /**
   * Every term must match: the AND of every term's tokens. Try first. The index
   * keeps no token positions (migrations/007), so a row with a word's bigrams
   * apart also matches: keep only rows whose text holds each of `phrases`.
   */
  strict: string;
  /** The strict terms of more than one token, as they must appear in a row's folded NFC text. */
  phrases: string[];
  /**
   * The tokens `strict` and `loose` match as prefixes (`"x"*`), for expandPrefix; for a
   * choseong query, its words of initials marked with FIELD_MARK, for initialsMatch.
   */
  prefixes: string[];
  /** A choseong query's words of initials: a row must hold a word whose initials start with each (strict) or any (loose). */
  initials: string[];
  /** Any token may match (OR); rank by bm25. Fallback when strict finds nothing. */
  loose: string;
  /** Normalised terms to pass to highlight() for strict hits. */
  terms: string[];
  /** Single tokens to pass to highlight() for loose hits. */
  looseTerms: string[];
}

export interface BuiltQuery extends MatchSet {
  /** 'choseong' when the input was only initial consonants such as 'ㅅㅋ'. */
  kind: QueryKind;
  /** Tried in order when the literal query finds nothing (e.g. 'thzpt' -> 소켓). */
  alternatives: Array<MatchSet & { reason: 'qwerty'; query: string }>;
}

// Longest first so '서버에서는' loses '에서는', not just '는'. Stripping only
// shortens the phrase to a prefix of the word, so it can widen a match but
// never lose one (게이트웨이 -> 게이트웨 still finds 게이트웨이).
const PARTICLES = [
  '에서부터', '으로부터', '에서는', '에서도', '에게서', '에게는', '으로는', '으로도',
  '으로서', '으로써', '이라는', '이라고', '이라도', '입니다', '로부터', '에서', '에게',
  '한테', '께서', '으로', '로서', '로써', '로는', '로도', '에는', '에도', '까지', '부터',
  '보다', '처럼', '만큼', '마다', '조차', '마저', '밖에', '이나', '이랑', '이란', '이며',
  '이고', '이다', '라는', '라고', '하고', '와는', '과는', '은', '는', '이', '가', '을',
  '를', '의', '에', '도', '로', '와', '과', '만', '나', '랑', '께',
].sort((a, b) => b.length - a.length);

/** Strip one trailing particle when at least two syllables remain. */
export function stripParticle(word: string): string {
  const particle = PARTICLES.find((p) => word.endsWith(p) && word.length - p.length >= 2);
  return particle ? word.slice(0, -particle.length) : word;
}

function bigrams(chars: string[]): string[] {
  return chars.slice(0, -1).map((ch, i) => ch + chars[i + 1]);
}

function ngramTerm(term: string): QueryTerm {
  const chars = Array.from(term);
  return chars.length === 1 ? { term, tokens: [term], prefix: true } : { term, tokens: bigrams(chars), prefix: false };
}

/**
 * Split input into terms the way the index splits text: each run of one
 * script is its own term, so 'ip주소' needs both 'ip' and '주소' but not their
 * adjacency (the index puts a unigram between them). Input made only of
 * initial consonants ('ㅅㅋ', 'ㄹㅋ ㄷㅇㅅ') is a choseong query instead.
 */
export function parseTerms(input: string, stripParticles = true): { kind: QueryKind; terms: QueryTerm[] } {
  const runs = scanRuns(toNfc(input));
  if (runs.length > 0 && runs.every((run) => isChoseongOnly(run.text))) {
    // Each word of initials is a prefix of a word's initials (see tokenize.ts choseongTokens).
    return { kind: 'choseong', terms: runs.map((run) => ({ term: run.text, tokens: [run.text], prefix: true })) };
  }
  const terms = runs.map((run) => {
    if (!isNgramRun(run.kind)) return { term: foldCase(run.text), tokens: [foldCase(run.text)], prefix: false };
    return ngramTerm(run.kind === 'hangul' && stripParticles ? stripParticle(run.text) : run.text);
  });
  return { kind: 'text', terms };
}

const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;

/**
 * A word of initials is written `"·ㅅㅋ"*`, a placeholder no index term matches
 * (tokenize.ts FIELD_MARK), for initialsMatch to replace.
 */
function matchSet(terms: QueryTerm[], kind: QueryKind): MatchSet {
  const mark = kind === 'choseong' ? FIELD_MARK : '';
  const unique = [...new Map(terms.map((t) => [t.term, t])).values()];
  const prefixes = new Set(unique.filter((t) => t.prefix).map((t) => t.term));
  const looseTokens = [...new Set(unique.flatMap((t) => t.tokens))];
  const expression = (token: string) => (prefixes.has(token) ? `${quote(mark + token)}*` : quote(mark + token));
  return {
    strict: looseTokens.map(expression).join(' AND '),
    phrases: unique.filter((t) => t.tokens.length > 1).map((t) => t.term),
    prefixes: [...prefixes].map((token) => mark + token),
    initials: kind === 'choseong' ? unique.map((t) => t.term) : [],
    loose: looseTokens.map(expression).join(' OR '),
    terms: unique.map((t) => t.term),
    looseTerms: looseTokens,
  };
}

/**
 * `match` with the prefix query of `prefix` replaced by the OR of `terms`, the
 * index's terms that start with it (search-reader.ts termsStartingWith): FTS5
 * answers that OR, newest first, stopping at the cap, where its own prefix
 * query first merges every matching term's rows (~2.5x slower without token
 * positions). No terms: nothing can match, and the prefix query costs nothing.
 */
export function expandPrefix(match: string, prefix: string, terms: string[]): string {
  if (terms.length === 0) return match;
  return match.replaceAll(`${quote(prefix)}*`, `(${terms.map(quote).join(' OR ')})`);
}

/** Index terms with the given initials, up to `cap`, and whether there were more (search-reader.ts termsWithInitials). */
export type InitialsLookup = (initials: string, cap: number) => { terms: string[]; more: boolean };

/**
 * What stands in MATCH for a word of initials ('ㅅㅋㅇ'): rows holding, for each
 * adjacent pair of its initials, a bigram with those initials (소켓 for ㅅㅋ, 켓은 for
 * ㅋㅇ), as an AND of ORs; null when some pair has no bigram, so no row can match.
 * One initial stands for every token starting with a syllable of it. The rows found
 * may hold the bigrams apart or mid-word: search-notes.ts keeps only those holding a
 * word whose initials start with `word`. So a pair with many bigrams can be left out
 * (the smallest are kept, up to `cap` terms in all); if even the smallest has more
 * than `cap`, its first `cap` stand for it, and some matches may go unfound.
 */
export function initialsMatch(word: string, lookup: InitialsLookup, cap: number): string | null {
  const jamo = Array.from(word);
  const keys = jamo.length === 1 ? jamo : [...new Set(jamo.slice(0, -1).map((c, i) => c + jamo[i + 1]))];
  const groups = keys.map((key) => lookup(key, cap));
  if (groups.some((g) => g.terms.length === 0)) return null;
  const chosen: string[][] = [];
  let budget = cap;
  for (const group of groups.sort((a, b) => Number(a.more) - Number(b.more) || a.terms.length - b.terms.length)) {
    if (chosen.length > 0 && (group.more || group.terms.length > budget)) break;
    chosen.push(group.terms);
    budget -= group.terms.length;
  }
  return chosen.map((terms) => `(${terms.map(quote).join(' OR ')})`).join(' AND ');
}

/**
 * Build MATCH expressions for a user query, or an error suitable for a 400
 * response. Never throws for any user input.
 */
export function buildQuery(q: string): BuiltQuery | { error: string } {
  if (q.length > MAX_QUERY_LENGTH) {
    return { error: `Search query is too long (max ${MAX_QUERY_LENGTH} characters).` };
  }
  const { kind, terms } = parseTerms(q);
  if (terms.length === 0) return { error: 'Search query has no letters or numbers to search for.' };
  if (terms.length > MAX_QUERY_TERMS) {
    return { error: `Search query has too many words (max ${MAX_QUERY_TERMS}).` };
  }
  const alternatives: BuiltQuery['alternatives'] = [];
  const converted = kind === 'text' ? qwertyToHangul(toNfc(q)) : null;
  if (converted) {
    alternatives.push({ reason: 'qwerty', query: converted, ...matchSet(parseTerms(converted).terms, 'text') });
  }
  return { kind, alternatives, ...matchSet(terms, kind) };
}
