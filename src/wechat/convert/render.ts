/**
 * Lexical (Payload rich text JSON) → WeChat article HTML. Pure apart from `resolveImage`, which the
 * caller supplies (buildWeChatArticle uploads with it; tests stub it). Output: inline styles only,
 * every text escaped, no scripts/frames/forms (only the tags written below can appear), images
 * only with the src `resolveImage` returned, links only to mp.weixin.qq.com.
 */
import { escapeHtml } from './escape'
import { classifyLink } from './links'
import { blockStyle, STYLE } from './styles'

/** Lexical text format bits. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16, subscript: 32, superscript: 64, highlight: 128 } as const

export interface LexicalNode {
  type?: string
  children?: LexicalNode[]
  text?: string
  format?: number | string
  indent?: number
  [key: string]: unknown
}

/** An upload node's target: `value` is the media id, or the populated media document. */
export interface ImageReference {
  id: string | null
  doc: Record<string, unknown> | null
  relationTo: string
}

export interface ResolvedImage {
  src: string
  alt?: string
}

export interface RenderOptions {
  /** Returns where the image is now (e.g. its uploadimg URL); null leaves it out. Called once per distinct image. */
  resolveImage: (image: ImageReference) => Promise<ResolvedImage | null>
}

export interface RenderResult {
  html: string
  /** Addresses of outside links, in order of appearance, without repeats. */
  externalLinks: string[]
}

export async function renderLexicalToWeChatHtml(document: unknown, options: RenderOptions): Promise<RenderResult> {
  const root = rootOf(document)
  const images = await resolveImages(collectImages(root), options.resolveImage)
  const context: RenderContext = { images, externalLinks: [], inTableCell: false }
  const body = renderChildren(root, context)
  return { html: body === '' ? '' : `<section style="${STYLE.section}">${body}</section>`, externalLinks: context.externalLinks }
}

interface RenderContext {
  images: Map<string, ResolvedImage | null>
  externalLinks: string[]
  inTableCell: boolean
}

function rootOf(document: unknown): LexicalNode {
  const root = (document as { root?: unknown } | null)?.root
  return root && typeof root === 'object' ? (root as LexicalNode) : { type: 'root', children: [] }
}

export function imageReference(node: LexicalNode): ImageReference | null {
  if (node.type !== 'upload' || typeof node.relationTo !== 'string') return null
  const value = node.value
  if (typeof value === 'string' || typeof value === 'number') return { id: String(value), doc: null, relationTo: node.relationTo }
  if (value && typeof value === 'object') {
    const doc = value as Record<string, unknown>
    const id = typeof doc.id === 'string' || typeof doc.id === 'number' ? String(doc.id) : null
    return { id, doc: Object.keys(doc).length > 1 ? doc : null, relationTo: node.relationTo }
  }
  return null
}

const imageKey = (image: ImageReference) => `${image.relationTo}:${image.id ?? JSON.stringify(image.doc)}`

function collectImages(node: LexicalNode, found = new Map<string, ImageReference>()): Map<string, ImageReference> {
  const image = imageReference(node)
  if (image) found.set(imageKey(image), image)
  for (const child of node.children ?? []) collectImages(child, found)
  return found
}

/** All distinct images at once; the caller's resolveImage bounds the concurrency. */
async function resolveImages(images: Map<string, ImageReference>, resolve: RenderOptions['resolveImage']): Promise<Map<string, ResolvedImage | null>> {
  const entries = await Promise.all([...images].map(async ([key, image]) => [key, await resolve(image)] as const))
  return new Map(entries)
}

function renderChildren(node: LexicalNode, context: RenderContext): string {
  return (node.children ?? []).map((child) => renderNode(child, context)).join('')
}

function renderNode(node: LexicalNode, context: RenderContext): string {
  switch (node.type) {
    case 'text':
      return renderText(node)
    case 'linebreak':
      return '<br/>'
    case 'tab':
      return '&emsp;'
    case 'paragraph': {
      const inner = renderChildren(node, context)
      const base = context.inTableCell ? STYLE.compactParagraph : STYLE.paragraph
      return `<p style="${base}${blockStyle(node.format, node.indent)}">${inner === '' ? '<br/>' : inner}</p>`
    }
    case 'heading': {
      const level = headingLevel(node.tag)
      return `<h${level} style="${STYLE.heading(level)}${blockStyle(node.format, node.indent)}">${renderChildren(node, context)}</h${level}>`
    }
    case 'quote':
      return `<blockquote style="${STYLE.quote}">${renderChildren(node, context)}</blockquote>`
    case 'list':
      return renderList(node, context)
    case 'listitem':
      return renderListItem(node, context, false)
    case 'link':
    case 'autolink':
      return renderLink(node, context)
    case 'upload':
      return renderImage(node, context)
    case 'horizontalrule':
      return `<hr style="${STYLE.rule}"/>`
    case 'table':
      return `<table style="${STYLE.table}"><tbody>${renderChildren(node, context)}</tbody></table>`
    case 'tablerow':
      return `<tr>${renderChildren(node, context)}</tr>`
    case 'tablecell':
      return renderCell(node, context)
    default:
      // Unknown or unsupported nodes (blocks, relationships…): keep their text, never their markup.
      if (Array.isArray(node.children)) return renderChildren(node, context)
      return typeof node.text === 'string' ? escapeHtml(node.text) : ''
  }
}

