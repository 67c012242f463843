/**
 * Which content items use a media document, and how: as the cover, in another upload or
 * relationship field (community news' photos), or inline in a rich-text body (where its alt text
 * goes into the article HTML WeChat gets). Only items whose content is frozen count — under review,
 * approved, scheduled or sent (FROZEN_CONTENT_STATES), or in the bundle of a weekly push that is not
 * finished — because what a leader approved is what is sent.
 */
import type { CollectionSlug, FlattenedField, Payload, PayloadRequest, Where } from 'payload'
import { idOf } from '../../access/roles'
import { FINISHED_PUSH_STATUSES } from '../push/status'
import { itemRefs } from '../push/item-refs'
import { FROZEN_CONTENT_STATES, isContentFrozen } from '../review/frozen-states'
import { CONTENT_COLLECTIONS, type ContentCollection } from '../content/types'
import { imageReference, type LexicalNode } from '../../wechat/convert/render'

/** The images collection (collections/media), compared with the relationship configs' and rich text's strings. */
const MEDIA_COLLECTION = 'media' satisfies CollectionSlug

/** One place an item refers to a media document. */
interface MediaReference {
  mediaId: string
  /** Field path, e.g. `cover`, `photos`, `body`. */
  path: string
  /** Inline in a rich-text field: the image and its alt text are part of the article's HTML. */
  inRichText: boolean
}

/** An unfinished weekly push whose bundle holds an item. */
interface BundleOf {
  id: string
  week: string
  status: string
}

/** A frozen item that uses a media document. */
export interface MediaUse {
  collection: ContentCollection
  id: string
  title: string
  reviewStatus: string
  /** Unfinished pushes (not sent, not skipped) whose bundle holds the item; oldest week first. */
  pushes: BundleOf[]
  /** Where the item uses this media document (at least one entry). */
  references: MediaReference[]
}

const isMediaRelation = (relationTo: unknown): boolean =>
  relationTo === MEDIA_COLLECTION || (Array.isArray(relationTo) && relationTo.includes(MEDIA_COLLECTION))

const nestedFieldsOf = (field: FlattenedField): FlattenedField[][] => {
  if (field.type === 'group' || field.type === 'tab' || field.type === 'array') return [field.flattenedFields]
  if (field.type === 'blocks') return field.blocks.map((block) => block.flattenedFields)
  return []
}

/** True when `field` can hold a reference to a media document (itself or a field inside it). */
function fieldCanReferToMedia(field: FlattenedField): boolean {
  if (field.type === 'upload' || field.type === 'relationship') return isMediaRelation(field.relationTo)
  if (field.type === 'richText') return true
  return nestedFieldsOf(field).some((fields) => fields.some(fieldCanReferToMedia))
}

/** Media ids of an upload / relationship value: an id, a populated document, `{ relationTo, value }`, or a list of them. */
function relationIds(value: unknown, polymorphic: boolean): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list.flatMap((entry) => {
    if (!polymorphic) return [idOf(entry)]
    const ref = entry as { relationTo?: unknown; value?: unknown } | null
    return ref?.relationTo === MEDIA_COLLECTION ? [idOf(ref.value)] : []
  }).filter((id): id is string => id !== null)
}

/**
 * Media ids of the upload nodes anywhere in a Lexical document (the nodes WeChat conversion turns
 * into `<img>`: src/wechat/convert/render.ts `imageReference`), looking into every nested object so a
 * node in a table cell, a list or a feature's own fields is found too.
 */
function richTextMediaIds(value: unknown): string[] {
  const found = new Set<string>()
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    const image = imageReference(node as LexicalNode)
    if (image?.relationTo === MEDIA_COLLECTION && image.id) found.add(image.id)
    Object.values(node).forEach(walk)
  }
  walk(value)
  return [...found]
}

/**
 * Every reference to a media document in `data`, a document of a collection whose (flattened)
 * fields are `fields`: upload and relationship fields to `media` wherever they sit (groups, named
 * tabs, arrays, blocks) and upload nodes in rich-text fields.
 */
