import type { Article } from '../../payload-types'

/** A rich-text field's value as stored: the same Lexical editor for every content type. */
export type LexicalDocument = NonNullable<Article['body']>

/** Plain text of a Lexical document: enough to measure and to check emptiness. */
export function lexicalPlainText(value: unknown): string {
  const parts: string[] = []
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const record = node as { text?: unknown; children?: unknown; root?: unknown; type?: unknown }
    if (typeof record.text === 'string') parts.push(record.text)
    if (record.root) walk(record.root)
    if (Array.isArray(record.children)) {
      record.children.forEach(walk)
      if (record.type === 'paragraph' || record.type === 'heading' || record.type === 'listitem') parts.push('\n')
    }
  }
  walk(value)
  return parts.join('').trim()
}

/** A one-paragraph-per-string Lexical document; used by the demo data and the tests. */
export function lexicalFromParagraphs(paragraphs: string[]): LexicalDocument {
  return {
    root: {
      type: 'root',
      format: '',
      indent: 0,
      version: 1,
      direction: 'ltr',
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
      })),
    },
  }
}
