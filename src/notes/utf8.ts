import { isAscii } from 'node:buffer';

// UTF-8 to a JS string for bytes already known to be valid UTF-8 (isUtf8),
// because TextDecoder took ~10% of the parse on Hangul notes: this loop and
// one UTF-16 copy cost about half of it, and tell on the way whether the text
// could need NFC, which would otherwise take another scan.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const fallback = new TextDecoder('utf-8');
// Text made only of these is NFC already: below U+0300 nothing composes or
// decomposes, and precomposed Hangul syllables are final (no trailing jamo
// here to join them).
const MAY_NEED_NFC = /[^\u0000-\u02FF\uAC00-\uD7A3]/;

// Reused between notes up to this many code units; a larger note gets its own.
const KEEP = 1 << 20;
let units = new Uint16Array(1 << 16);
let unitBytes = Buffer.from(units.buffer);

export interface Decoded {
  /** The text, a leading BOM dropped, as TextDecoder gives it. */
  text: string;
  /** False when the text is NFC for certain; true when normalize('NFC') may change it. */
  mayNeedNfc: boolean;
}

/** Decodes `bytes`, which must be valid UTF-8. */
export function decodeValidUtf8(bytes: Uint8Array): Decoded {
  const n = bytes.length;
  // Latin-1 is a plain copy into a one-byte string, and ASCII reads the same in it.
  if (isAscii(bytes)) return { text: Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1'), mayNeedNfc: false };
  if (!LITTLE_ENDIAN) {
    const text = fallback.decode(bytes);
    return { text, mayNeedNfc: MAY_NEED_NFC.test(text) };
  }
  if (n > units.length && n <= KEEP) {
    units = new Uint16Array(n);
    unitBytes = Buffer.from(units.buffer);
  }
  const out = n <= units.length ? units : new Uint16Array(n);
  const bytesOfOut = out === units ? unitBytes : Buffer.from(out.buffer);
  let o = 0;
  let unusual = false;
  let i = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      out[o++] = c;
      i++;
    } else if (c >= 0xe0 && c < 0xf0) {
      const u = ((c & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      out[o++] = u;
      i += 3;
      if (u < 0xac00 || u > 0xd7a3) unusual = true;
    } else if (c < 0xe0) {
      const u = ((c & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      out[o++] = u;
      i += 2;
      if (u >= 0x300) unusual = true;
    } else {
      const v = (((c & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f)) - 0x10000;
      out[o++] = 0xd800 + (v >> 10);
      out[o++] = 0xdc00 + (v & 0x3ff);
      i += 4;
      unusual = true;
    }
  }
  // Buffer's utf16le decoding is a copy; TextDecoder's was a fifth of this function's time.
  return { text: bytesOfOut.toString('utf16le', 0, o * 2), mayNeedNfc: unusual };
}
