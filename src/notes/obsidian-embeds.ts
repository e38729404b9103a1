import type { MarkdownIt, StateInline } from 'markdown-it';

/**
 * Obsidian's `![[file.png]]`, `![[file.png|400]]` and `![[note#heading|alias]]`
 * embeds, and `[[note|alias]]` wiki links. CommonMark reads them as literal
 * brackets; we want an `obsidian_embed` token (a figure reference) and, for wiki
 * links, the text a reader sees. Targets are stored as written and never fetched.
 */
export function obsidianEmbeds(md: MarkdownIt): void {
  md.inline.ruler.before('image', 'obsidian_embed', (state, silent) => wiki(state, silent, true));
  md.inline.ruler.before('link', 'obsidian_wikilink', (state, silent) => wiki(state, silent, false));
}

const OPEN_BRACKET = 0x5b;
const BANG = 0x21;

function wiki(state: StateInline, silent: boolean, embed: boolean): boolean {
  const start = state.pos + (embed ? 1 : 0);
  const src = state.src;
  if (embed && src.charCodeAt(state.pos) !== BANG) return false;
  if (src.charCodeAt(start) !== OPEN_BRACKET || src.charCodeAt(start + 1) !== OPEN_BRACKET) return false;
  // A wiki target stays on one line and holds no brackets; anything else is not ours. Scanning only
  // to the first bracket or line end (not to the next `]]` anywhere) keeps `![[![[![[…` linear.
  const close = wikiClose(src, start + 2, state.posMax);
  if (close < 0) return false;
  const inner = src.slice(start + 2, close);
  if (!inner.trim()) return false;
  if (!silent) {
    const bar = inner.indexOf('|');
    const target = (bar < 0 ? inner : inner.slice(0, bar)).trim();
    const alias = bar < 0 ? '' : inner.slice(bar + 1).trim();
    if (embed) {
      const token = state.push('obsidian_embed', '', 0);
      token.markup = src.slice(state.pos, close + 2);
      token.content = target;
      // `|400` or `|400x300` sizes an image; any other alias is a caption.
      token.meta = { target, label: /^\d+(x\d+)?$/.test(alias) ? null : alias || null };
    } else {
      state.push('text', '', 0).content = alias || target;
    }
  }
  state.pos = close + 2;
  return true;
}

/** Index of the `]]` closing a wiki target that starts at `from`, or -1 at a bracket or line break first. */
function wikiClose(src: string, from: number, max: number): number {
  for (let i = from; i < max; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 0x5d /* ] */) return src.charCodeAt(i + 1) === 0x5d ? i : -1;
    if (ch === 0x5b /* [ */ || ch === 0x0a || ch === 0x0d) return -1;
  }
  return -1;
}
