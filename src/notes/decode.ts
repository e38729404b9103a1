import { isUtf8 } from 'node:buffer';
import { NoteError } from './note-error.js';
import { decodeValidUtf8 } from './utf8.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the bytes of a note into the text the parser sees: strict UTF-8 (a
 * replaced byte would silently corrupt a note), BOM dropped, NFC-normalised
 * because notes written on macOS arrive decomposed (NFD) and must match
 * text typed elsewhere. Line breaks are left alone; the parser counts
 * CRLF, CR and LF alike, so line numbers stay those of the file.
 */
export function decodeNote(bytes: Uint8Array): string {
  // Buffer's indexOf is a memchr; Uint8Array's includes walks byte by byte.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(0) !== -1) {
    throw new NoteError('the file contains NUL bytes; it looks binary, not a markdown note', 1);
  }
  // isUtf8 is a fast native check; the decoder below relies on it.
  if (!isUtf8(bytes)) throw new NoteError('the file is not valid UTF-8', lineOfFirstInvalidByte(bytes));
  const { text, mayNeedNfc } = decodeValidUtf8(bytes);
  // normalize() costs a copy even when it changes nothing.
  return mayNeedNfc ? text.normalize('NFC') : text;
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  // Decode growing prefixes line by line so the message can point at the line.
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        utf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
