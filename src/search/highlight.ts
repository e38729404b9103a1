// Match spans and an HTML-safe snippet for a search hit. Spans are found by
// re-tokenising the stored text exactly as the index did and matching the
// query's token phrases against that stream, so what is highlighted is what
// FTS matched - 소켓 over '소켓은' marks '소켓', not the particle.
import { toNfc } from './normalize.js';
import { parseTerms, type QueryTerm } from './query.js';
import { choseongTokens, tokenize, type Token } from './tokenize.js';

export interface Span {
  start: number;
  end: number;
}

export interface Highlighted {
  /** HTML: escaped text with matches wrapped in <mark>; '…' marks cut edges. */
  snippet: string;
  /**
   * The snippet window as offsets into `text`, returned so a client holding
   * the full text can map `highlights` into the snippet if it renders itself.
   */
  snippetStart: number;
  snippetEnd: number;
  /** Merged match spans, UTF-16 offsets into the full `text`. */
  highlights: Span[];
}

export const SNIPPET_LENGTH = 160;
const CONTEXT_BEFORE = 40;
const SNAP = 15;

function termSpans(stream: Token[], q: QueryTerm): Span[] {
  const spans: Span[] = [];
  const n = q.tokens.length;
  stream.forEach((tok, i) => {
    if (q.prefix) {
      if (tok.term.startsWith(q.term)) spans.push({ start: tok.start, end: tok.start + q.term.length });
      return;
    }
    const window = stream.slice(i, i + n);
    if (window.length === n && window.every((t, k) => t.term === q.tokens[k])) {
      spans.push({ start: tok.start, end: window[n - 1]!.end });
    }
  });
  return spans;
}

/** Sort and merge overlapping or touching spans (bigram matches overlap). */
function merge(spans: Span[]): Span[] {
  const merged: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * Match spans of normalised query terms (BuiltQuery.terms or .looseTerms) in
 * `text`. Offsets are into toNfc(text), i.e. into `text` itself when it is
 * stored NFC as the notes store does.
 */
export function findMatches(text: string, terms: string[]): Span[] {
  const spans: Span[] = [];
  let words: Token[] | undefined;
  let choseong: Token[] | undefined;
  for (const term of terms) {
    // No particle stripping: terms are already normalised query terms.
    const parsed = parseTerms(term, false);
    const stream =
      parsed.kind === 'choseong' ? (choseong ??= choseongTokens(text)) : (words ??= tokenize(text));
    for (const q of parsed.terms) spans.push(...termSpans(stream, q));
  }
  return merge(spans);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A window of about SNIPPET_LENGTH around `first`, snapped to whitespace when close. */
function snippetWindow(text: string, first: Span | undefined): Span {
  let start = Math.max(0, (first?.start ?? 0) - CONTEXT_BEFORE);
  if (start > 0) {
    const space = text.slice(start, start + SNAP).search(/\s/);
    if (space >= 0 && start + space < (first?.start ?? 0)) start += space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.slice(end - SNAP, end).search(/\s\S*$/);
    if (space >= 0 && end - SNAP + space >= (first?.end ?? 0)) end = end - SNAP + space;
  }
  // Never split a surrogate pair at either edge.
  if (isLowSurrogate(text, start)) start += 1;
  if (end < text.length && isLowSurrogate(text, end)) end -= 1;
  return { start, end };
}

export function highlight(text: string, terms: string[]): Highlighted {
  const nfc = toNfc(text);
  const highlights = findMatches(nfc, terms);
  const win = snippetWindow(nfc, highlights[0]);
  let html = win.start > 0 ? '…' : '';
  let pos = win.start;
  for (const h of highlights) {
    const start = Math.max(h.start, win.start);
    const end = Math.min(h.end, win.end);
    if (start >= end) continue;
    html += `${escapeHtml(nfc.slice(pos, start))}<mark>${escapeHtml(nfc.slice(start, end))}</mark>`;
    pos = end;
  }
  html += escapeHtml(nfc.slice(pos, win.end)) + (win.end < nfc.length ? '…' : '');
  return { snippet: html, snippetStart: win.start, snippetEnd: win.end, highlights };
}
