import type { Token } from 'markdown-it';
import { readInline, type InlineContent } from './inline-content.js';
import { closeOf, isListOpen } from './tokens.js';

export interface RangeContent extends InlineContent {
  /** First line (1-based) of each inline run, for placing figure references. */
  figureLines: number[];
  /** Direct child lists, which become nested concepts rather than text. */
  lists: number[];
}

/**
 * Reads the tokens between `from` and `to` into plain text, key terms and
 * figures. Lists directly inside (at `listLevel`) are skipped and returned so
 * a list item's own text excludes its nested items.
 */
export function readRange(tokens: readonly Token[], from: number, to: number, listLevel = -1): RangeContent {
  const out: RangeContent = { text: '', terms: [], figures: [], figureLines: [], lists: [] };
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (isListOpen(token) && token.level === listLevel) {
      out.lists.push(i);
      i = closeOf(tokens, i);
      continue;
    }
    const literal = token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block';
    if (token.type !== 'inline' && !literal) continue;
    if (out.text) out.text += '\n';
    if (literal) {
      out.text += token.content.replace(/\n$/, '');
      continue;
    }
    const before = out.figures.length;
    readInline(token, out);
    const line = (token.map?.[0] ?? 0) + 1;
    for (let f = before; f < out.figures.length; f++) out.figureLines.push(line);
  }
  return out;
}
