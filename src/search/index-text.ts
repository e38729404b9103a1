// Fast paths for the two FTS column values, used by the index writer.
// tokenize.ts is the reference (and what highlighting uses); these produce
// the same `terms` text without building Token objects or testing a Unicode
// regex per character, because index build speed is a target (≥ 50,000
// concepts/s) and the reference spends ~18 µs on a 50-syllable concept.
// test/search-index-text.test.ts checks they agree on arbitrary input.
import { toNfc } from './normalize.js';
import { FINAL_PARTICLES, indexText as referenceIndexText } from './tokenize.js';

const isSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3;
const isAsciiWord = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
const isAsciiOther = (c: number) => c < 0x80 && !isAsciiWord(c);

// Initial consonants in syllable order (U+AC00 + 588·i), as compatibility jamo.
const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';

function hangulRunTokens(nfc: string, start: number, end: number, out: string[]): void {
  for (let i = start; i < end - 1; i++) out.push(nfc.slice(i, i + 2));
  const last = nfc[end - 1]!;
  if (end - start === 1 || !FINAL_PARTICLES.has(last)) out.push(last);
}

/** Same output as tokenize.ts indexText(), much faster on Hangul/ASCII text. */
export function fastIndexText(text: string): string {
  const nfc = toNfc(text);
  const out: string[] = [];
  let i = 0;
  const n = nfc.length;
  while (i < n) {
    const c = nfc.charCodeAt(i);
    if (isSyllable(c)) {
      let j = i + 1;
      while (j < n && isSyllable(nfc.charCodeAt(j))) j++;
      hangulRunTokens(nfc, i, j, out);
      i = j;
    } else if (isAsciiWord(c)) {
      let j = i + 1;
      while (j < n && isAsciiWord(nfc.charCodeAt(j))) j++;
      // A run that continues into non-ASCII letters (café, 3분) needs the general scanner.
      if (j < n && !isAsciiOther(nfc.charCodeAt(j)) && !isSyllable(nfc.charCodeAt(j))) return referenceIndexText(nfc);
      out.push(nfc.slice(i, j).toLowerCase());
      i = j;
    } else if (c < 0x80) {
      i++;
    } else {
      // Anything else (other scripts, marks, symbols, surrogates): the reference handles it.
      return referenceIndexText(nfc);
    }
  }
  return out.join(' ');
}

/** Same output as tokenize.ts choseongIndexText(): each Hangul run's initials ('소켓은' -> 'ㅅㅋㅇ'). */
export function choseongWords(text: string): string {
  const nfc = toNfc(text);
  let out = '';
  let inRun = false;
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc.charCodeAt(i);
    if (!isSyllable(c)) {
      inRun = false;
      continue;
    }
    if (!inRun && out) out += ' ';
    inRun = true;
    out += CHOSEONG[Math.floor((c - 0xac00) / 588)]!;
  }
  return out;
}