function mediaReferences(fields: FlattenedField[], data: unknown, prefix = ''): MediaReference[] {
  if (!data || typeof data !== 'object') return []
  const record = data as Record<string, unknown>
  return fields.flatMap((field): MediaReference[] => {
    if (!('name' in field) || !field.name) return []
    const value = record[field.name]
    const path = `${prefix}${field.name}`
    if (value == null) return []
    if (field.type === 'upload' || field.type === 'relationship') {
      if (!isMediaRelation(field.relationTo)) return []
      return relationIds(value, Array.isArray(field.relationTo)).map((mediaId) => ({ mediaId, path, inRichText: false }))
    }
    if (field.type === 'richText') return richTextMediaIds(value).map((mediaId) => ({ mediaId, path, inRichText: true }))
    if (field.type === 'group' || field.type === 'tab') return mediaReferences(field.flattenedFields, value, `${path}.`)
    if (field.type === 'array' && Array.isArray(value)) {
      return value.flatMap((row, index) => mediaReferences(field.flattenedFields, row, `${path}.${index}.`))
    }
    if (field.type === 'blocks' && Array.isArray(value)) {
      return value.flatMap((row, index) => {
        const block = field.blocks.find((candidate) => candidate.slug === (row as { blockType?: unknown })?.blockType)
        return block ? mediaReferences(block.flattenedFields, row, `${path}.${index}.`) : []
      })
    }
    return []
  })
}

/** The bundles of every weekly push that is not finished, by item (`collection:id`). */
async function unfinishedBundles(payload: Payload, req?: PayloadRequest): Promise<Map<string, BundleOf[]>> {
  const found = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    joins: false,
    sort: 'week',
    where: { status: { not_in: [...FINISHED_PUSH_STATUSES] } },
    req,
  })
  const byItem = new Map<string, BundleOf[]>()
  for (const push of found.docs) {
    for (const ref of itemRefs(push.items)) {
      const key = `${ref.relationTo}:${ref.value}`
      byItem.set(key, [...(byItem.get(key) ?? []), { id: String(push.id), week: push.week, status: push.status ?? 'proposed' }])
    }
  }
  return byItem
}

/**
 * The frozen items (see the module comment) that use any of `mediaIds`, by media id; a media id
 * no frozen item uses is absent. Reads as the system (`overrideAccess`), inside `req`'s transaction
 * when given: the caller decides what a person may be told (names of items they cannot read).
 * Rich-text bodies are read and searched here, not in the database, so it works alike on SQLite
 * and MongoDB; only frozen and bundled items are read, with only the fields that can hold media.
 */
export async function findFrozenUses(payload: Payload, mediaIds: readonly string[], req?: PayloadRequest): Promise<Map<string, MediaUse[]>> {
  const wanted = new Set(mediaIds.map(String))
  const uses = new Map<string, MediaUse[]>()
  if (wanted.size === 0) return uses
  const bundles = await unfinishedBundles(payload, req)
  for (const collection of CONTENT_COLLECTIONS) {
    const fields = payload.collections[collection].config.flattenedFields
    const mediaFields = fields.filter(fieldCanReferToMedia)
    if (mediaFields.length === 0) continue
    const bundled = [...bundles.keys()].filter((key) => key.startsWith(`${collection}:`)).map((key) => key.slice(collection.length + 1))
    const where: Where = {
      or: [{ reviewStatus: { in: [...FROZEN_CONTENT_STATES] } }, ...(bundled.length ? [{ id: { in: bundled } }] : [])],
    }
    const select = Object.fromEntries([['title', true], ['reviewStatus', true], ...mediaFields.map((field) => [field.name, true])])
    const found = await payload.find({ collection, overrideAccess: true, depth: 0, pagination: false, where, select, req })
    for (const item of found.docs) {
      // Read by field name (the media fields found above), so as a plain record.
      const doc: Record<string, unknown> = { ...item }
      const id = String(doc.id)
      const pushes = bundles.get(`${collection}:${id}`) ?? []
      if (!isContentFrozen(doc.reviewStatus) && pushes.length === 0) continue
      const references = mediaReferences(mediaFields, doc).filter((reference) => wanted.has(reference.mediaId))
      for (const mediaId of new Set(references.map((reference) => reference.mediaId))) {
        uses.set(mediaId, [
          ...(uses.get(mediaId) ?? []),
          {
            collection,
            id,
            title: typeof doc.title === 'string' ? doc.title : '',
            reviewStatus: String(doc.reviewStatus ?? ''),
            pushes,
            references: references.filter((reference) => reference.mediaId === mediaId),
          },
        ])
      }
    }
  }
  return uses
}
