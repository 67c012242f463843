/**
 * Safe parser and builder for WeChat's XML messages.
 *
 * WeChat sends a small `<xml>` document with CDATA leaves and, in a few events
 * (MASSSENDJOBFINISH), nested lists of `<item>`. We parse exactly that subset with a strict,
 * iterative scanner instead of a general XML library: no DTD, no entity expansion, a size cap,
 * and keys stored on null-prototype objects so `<__proto__>` or `<constructor>` are plain data.
 * The five predefined XML entities and numeric character references are decoded; any other
 * `&name;` is kept literally (nothing is ever looked up).
 */

export type WeChatXmlErrorReason = 'too-large' | 'doctype' | 'entity' | 'malformed' | 'too-deep' | 'invalid-name'

export class WeChatXmlError extends Error {
  readonly reason: WeChatXmlErrorReason

  constructor(reason: WeChatXmlErrorReason, message?: string) {
    super(message ?? `WeChat XML rejected: ${reason}`)
    this.name = 'WeChatXmlError'
    this.reason = reason
  }
}

export type XmlValue = string | XmlRecord | XmlValue[]
export interface XmlRecord {
  [key: string]: XmlValue
}

export interface ParseXmlOptions {
  /** Byte cap on the document; WeChat's messages are a few KB. Default 64 KB. */
  maxBytes?: number
  /** Element names that always become arrays, even with one occurrence. Default `['item']`. */
  arrayTags?: readonly string[]
  /** Maximum element nesting below `<xml>`. Default 16. */
  maxDepth?: number
}

const DEFAULT_MAX_XML_BYTES = 64 * 1024
const NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*$/
/** [A-Za-z0-9_.:-] by character code: a pattern test per character showed in the callback's profile. */
const isNameChar = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 46 || code === 45
const PREDEFINED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

interface OpenElement {
  name: string
  text: string
  children: XmlRecord | null
}

const BANG = 0x21 // !
const QUESTION = 0x3f // ?
const SLASH = 0x2f // /

const DEFAULT_ARRAY_TAGS: ReadonlySet<string> = new Set(['item'])

/** Parses a WeChat `<xml>` document into a null-prototype record of its children. */
export function parseXml(input: string | Uint8Array, options: ParseXmlOptions = {}): XmlRecord {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES
  const arrayTags = options.arrayTags ? new Set(options.arrayTags) : DEFAULT_ARRAY_TAGS
  const maxDepth = options.maxDepth ?? 16
  const text = decodeInput(input, maxBytes)

  const stack: OpenElement[] = []
  let root: XmlRecord | null = null
  let pos = 0

  while (pos < text.length) {
    const lt = text.indexOf('<', pos)
    const textEnd = lt === -1 ? text.length : lt
    if (textEnd > pos) {
      appendText(stack, text.slice(pos, textEnd), root !== null)
      pos = textEnd
      continue
    }
    // text[pos] === '<': the character after it says what follows (one comparison, not five prefix tests).
    const next = text.charCodeAt(pos + 1)
    if (next === BANG) {
      if (text.startsWith('<![CDATA[', pos)) {
        const end = text.indexOf(']]>', pos + 9)
        if (end === -1 || stack.length === 0) throw new WeChatXmlError('malformed', 'unterminated or misplaced CDATA')
        stack[stack.length - 1]!.text += text.slice(pos + 9, end)
        pos = end + 3
      } else if (text.startsWith('<!--', pos)) {
        const end = text.indexOf('-->', pos + 4)
        if (end === -1) throw new WeChatXmlError('malformed', 'unterminated comment')
        pos = end + 3
      } else {
        throw declarationError(text, pos)
      }
    } else if (next === QUESTION) {
      const end = text.indexOf('?>', pos + 2)
      if (end === -1 || stack.length > 0 || root !== null) throw new WeChatXmlError('malformed', 'misplaced processing instruction')
      pos = end + 2
    } else if (next === SLASH) {
      const end = text.indexOf('>', pos)
      if (end === -1) throw new WeChatXmlError('malformed', 'unterminated end tag')
      const name = text.slice(pos + 2, end).trimEnd()
      const open = stack.pop()
      if (!open || open.name !== name) throw new WeChatXmlError('malformed', `unexpected </${name}>`)
      root = closeElement(stack, open, arrayTags) ?? root
      pos = end + 1
    } else {
      const tag = readStartTag(text, pos)
      if (root !== null) throw new WeChatXmlError('malformed', 'content after the root element')
      if (stack.length === 0 && tag.name !== 'xml') throw new WeChatXmlError('malformed', 'the root element must be <xml>')
      if (stack.length > maxDepth) throw new WeChatXmlError('too-deep')
      const element: OpenElement = { name: tag.name, text: '', children: null }
      if (tag.selfClosing) {
        root = closeElement(stack, element, arrayTags) ?? root
      } else {
        stack.push(element)
      }
      pos = tag.end
    }
  }
  if (stack.length > 0 || root === null) throw new WeChatXmlError('malformed', 'missing </xml>')
  return root
}

