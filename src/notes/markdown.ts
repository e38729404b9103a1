import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { obsidianEmbeds } from './obsidian-embeds.js';

/**
 * One shared parser: CommonMark plus GFM tables and strikethrough (markdown-it's
 * default preset), raw HTML recognised as HTML blocks rather than text, and
 * Obsidian embeds. markdown-it was chosen over the mdast family for speed
 * (~28 MB/s vs ~1.3 MB/s on the seed; 14.x measured 2× faster than 15.x here) and because it caps nesting, so a
 * hostile 10,000-deep list cannot stall the event loop.
 */
export const MAX_NESTING = 100;

/** The parser as configured, without the shortcuts below: the reference test/markdown-shortcuts.test.ts compares against. */
export function referenceParser(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: false }).use(obsidianEmbeds);
  // Not in the typings' Options, but honoured by the parser (the default preset's value, made explicit).
  (md.options as { maxNesting?: number }).maxNesting = MAX_NESTING;
  return md;
}

// Characters at which some inline rule (break, escape, code, strikethrough,
// emphasis, link, image, embed, autolink, HTML, entity, linkify) may start.
// Inline content without any is one text token, which is what the inline
// parser makes of it after building its state, trying every rule at each
// other punctuation mark and running its post-processing rules. Most list
// items of notes are such plain sentences.
const INLINE_SYNTAX = /[\n\\`~*_[\]!<&:]/;

function plainInlineShortcut(md: MarkdownIt): void {
  const parse = md.inline.parse;
  const Text = md.core.State.prototype.Token;
  md.inline.parse = function (src, parser, env, out) {
    if (INLINE_SYNTAX.test(src)) return parse.call(this, src, parser, env, out);
    if (src === '') return;
    const token = new Text('text', '', 0);
    token.content = src;
    out.push(token);
  };
}

function parser(): MarkdownIt {
  const md = referenceParser();
  plainInlineShortcut(md);
  return md;
}

export const markdown = parser();

// The same parser without its first rule, which rewrites every line break to
// '\n' and NUL to U+FFFD: a copy of the whole note when there is nothing to rewrite.
const plain = parser();
plain.core.ruler.disable('normalize');

/** markdown.parse(text), skipping the copy when the text has no '\r' or NUL. */
export function parseMarkdown(text: string): Token[] {
  return (text.includes('\r') || text.includes('\0') ? markdown : plain).parse(text, {});
}
