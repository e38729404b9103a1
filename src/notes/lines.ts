/** The same line breaks markdown-it recognises, so our line numbers match its token maps. */
export const LINE_BREAK = /\r\n?|\n/;

export function splitLines(text: string): string[] {
  // Splitting on a plain '\n' is much cheaper than on the regex, and most notes have no '\r'.
  return text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}