// Stateless when decode() is called without { stream: true }: one decoder serves every call.
const UTF8 = new TextDecoder('utf-8', { fatal: true })

function decodeInput(input: string | Uint8Array, maxBytes: number): string {
  if (typeof input === 'string') {
    // A UTF-16 code unit is at most 3 UTF-8 bytes: skip the exact count for obviously small input.
    if (input.length * 3 > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes) throw new WeChatXmlError('too-large')
    return input
  }
  if (!(input instanceof Uint8Array)) throw new WeChatXmlError('malformed', 'expected a string or bytes')
  if (input.byteLength > maxBytes) throw new WeChatXmlError('too-large')
  try {
    return UTF8.decode(input)
  } catch {
    throw new WeChatXmlError('malformed', 'not UTF-8')
  }
}

function declarationError(text: string, pos: number): WeChatXmlError {
  const head = text.slice(pos, pos + 10).toUpperCase()
  if (head.startsWith('<!DOCTYPE')) return new WeChatXmlError('doctype')
  if (head.startsWith('<!ENTITY')) return new WeChatXmlError('entity')
  return new WeChatXmlError('malformed', 'unsupported <! declaration')
}

function appendText(stack: OpenElement[], raw: string, afterRoot: boolean): void {
  const current = stack[stack.length - 1]
  if (!current) {
    if (raw.trim() !== '') throw new WeChatXmlError('malformed', afterRoot ? 'text after the root element' : 'text before the root element')
    return
  }
  current.text += decodeEntities(raw)
}

function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw
  return raw.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole
    }
    return Object.hasOwn(PREDEFINED_ENTITIES, ref) ? PREDEFINED_ENTITIES[ref]! : whole
  })
}

function readStartTag(text: string, pos: number): { name: string; end: number; selfClosing: boolean } {
  let cursor = pos + 1
  while (cursor < text.length && isNameChar(text.charCodeAt(cursor))) cursor++
  const name = text.slice(pos + 1, cursor)
  if (!NAME.test(name)) throw new WeChatXmlError('malformed', 'invalid element name')
  // Attributes carry nothing in WeChat messages: skip them, honouring quotes so '>' inside a value is safe.
  let quote: string | null = null
  for (; cursor < text.length; cursor++) {
    const ch = text[cursor]!
    if (quote) {
      if (ch === quote) quote = null
    } else if (ch === '"' || ch === "'") {
      quote = ch
    } else if (ch === '<') {
      throw new WeChatXmlError('malformed', "'<' inside a tag")
    } else if (ch === '>') {
      return { name, end: cursor + 1, selfClosing: text[cursor - 1] === '/' }
    }
  }
  throw new WeChatXmlError('malformed', 'unterminated start tag')
}

/** Attaches a closed element to its parent; returns the record when the root closes. */
function closeElement(stack: OpenElement[], element: OpenElement, arrayTags: ReadonlySet<string>): XmlRecord | null {
  const value: XmlValue = element.children ?? element.text
  const parent = stack[stack.length - 1]
  if (!parent) return element.children ?? createRecord()
  if (!parent.children) parent.children = createRecord()
  const siblings = parent.children
  // A null-prototype record: a missing key is undefined, nothing is inherited.
  const existing = siblings[element.name]
  if (existing === undefined) {
    siblings[element.name] = arrayTags.has(element.name) ? [value] : value
  } else if (Array.isArray(existing)) {
    existing.push(value)
  } else {
    siblings[element.name] = [existing, value]
  }
  return null
}

function createRecord(): XmlRecord {
  return Object.create(null) as XmlRecord
}

/** Reads a leaf as a string ('' when absent or not a leaf). */
export function xmlText(record: XmlRecord, key: string): string {
  const value = Object.hasOwn(record, key) ? record[key] : undefined
  return typeof value === 'string' ? value : ''
}

type XmlBuildValue = string | number | bigint | boolean | null | undefined | XmlBuildRecord | XmlBuildValue[]
export interface XmlBuildRecord {
  [key: string]: XmlBuildValue
}

/**
 * Builds `<xml>…</xml>`: strings go in CDATA (WeChat's own style), numbers and booleans as text,
 * nested records as elements, arrays as repeated elements; null/undefined fields are left out.
 */
export function buildXml(record: XmlBuildRecord, rootName = 'xml'): string {
  return buildElement(rootName, record)
}

function buildElement(name: string, value: XmlBuildValue): string {
  if (!NAME.test(name)) throw new WeChatXmlError('invalid-name', `cannot build element <${name}>`)
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map((entry) => buildElement(name, entry)).join('')
  if (typeof value === 'object') {
    const inner = Object.keys(value)
      .map((key) => buildElement(key, value[key]))
      .join('')
    return `<${name}>${inner}</${name}>`
  }
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`
  return `<${name}>${String(value)}</${name}>`
}

/** CDATA cannot contain `]]>`: split it across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}
