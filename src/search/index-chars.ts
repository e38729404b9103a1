// Character tables for index-text.ts's single pass over a text.
import { FINAL_PARTICLES } from './tokenize.js';

export const SEPARATOR = 0;
export const WORD = 1; // ASCII letter or digit
const SYLLABLE = 2; // Hangul syllable (tested by range in the hot loop)
const OTHER = 3;

export const KIND = new Uint8Array(0x10000).fill(OTHER);
for (let c = 0; c < 0x80; c++) {
  const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  KIND[c] = word ? WORD : SEPARATOR;
}
KIND.fill(SYLLABLE, 0xac00, 0xd7a4);
// Punctuation and symbols notes use ('·', '→', '–', '“', '※', '「'): no letter,
// digit or mark (which tokenize.ts would keep in a word), not Han/Kana, and
// unchanged by NFC alone and after a letter, so skipping normalisation is exact.
// C1 controls: toNfc turns them into spaces.
const LETTER_LIKE = /[\p{L}\p{N}\p{M}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u;
for (const [from, to] of [
  [0x80, 0xbf],
  [0xd7, 0xd7],
  [0xf7, 0xf7],
  [0x2000, 0x2bff],
  [0x3000, 0x303f],
  [0xff01, 0xff65],
] as const) {
  for (let c = from; c <= to; c++) {
    const ch = String.fromCharCode(c);
    if (c <= 0x9f || (!LETTER_LIKE.test(ch) && ch.normalize('NFC') === ch && `a${ch}`.normalize('NFC') === `a${ch}`)) {
      KIND[c] = SEPARATOR;
    }
  }
}

/** Code points the fast path treats as word separators, for the agreement test. */
export function fastSeparators(): number[] {
  return [...KIND.keys()].filter((c) => KIND[c] === SEPARATOR);
}

const SYLLABLE_COUNT = 0xd7a4 - 0xac00;
// Syllables whose run gets no trailing unigram (tokenize.ts FINAL_PARTICLES).
export const FINAL = new Uint8Array(SYLLABLE_COUNT);
for (const particle of FINAL_PARTICLES) FINAL[particle.charCodeAt(0) - 0xac00] = 1;
// Initial consonant of each syllable (U+AC00 + 588·i), as compatibility jamo.
export const CHOSEONG = new Uint16Array(SYLLABLE_COUNT);
for (let s = 0; s < SYLLABLE_COUNT; s++) {
  CHOSEONG[s] = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'.charCodeAt(Math.floor(s / 588));
}
