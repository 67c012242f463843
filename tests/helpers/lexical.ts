import { lexicalFromParagraphs, type LexicalDocument } from '../../src/services/content/rich-text'

/** A body of one paragraph followed by an image from `media` inline (an upload node with its own `nodeId`). */
export function bodyWithInlineImage(text: string, mediaId: string, nodeId: string): LexicalDocument {
  const body = lexicalFromParagraphs([text])
  body.root.children.push({ type: 'upload', relationTo: 'media', value: mediaId, fields: null, format: '', version: 3, id: nodeId })
  return body
}
