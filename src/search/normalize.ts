// Text normalisation shared by indexing, querying and highlighting.
// Every step before lowercasing is length-preserving per code unit except NFC
// itself, so token offsets can always be expressed against `toNfc(text)`.

// Lone surrogates would become invalid UTF-8 on the way into SQLite.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls (incl. NUL) carry no searchable meaning; a space keeps the
// surrounding words apart and keeps the text length unchanged.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

// One scan that says whether either replacement has anything to do: most
// text has no surrogates or controls, and indexing calls this per item.
const NEEDS_CLEANING = /[\uD800-\uDFFF\u0000-\u001F\u007F-\u009F]/;

/** Replace lone surrogates with U+FFFD and control chars with spaces, then NFC. */
export function toNfc(s: string): string {
  const clean = NEEDS_CLEANING.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, ' ') : s;
  return clean.normalize('NFC');
}

/**
 * Locale-independent lowercase of an already NFC string. Lowercasing can
 * change the length ('İ' -> 'i̇'), so callers that need offsets must apply it
 * per token, never to the whole text.
 */
export function foldCase(nfc: string): string {
  return nfc.toLowerCase().normalize('NFC');
}

/** NFC + lowercase, safe for any JS string. */
export function normalizeText(s: string): string {
  return foldCase(toNfc(s));
}