function renderText(node: LexicalNode): string {
  let html = escapeHtml(node.text ?? '')
  const format = typeof node.format === 'number' ? node.format : 0
  const has = (bit: number) => (format & bit) !== 0
  if (has(TEXT_FORMAT.code)) html = `<code style="${STYLE.code}">${html}</code>`
  if (has(TEXT_FORMAT.subscript)) html = `<sub>${html}</sub>`
  if (has(TEXT_FORMAT.superscript)) html = `<sup>${html}</sup>`
  if (has(TEXT_FORMAT.highlight)) html = `<span style="${STYLE.highlight}">${html}</span>`
  if (has(TEXT_FORMAT.strikethrough)) html = `<span style="${STYLE.strikethrough}">${html}</span>`
  if (has(TEXT_FORMAT.underline)) html = `<span style="${STYLE.underline}">${html}</span>`
  if (has(TEXT_FORMAT.italic)) html = `<em>${html}</em>`
  if (has(TEXT_FORMAT.bold)) html = `<strong>${html}</strong>`
  return html
}

function headingLevel(tag: unknown): number {
  const match = typeof tag === 'string' ? /^h([1-6])$/.exec(tag) : null
  return match ? Number(match[1]) : 2
}

function renderList(node: LexicalNode, context: RenderContext): string {
  const check = node.listType === 'check'
  const ordered = node.listType === 'number' || node.tag === 'ol'
  const items = (node.children ?? []).map((child) => (child.type === 'listitem' ? renderListItem(child, context, check) : renderNode(child, context))).join('')
  if (ordered) {
    const start = typeof node.start === 'number' && Number.isInteger(node.start) && node.start !== 1 ? ` start="${node.start}"` : ''
    return `<ol style="${STYLE.list}"${start}>${items}</ol>`
  }
  return `<ul style="${check ? STYLE.checkList : STYLE.list}">${items}</ul>`
}

function renderListItem(node: LexicalNode, context: RenderContext, check: boolean): string {
  const box = check ? (node.checked === true ? '☑ ' : '☐ ') : ''
  return `<li style="${STYLE.listItem}">${box}${renderChildren(node, context)}</li>`
}

function linkUrl(node: LexicalNode): string | null {
  const fields = node.fields as { url?: unknown; linkType?: unknown } | undefined
  if (fields?.linkType === 'internal') return null
  const url = fields?.url ?? node.url
  return typeof url === 'string' ? url.trim() : null
}

function renderLink(node: LexicalNode, context: RenderContext): string {
  const inner = renderChildren(node, context)
  const url = linkUrl(node)
  const kind = classifyLink(url)
  if (kind === 'wechat') return `<a href="${escapeHtml(url!)}" style="${STYLE.link}">${inner}</a>`
  if (kind === 'unusable') return inner
  if (!context.externalLinks.includes(url!)) context.externalLinks.push(url!)
  // Show the address once: an autolink's text already is the address.
  return plainTextOf(node).trim() === url ? inner : `${inner}（${escapeHtml(url!)}）`
}

function plainTextOf(node: LexicalNode): string {
  return typeof node.text === 'string' ? node.text : (node.children ?? []).map(plainTextOf).join('')
}

function renderImage(node: LexicalNode, context: RenderContext): string {
  const image = imageReference(node)
  const resolved = image ? context.images.get(imageKey(image)) : null
  if (!resolved) return ''
  const alt = resolved.alt ? ` alt="${escapeHtml(resolved.alt)}"` : ''
  return `<p style="${STYLE.figure}"><img src="${escapeHtml(resolved.src)}"${alt} style="${STYLE.image}"/></p>`
}

function renderCell(node: LexicalNode, context: RenderContext): string {
  const header = typeof node.headerState === 'number' && node.headerState > 0
  const tag = header ? 'th' : 'td'
  const span = (name: string, value: unknown) =>
    typeof value === 'number' && Number.isInteger(value) && value > 1 && value <= 100 ? ` ${name}="${value}"` : ''
  const inner = renderChildren(node, { ...context, inTableCell: true })
  return `<${tag} style="${header ? STYLE.headerCell : STYLE.cell}"${span('colspan', node.colSpan)}${span('rowspan', node.rowSpan)}>${inner}</${tag}>`
}
