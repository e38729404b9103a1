import type { z } from 'zod';
import type { FigureListItem, TermEntry } from '../schemas/items.js';
import type { AssembledChapter } from './assemble-chapter.js';
import { crumbOf } from './chapter-views.js';

type Entry = z.infer<typeof TermEntry>;
type FigureEntry = z.infer<typeof FigureListItem>;

const collator = new Intl.Collator('ko', { numeric: true });
const termIndexes = new WeakMap<AssembledChapter, Entry[]>();

/** Topic ids of a section's subtree, or null for the whole chapter. */
export function subtreeOf(ch: AssembledChapter, topicId: string | null): Set<string> | null {
  if (!topicId) return null;
  const ids = new Set<string>();
  const walk = (id: string) => {
    ids.add(id);
    for (const child of ch.topicById.get(id)?.node.topics ?? []) walk(child.id);
  };
  walk(topicId);
  return ids;
}

/** Key terms A→Z (Korean after Latin, numbers numerically), each with the concepts it is bold in. */
export function termIndex(ch: AssembledChapter, within: Set<string> | null): Entry[] {
  const all = within ? undefined : termIndexes.get(ch);
  if (all) return all;
  const byTerm = new Map<string, Entry>();
  for (const { node, topicId } of ch.conceptById.values()) {
    if (within && !(topicId && within.has(topicId))) continue;
    for (const term of new Set(node.terms)) {
      const entry = byTerm.get(term) ?? { term, concepts: [] };
      entry.concepts.push({ id: node.id, text: node.text, topicId });
      byTerm.set(term, entry);
    }
  }
  const entries = [...byTerm.values()].sort((a, b) => collator.compare(a.term, b.term) || (a.term < b.term ? -1 : 1));
  if (!within) termIndexes.set(ch, entries);
  return entries;
}

export function termsAfter(entries: Entry[], after: string | null): Entry[] {
  if (after === null) return entries;
  const start = entries.findIndex((e) => (collator.compare(e.term, after) || (e.term < after ? -1 : e.term > after ? 1 : 0)) > 0);
  return start < 0 ? [] : entries.slice(start);
}

/** Every figure (embeds, images and `Figure N.N` mentions) in reading order, with the topic and item it stands in. */
export function figureList(ch: AssembledChapter, within: Set<string> | null): FigureEntry[] {
  return ch.allFigures
    .filter((f) => !within || (f.topicId !== null && within.has(f.topicId)))
    .map((f) => {
      const topic = f.topicId ? ch.topicById.get(f.topicId)?.node : undefined;
      const concept = f.conceptId ? ch.conceptById.get(f.conceptId)?.node : undefined;
      return { ...f, topic: topic ? crumbOf(topic) : null, concept: concept ? { id: concept.id, text: concept.text } : null };
    });
}
