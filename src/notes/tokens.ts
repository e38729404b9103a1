import type { Token } from 'markdown-it';

/** Index of the token that closes the one opened at `open` (same level, nesting -1). */
export function closeOf(tokens: readonly Token[], open: number): number {
  const opener = tokens[open]!;
  if (opener.nesting !== 1) return open;
  for (let i = open + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.nesting === -1 && token.level === opener.level) return i;
  }
  return tokens.length - 1;
}

export function isListOpen(token: Token): boolean {
  return token.type === 'bullet_list_open' || token.type === 'ordered_list_open';
}

/** The block kind a frontend renders: `paragraph`, `code`, `table`, `blockquote`, `callout`, `html`, … */
export function blockKind(tokens: readonly Token[], open: number): string {
  const token = tokens[open]!;
  switch (token.type) {
    case 'fence':
    case 'code_block':
      return 'code';
    case 'html_block':
      return 'html';
    case 'hr':
      return 'thematic_break';
    case 'blockquote_open':
      // Obsidian callouts are blockquotes whose first line is `[!type]`.
      return /^\s*\[![\w-]+\][+-]?/.test(tokens[open + 2]?.content ?? '') ? 'callout' : 'blockquote';
    default:
      return token.type.replace(/_open$/, '');
  }
}
