// Fast path for the FTS text column's value, used by the index writer.
// tokenize.ts is the reference (and what highlighting uses); this produces
// the same text without building Token objects, testing a Unicode regex per
// character or normalising, because ingest speed is a target (≥ 10 MB/s of
// notes) and the reference spends ~18 µs on a 50-syllable concept.
// test/search-index-text.test.ts checks they agree on arbitrary input.
//
// One pass per text writes char codes into a shared buffer that becomes a
// string once (per text, or per batch of texts in indexTexts). The pass only
// knows Hangul syllables, ASCII and NFC-inert separator symbols: a string of
// those is already NFC (nothing in it composes) and controls only separate
// words, as toNfc's spaces do. Any other character hands the whole text to
// the reference. On the way it notes the Hangul tokens it writes (HangulGrams),
// which initial-consonant search looks up by their initials (search-index.ts).
import { FINAL, KIND, SEPARATOR, WORD } from './index-chars.js';
import { indexText as referenceIndexText } from './tokenize.js';

const SPACE = 0x20;
// Ends each text's value in an indexTexts batch; no value can contain it.
const END = 0;

// Scratch buffer, kept between calls up to KEEP code units (a huge note's grown one is let go).
const KEEP = 1 << 18;
let out: Uint16Array = new Uint16Array(1 << 14);
// The same memory as bytes: Buffer's utf16le toString makes a string of it several times faster than TextDecoder.
let outBytes: Buffer = Buffer.from(out.buffer);

function setOut(buffer: Uint16Array): void {
  out = buffer;
  outBytes = Buffer.from(buffer.buffer);
}

function reserve(used: number, more: number): void {
  if (used + more <= out.length) return;
  const grown = new Uint16Array(Math.max(out.length * 2, used + more));
  grown.set(out.subarray(0, used));
  setOut(grown);
}

function shrink(): void {
  if (out.length > KEEP) setOut(new Uint16Array(KEEP));
}

const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3;

/**
 * The distinct Hangul tokens of what was indexed, as codes: a bigram's two
 * syllables `first << 16 | second`, a one-syllable token's `first << 16`
 * (gramCode). Repeats are mostly dropped on the way (a small direct-mapped
 * table: ~3 ns a token, where a Set cost ~25); what slips through is dropped
 * by the store.
 */
export class HangulGrams {
  private readonly recent = new Uint32Array(4096);
  readonly codes: number[] = [];

  add(code: number): void {
    const slot = (code ^ (code >>> 13)) & 4095;
    if (this.recent[slot] === code) return;
    this.recent[slot] = code;
    this.codes.push(code);
  }

  /** The Hangul tokens of an index value (a text the fast path could not take). */
  addValue(value: string): void {
    for (const token of value.split(' ')) {
      const a = token.charCodeAt(0);
      if (!isSyllable(a)) continue;
      if (token.length === 1) this.add(gramCode(a, 0));
      else if (token.length === 2 && isSyllable(token.charCodeAt(1))) this.add(gramCode(a, token.charCodeAt(1)));
    }
  }
}

/** A Hangul token's code (see HangulGrams); `second` 0 for one syllable. */
export function gramCode(first: number, second: number): number {
  return ((first << 16) | second) >>> 0;
}

/** The token a code stands for. */
export function gramToken(code: number): string {
  const second = code & 0xffff;
  return second ? String.fromCharCode(code >>> 16, second) : String.fromCharCode(code >>> 16);
}

/**
 * Appends `text`'s index value and END to `out` at `at`; returns the new end,
 * or -1 when `text` needs the reference.
 */
function writeText(text: string, at: number, grams: HangulGrams | undefined): number {
  const n = text.length;
  // Per Hangul syllable at most 3 code units of bigrams; per other char 2.
  reserve(at, 3 * n + 2);
  const buf = out;
  let o = at;
  // Every token is written followed by a space; the last space becomes END.
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 0xac00 && c <= 0xd7a3) {
      // A Hangul run: its bigrams, then the last syllable unless it is a particle.
      let prev = c;
      let j = i + 1;
      for (; j < n; j++) {
        c = text.charCodeAt(j);
        if (c < 0xac00 || c > 0xd7a3) break;
        buf[o++] = prev;
        buf[o++] = c;
        buf[o++] = SPACE;
        grams?.add(gramCode(prev, c));
        prev = c;
      }
      if (j - i === 1 || FINAL[prev - 0xac00] === 0) {
        buf[o++] = prev;
        buf[o++] = SPACE;
        grams?.add(gramCode(prev, 0));
      }
      i = j;
      continue;
    }
    const kind = KIND[c];
    if (kind === WORD) {
      buf[o++] = c | 0x20; // lowercase; digits already have the bit
      let j = i + 1;
      for (; j < n; j++) {
        c = text.charCodeAt(j);
        if (KIND[c] !== WORD) break;
        buf[o++] = c | 0x20;
      }
      buf[o++] = SPACE;
      i = j;
      continue;
    }
    if (kind !== SEPARATOR) return -1;
    i++;
  }
  if (o > at) o--;
  buf[o++] = END;
  return o;
}

function writeString(s: string, at: number): number {
  reserve(at, s.length + 1);
  for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  out[at + s.length] = END;
  return at + s.length + 1;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const CHUNK = 8192;

/** out[from, to) as a string. */
function read(from: number, to: number): string {
  if (LITTLE_ENDIAN) return outBytes.toString('utf16le', from * 2, to * 2);
  let s = '';
  for (let i = from; i < to; i += CHUNK) s += String.fromCharCode(...out.subarray(i, Math.min(to, i + CHUNK)));
  return s;
}

/** Same output as tokenize.ts indexText(), much faster on Hangul/ASCII text. */
export function fastIndexText(text: string): string {
  const end = writeText(text, 0, undefined);
  const value = end < 0 ? referenceIndexText(text) : read(0, end - 1);
  shrink();
  return value;
}

/**
 * fastIndexText(t) for each text, built as one string split once: the
 * cheapest way to make many short strings. `grams` collects their Hangul tokens.
 */
export function indexTexts(texts: readonly string[], grams?: HangulGrams): string[] {
  if (texts.length === 0) return [];
  let o = 0;
  for (const text of texts) {
    const end = writeText(text, o, grams);
    if (end >= 0) {
      o = end;
      continue;
    }
    const value = referenceIndexText(text);
    grams?.addValue(value);
    o = writeString(value, o);
  }
  const values = read(0, o - 1).split('\0');
  shrink();
  return values;
}
