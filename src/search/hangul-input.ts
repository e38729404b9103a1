// Guarded wrappers over es-hangul for the two "typed it wrong" search aids:
// initial-consonant (choseong) search and a query typed with the keyboard in
// English mode (qwerty -> 두벌식).
import { convertQwertyToHangul, getChoseong } from 'es-hangul';

const SYLLABLES = /^[\uAC00-\uD7A3]+$/;
const COMPAT_CONSONANTS = /^[\u3131-\u314E]+$/;
const QWERTY_WORDS = /^[A-Za-z]+(?: +[A-Za-z]+)*$/;

/** True for a complete-syllable Hangul string such as '소켓'. */
function isHangulSyllables(s: string): boolean {
  return SYLLABLES.test(s);
}

/** True for a string of compatibility consonants only, such as 'ㅅㅋ'. */
export function isChoseongOnly(s: string): boolean {
  return COMPAT_CONSONANTS.test(s);
}

/**
 * Initial consonants of a run of complete syllables, one per syllable
 * ('소켓' -> 'ㅅㅋ'), so offsets in the result map 1:1 onto the input.
 * Anything that is not a complete syllable yields ''.
 */
export function choseongOf(syllables: string): string {
  return isHangulSyllables(syllables) ? getChoseong(syllables) : '';
}

/**
 * 'thzpt' -> '소켓'. Returns null unless the input is plain Latin words and
 * every converted word is made of complete syllables: 'peer' gives 'ㅔㄷㄷㄱ',
 * which is not something anyone meant to type. Case is kept because Shift
 * selects the tense consonants (R -> ㄲ).
 */
export function qwertyToHangul(input: string): string | null {
  const trimmed = input.trim();
  if (!QWERTY_WORDS.test(trimmed)) return null;
  const words: string[] = [];
  for (const word of trimmed.split(/ +/)) {
    // es-hangul throws on key sequences no syllable can be built from ('hkc' -> ㅗㅏㅊ): not Hangul, then.
    let converted: string;
    try {
      converted = convertQwertyToHangul(word);
    } catch {
      return null;
    }
    if (!isHangulSyllables(converted)) return null;
    words.push(converted);
  }
  return words.join(' ');
}
