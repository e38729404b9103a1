import type { Token } from 'markdown-it';

export interface InlineFigure {
  kind: 'embed' | 'image' | 'mention';
  target: string;
  label: string | null;
  /** Lines below the first line of the inline run. */
  lineOffset: number;
}

export interface InlineContent {
  text: string;
  terms: string[];
  figures: InlineFigure[];
}

// `Figure 2.1`, `Fig. 2.1`, `Figs 3-2`, `그림 2.1`, `그림2-1`: a figure named by number in prose.
const MENTION = /(?<![\p{L}\p{N}])(figures?|figs?\.?|그림)[ \t\u00a0]*(\d+(?:[.\-–]\d+)*)/giu;

/**
 * Reads one inline run (a paragraph, heading or table cell) into what the
 * model keeps: plain text as a reader sees it, the bold spans that mark key
 * terms, and every figure it refers to, by image or by name.
 */
export function readInline(inline: Token | undefined, into: InlineContent = { text: '', terms: [], figures: [] }): InlineContent {
  const strongStarts: number[] = [];
  let lineOffset = 0;
  let text = into.text;
  for (const token of inline?.children ?? []) {
    switch (token.type) {
      case 'text':
        collectMentions(token.content, lineOffset, into.figures);
        text += token.content;
        break;
      case 'code_inline':
        text += token.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        lineOffset++;
        break;
      case 'strong_open':
        strongStarts.push(text.length);
        break;
      case 'strong_close': {
        const term = text.slice(strongStarts.pop() ?? text.length).trim();
        if (term) into.terms.push(term);
        break;
      }
      case 'image':
        into.figures.push({
          kind: 'image',
          target: String(token.attrGet('src') ?? ''),
          label: token.content || String(token.attrGet('title') ?? '') || null,
          lineOffset,
        });
        text += token.content;
        break;
      case 'obsidian_embed': {
        const { target, label } = token.meta as { target: string; label: string | null };
        into.figures.push({ kind: 'embed', target, label, lineOffset });
        break;
      }
      default:
        break; // emphasis, links, html: markup only, their text arrives as text tokens
    }
  }
  into.text = text;
  return into;
}

// A cheap test first: almost no text mentions a figure, and MENTION is costly to run on all of it.
const MAYBE_MENTION = /fig|그림/i;

function collectMentions(text: string, lineOffset: number, figures: InlineFigure[]): void {
  if (!MAYBE_MENTION.test(text)) return;
  for (const match of text.matchAll(MENTION)) {
    figures.push({ kind: 'mention', target: match[2]!.replace('–', '-'), label: match[0], lineOffset });
  }
}
