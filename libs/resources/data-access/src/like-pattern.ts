/**
 * An ILIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally.
 * Substring matching is what Chinese needs: it has no word boundaries to search on.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
