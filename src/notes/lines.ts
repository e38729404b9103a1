/** The same line breaks markdown-it recognises, so our line numbers match its token maps. */
export const LINE_BREAK = /\r\n?|\n/;

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}
