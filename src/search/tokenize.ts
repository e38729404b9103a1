// Tokeniser for the FTS "text" column. SQLite's ascii tokenizer then only has
// to split on our spaces; this module decides what a searchable unit is.
//
// - Hangul syllable runs and Han/Kana runs become overlapping bigrams
//   ('소켓은' -> 소켓 켓은), so a noun matches with or without its particle and
//   2-syllable nouns are still findable (trigram tokenizers cannot do that).
// - Each multi-syllable run also ends with a unigram of its last syllable
//   ('통신망' -> 통신 신망 망). Then every syllable is the first character of
//   some token, so a 1-syllable query is a prefix query ("망"* finds 통신망).
//   Worth it: 1-syllable words mostly end compounds (공개키, 통신망, 계층)
//   and would otherwise be unfindable. An FTS prefix='1' index would add
//   another ~90% and is not needed at notes scale.
//   Except when that syllable is a one-syllable particle or the 다 ending
//   (FINAL_PARTICLES): '소켓은' -> 소켓 켓은, no '은'. Nobody searches 은 or
//   다 alone, the stem's last syllable already starts a bigram (켓은), and a
//   unigram there only made "이"* or "다"* match half the index. Measured on
//   200k generated concepts: FTS data 1.84x -> 1.65x of the text.
// - Any other letter/digit run (Latin, digits, Cyrillic, ...) is one lowercase
//   word, split from adjacent Hangul: 'IP주소' -> ip 주소.
// - Leftover jamo ('ㅋㅋ', old-Hangul conjoining jamo) stay one whole word.
import { foldCase, toNfc } from './normalize.js';
import { choseongOf } from './hangul-input.js';

export interface Token {
  term: string;
  /** UTF-16 offsets into toNfc(text) - the input itself when it is already NFC. */
  start: number;
  end: number;
}

export type RunKind = 'hangul' | 'cjk' | 'jamo' | 'word';

export interface Run {
  kind: RunKind;
  text: string;
  start: number;
  end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u;
// Marks stay inside words here; unicode61 (default categories) splits on them,
// but it does so identically for the indexed terms and the quoted query.
const WORD = /[\p{L}\p{N}\p{M}]/u;

function kindOf(ch: string): RunKind | null {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xac00 && cp <= 0xd7a3) return 'hangul';
  if (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3131 && cp <= 0x318e) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff)
  ) {
    return 'jamo';
  }
  if (CJK.test(ch)) return 'cjk';
  return WORD.test(ch) ? 'word' : null;
}

/** Maximal same-kind runs of an NFC string; everything else separates them. */
export function scanRuns(nfc: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let offset = 0;
  for (const ch of nfc) {
    const kind = kindOf(ch);
    if (current && current.kind === kind) {
      current.text += ch;
      current.end += ch.length;
    } else {
      current = kind ? { kind, text: ch, start: offset, end: offset + ch.length } : null;
      if (current) runs.push(current);
    }
    offset += ch.length;
  }
  return runs;
}

/** True for runs indexed as n-grams rather than whole words. */
export function isNgramRun(kind: RunKind): boolean {
  return kind === 'hangul' || kind === 'cjk';
}

/** Code points of a run with their UTF-16 offsets (Han may be astral). */
function segments(run: Run): Token[] {
  const segs: Token[] = [];
  let offset = run.start;
  for (const ch of run.text) {
    segs.push({ term: ch, start: offset, end: offset + ch.length });
    offset += ch.length;
  }
  return segs;
}

/** Last syllables that get no trailing unigram (see header). */
export const FINAL_PARTICLES = new Set(['은', '는', '이', '가', '을', '를', '의', '에', '도', '로', '와', '과', '다']);

/**
 * Overlapping bigrams plus the trailing unigram unless it is a particle (see
 * header); a 1-char run is just that unigram.
 */
function ngramTokens(run: Run): Token[] {
  const segs = segments(run);
  const tokens = segs.map((seg, i) => {
    const next = segs[i + 1];
    return next ? { term: seg.term + next.term, start: seg.start, end: next.end } : seg;
  });
  if (segs.length > 1 && FINAL_PARTICLES.has(segs[segs.length - 1]!.term)) tokens.pop();
  return tokens;
}

/** Tokens of `text` (any normalisation) with offsets into its NFC form. */
export function tokenize(text: string): Token[] {
  return scanRuns(toNfc(text)).flatMap((run) =>
    isNgramRun(run.kind) ? ngramTokens(run) : [{ term: foldCase(run.text), start: run.start, end: run.end }],
  );
}

/** Value for the FTS terms column. */
export function indexText(text: string): string {
  return tokenize(text)
    .map((t) => t.term)
    .join(' ');
}

/**
 * Each Hangul run's initial consonants ('소켓은' -> 'ㅅㅋㅇ'). An initials
 * query matches a word whose initials start with it ("ㅅㅋ" finds 소켓, 소켓은,
 * 소켓을), from the start of a word, as initial-consonant search usually does,
 * and not mid-word (웹소켓 is ㅇㅅ…). The index holds no initials (they were
 * 26% of its tokens): the query is answered from the Hangul bigrams with the
 * right initials (search_initials, see search-index.ts), and each candidate is
 * checked against these (search-notes.ts).
 */
export function choseongTokens(text: string): Token[] {
  return scanRuns(toNfc(text))
    .filter((run) => run.kind === 'hangul')
    .map((run) => ({ term: choseongOf(run.text), start: run.start, end: run.end }));
}

/**
 * Starts every scope token (search-index.ts scopeToken), so that no word of a
 * note can match one: this middle dot is punctuation, never part of a run
 * (scanRuns), of a text token or of a query term.
 */
export const FIELD_MARK = '\u00b7';
