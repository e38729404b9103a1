// Fast paths for the two FTS column values, used by the index writer.
// tokenize.ts is the reference (and what highlighting uses); these produce
// the same text without building Token objects, testing a Unicode regex per
// character or normalising, because ingest speed is a target (≥ 10 MB/s of
// notes) and the reference spends ~18 µs on a 50-syllable concept.
// test/search-index-text.test.ts checks they agree on arbitrary input.
//
// One pass per text writes char codes into a shared buffer that becomes a
// string once (per text, or per batch of texts in indexPairs). The pass only
// knows Hangul syllables, ASCII and NFC-inert separator symbols: a string of
// those is already NFC (nothing in it composes) and controls only separate
// words, as toNfc's spaces do. Any other character hands the whole text to
// the reference.
import { CHOSEONG, FINAL, KIND, SEPARATOR, WORD } from './index-chars.js';
import { choseongIndexText as referenceChoseong, FIELD_MARK, indexText as referenceIndexText } from './tokenize.js';

const SPACE = 0x20;
const MARK = FIELD_MARK.charCodeAt(0);
// Ends each text's two values in an indexPairs batch; neither value can contain it.
const END = 0;

// Scratch buffers, kept between calls up to KEEP code units (a huge note's grown ones are let go).
const KEEP = 1 << 18;
let out: Uint16Array = new Uint16Array(1 << 14);
// The same memory as bytes: Buffer's utf16le toString makes a string of it several times faster than TextDecoder.
let outBytes: Buffer = Buffer.from(out.buffer);
let initials = new Uint16Array(1 << 12);

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
  if (initials.length > KEEP) initials = new Uint16Array(KEEP);
}

// Where writePair put the END between the two values.
let middle = 0;

/**
 * Appends `text`'s index value, END, its choseong value and END to `out` at
 * `at`; returns the new end, or -1 when `text` needs the reference.
 */
function writePair(text: string, at: number): number {
  const n = text.length;
  // Per Hangul syllable at most 3 code units of bigrams and 3 of its run's marked initials; per other char 2.
  reserve(at, 6 * n + 2);
  if (initials.length < 3 * n) initials = new Uint16Array(3 * n);
  const buf = out;
  const cho = initials;
  let o = at;
  let co = 0;
  // Every token is written followed by a space, every run of initials too; the last space becomes END.
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 0xac00 && c <= 0xd7a3) {
      // A Hangul run: its bigrams, then the last syllable unless it is a particle.
      cho[co++] = MARK;
      cho[co++] = CHOSEONG[c - 0xac00]!;
      let prev = c;
      let j = i + 1;
      for (; j < n; j++) {
        c = text.charCodeAt(j);
        if (c < 0xac00 || c > 0xd7a3) break;
        buf[o++] = prev;
        buf[o++] = c;
        buf[o++] = SPACE;
        cho[co++] = CHOSEONG[c - 0xac00]!;
        prev = c;
      }
      if (j - i === 1 || FINAL[prev - 0xac00] === 0) {
        buf[o++] = prev;
        buf[o++] = SPACE;
      }
      cho[co++] = SPACE;
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
  middle = o;
  buf[o++] = END;
  if (co > 0) {
    buf.set(cho.subarray(0, co - 1), o);
    o += co - 1;
  }
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

// The last text asked for and its two values as one string, "index END
// choseong": the writer asks for both values of each text in turn, and one
// scan and one string (the fixed cost of making a string dominates on short
// texts) then serve both calls.
let lastText: string | null = null;
let lastPair: string | null = null; // null when the text needs the reference
let lastMiddle = 0;

function pairOf(text: string): void {
  if (text === lastText) return;
  lastText = text;
  const end = writePair(text, 0);
  lastPair = end < 0 ? null : read(0, end - 1);
  lastMiddle = end < 0 ? 0 : middle;
  shrink();
}

/** Same output as tokenize.ts indexText(), much faster on Hangul/ASCII text. */
export function fastIndexText(text: string): string {
  pairOf(text);
  return lastPair === null ? referenceIndexText(text) : lastPair.slice(0, lastMiddle);
}

/** Same output as tokenize.ts choseongIndexText(): each Hangul run's marked initials ('소켓은' -> '·ㅅㅋㅇ'). */
export function choseongWords(text: string): string {
  pairOf(text);
  return lastPair === null ? referenceChoseong(text) : lastPair.slice(lastMiddle + 1);
}

/**
 * [fastIndexText(t), choseongWords(t)] for each text, flattened, built as
 * one string split once: the cheapest way to make many short strings.
 */
export function indexPairs(texts: readonly string[]): string[] {
  if (texts.length === 0) return [];
  let o = 0;
  for (const text of texts) {
    const end = writePair(text, o);
    o = end >= 0 ? end : writeString(referenceChoseong(text), writeString(referenceIndexText(text), o));
  }
  const pairs = read(0, o - 1).split('\0');
  shrink();
  return pairs;
}
