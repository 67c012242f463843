/**
 * What a leader approved is what is sent: an image used by an item under review, approved,
 * scheduled or sent, or by an item in the bundle of a weekly push not yet finished
 * (src/services/media/usage.ts), keeps its file. A new file is a new media document: the item's
 * cover or body is then changed through the item, which sends it back to review and voids a
 * sign-off (src/services/review/hooks.ts, src/services/push/item-hooks.ts).
 *
 * What counts as changing what is sent:
 * - a new file (REST multipart, the Local API's `file`), a crop or resize in the image editor that
 *   changes the stored file's dimensions, or (system code only: Payload strips it for people) a
 *   new `filename`: refused for every use (cover, photos, inline in the body);
 * - the alt text: refused where it is sent, i.e. when the image is inline in a frozen item's
 *   rich-text body (it becomes the `alt` of the `<img>` in the article HTML); a cover's or a photo's
 *   alt text is not part of what WeChat gets, so it can change;
 * - the focal point: allowed. It only moves the crop of the generated sizes (the admin's thumbnails);
 *   WeChat gets the original file, the cover resized by width without cropping
 *   (src/wechat/convert/images.ts);
 * - deleting the image: refused while any frozen item uses it (its cover would silently vanish).
 *
 * The rule lives in the collection's hooks, so it holds for REST (one document or a bulk `where`),
 * GraphQL and the Local API alike, whoever asks. The replacement is refused in `beforeOperation`,
 * before Payload deletes the old files (it does that before any change hook runs).
 */
import type { CollectionBeforeDeleteHook, CollectionBeforeOperationHook, PayloadRequest, SanitizedCollectionConfig, Where } from 'payload'
import { publicError } from '../../src/shared/errors'
import { languageOf } from '../../src/shared/bilingual'
import { findFrozenUses, type MediaUse } from '../../src/services/media/usage'
import { REVIEW_STATE_LABELS, isReviewState } from '../../src/services/review/state-machine'
import { PUSH_STATUS_OPTIONS } from '../../src/services/push/status'

/** Items named in a refusal; the rest are counted. */
const MAX_NAMED = 5

type Lang = 'zh' | 'en'

interface MediaDoc {
  id: string | number
  alt?: unknown
  filename?: unknown
  width?: unknown
  height?: unknown
}

interface UpdateArgs {
  id?: string
  where?: Where
  data?: Record<string, unknown>
  overrideAccess?: boolean
}

/** What an update does to one media document's sent form. */
interface Change {
  file: boolean
  alt: boolean
}

/**
 * Whether the image editor's crop / resize (`?uploadEdits[crop]…`, as the admin sends it) rewrites
 * the stored file: Payload's cropImage keeps the bytes only when the requested size is the stored one.
 */
function cropRewritesFile(req: PayloadRequest, doc: MediaDoc): boolean {
  const edits = (req.query as { uploadEdits?: unknown } | undefined)?.uploadEdits
  if (!edits || typeof edits !== 'object') return false
  const { crop, widthInPixels, heightInPixels } = edits as { crop?: unknown; widthInPixels?: unknown; heightInPixels?: unknown }
  if (!crop && !widthInPixels && !heightInPixels) return false
  return Number(widthInPixels) !== Number(doc.width) || Number(heightInPixels) !== Number(doc.height)
}

function changeOf(req: PayloadRequest, data: Record<string, unknown>, doc: MediaDoc): Change {
  const file = Boolean(req.file) || cropRewritesFile(req, doc) || (typeof data.filename === 'string' && data.filename !== doc.filename)
  const alt = typeof data.alt === 'string' && data.alt !== (doc.alt ?? '')
  return { file, alt }
}

const labelIn = (label: unknown, lang: Lang, fallback: string): string => {
  if (typeof label === 'string') return label
  if (label && typeof label === 'object') {
    const text = (label as Record<string, unknown>)[lang] ?? (label as Record<string, unknown>).zh
    if (typeof text === 'string') return text
  }
  return fallback
}

/** 《标题》（文章，已通过，在 2026-W48 推送中（已审定）） / "Title" (Article · Approved · in push 2026-W48 (Signed off)). */
function describeUse(req: PayloadRequest, use: MediaUse, lang: Lang): string {
  const type = labelIn(req.payload.collections[use.collection]?.config.labels?.singular, lang, use.collection)
  const state = isReviewState(use.reviewStatus) ? REVIEW_STATE_LABELS[use.reviewStatus][lang] : use.reviewStatus
  const pushes = use.pushes.map((push) => {
    const status = labelIn(PUSH_STATUS_OPTIONS.find((option) => option.value === push.status)?.label, lang, push.status)
    return lang === 'en' ? `in push ${push.week} (${status})` : `在 ${push.week} 推送中（${status}）`
  })
  const title = use.title || (lang === 'en' ? 'untitled' : '无标题')
  return lang === 'en' ? `"${title}" (${[type, state, ...pushes].join(' · ')})` : `《${title}》（${[type, state, ...pushes].join('，')}）`
}

/**
 * The items named to the person asking: only those they may read (an editor is not told the
 * titles of another community's items); the others are counted.
 */
async function listUses(req: PayloadRequest, uses: MediaUse[], lang: Lang): Promise<string> {
  let readable = uses
  if (req.user) {
    const visible = new Set<string>()
    for (const collection of new Set(uses.map((use) => use.collection))) {
      const ids = uses.filter((use) => use.collection === collection).map((use) => use.id)
      const found = await req.payload.find({ collection, where: { id: { in: ids } }, overrideAccess: false, req, depth: 0, pagination: false, select: { title: true } })
      for (const doc of found.docs) visible.add(`${collection}:${String(doc.id)}`)
    }
    readable = uses.filter((use) => visible.has(`${use.collection}:${use.id}`))
  }
  const named = readable.slice(0, MAX_NAMED).map((use) => describeUse(req, use, lang))
  const more = readable.length - named.length
  const hidden = uses.length - readable.length
  if (lang === 'en') {
    return [...named, ...(more > 0 ? [`${more} more`] : []), ...(hidden > 0 ? [`${hidden} item${hidden > 1 ? 's' : ''} you cannot open`] : [])].join('; ')
  }
  return [...named, ...(more > 0 ? [`另有 ${more} 条`] : []), ...(hidden > 0 ? [`${hidden} 条您无权查看的稿件`] : [])].join('、')
}

const imageName = (doc: MediaDoc): string => (typeof doc.alt === 'string' && doc.alt.trim() ? doc.alt.trim() : typeof doc.filename === 'string' ? doc.filename : String(doc.id))

type Refusal = 'file' | 'alt' | 'delete'

async function refusal(req: PayloadRequest, kind: Refusal, doc: MediaDoc, uses: MediaUse[]): Promise<Error> {
  const lang = languageOf(req)
  const list = await listUses(req, uses, lang)
  const name = imageName(doc)
  const messages: Record<Refusal, Record<Lang, string>> = {
    file: {
      zh: `不能替换图片“${name}”的文件：审核中、已通过或已进入推送的稿件正在使用它（领导审定的就是这张图片）——${list}。请上传新图片作为新的图片文档，并在稿件中替换`,
      en: `The file of image "${name}" cannot be replaced while items under review or in a push use it (what the leader approved is what is sent) — ${list}. Upload the new image as a new media document and replace it in the items.`,
    },
    alt: {
      zh: `不能修改图片“${name}”的说明：图片说明随正文一起发给微信，而这张图片在审核中、已通过或已进入推送的稿件正文里——${list}。如需改动，请上传新图片作为新的图片文档，并在稿件中替换`,
      en: `The alt text of image "${name}" cannot be changed — it goes out with the article text and the image is in the body of items under review or in a push — ${list}. Upload the new image as a new media document and replace it in the items.`,
    },
    delete: {
      zh: `不能删除图片“${name}”：审核中、已通过或已进入推送的稿件正在使用它——${list}。请先上传新图片作为新的图片文档，并在稿件中替换`,
      en: `Image "${name}" cannot be deleted while items under review or in a push use it — ${list}. First upload a new image as a new media document and replace it in the items.`,
    },
  }
  return publicError(messages[kind][lang], 409)
}

/** The documents an update would touch: its id or `where`, narrowed by the person's update access. */
async function targetsOf(req: PayloadRequest, collection: SanitizedCollectionConfig, args: UpdateArgs): Promise<MediaDoc[] | null> {
  const target: Where | undefined = args.id !== undefined ? { id: { equals: args.id } } : args.where
  if (!target) return null
  let where = target
  if (!args.overrideAccess) {
    const access = await collection.access.update({ req, id: args.id, data: args.data })
    // No access at all: Payload refuses the update itself, with its own 403.
    if (access === false) return null
    if (access !== true) where = { and: [target, access] }
  }
  const found = await req.payload.find({
    collection: collection.slug,
    where,
    overrideAccess: true,
    depth: 0,
    pagination: false,
    req,
    select: { alt: true, filename: true, width: true, height: true },
  })
  return found.docs
}

/**
 * `beforeOperation` on media: refuses (409, naming the items) an update that would change the file
 * of an image a frozen item uses, or the alt text of one inline in a frozen item's body.
 */
export const refuseChangingSentMedia: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'update') return args
  const update = args as UpdateArgs
  const data = update.data ?? {}
  // Nothing that reaches WeChat is asked to change: no lookup at all.
  if (!req.file && !(req.query as { uploadEdits?: unknown } | undefined)?.uploadEdits && typeof data.alt !== 'string' && typeof data.filename !== 'string') return args
  const targets = await targetsOf(req, collection, update)
  if (!targets) return args
  const changes = targets.map((doc) => ({ doc, change: changeOf(req, data, doc) })).filter(({ change }) => change.file || change.alt)
  if (changes.length === 0) return args
  const uses = await findFrozenUses(req.payload, changes.map(({ doc }) => String(doc.id)), req)
  for (const { doc, change } of changes) {
    const using = uses.get(String(doc.id)) ?? []
    if (change.file && using.length > 0) throw await refusal(req, 'file', doc, using)
    const inBody = using.filter((use) => use.references.some((reference) => reference.inRichText))
    if (change.alt && inBody.length > 0) throw await refusal(req, 'alt', doc, inBody)
  }
  return args
}

/** `beforeDelete` on media: an image a frozen item uses stays (409, naming the items). */
export const refuseDeletingSentMedia: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const uses = (await findFrozenUses(req.payload, [String(id)], req)).get(String(id)) ?? []
  if (uses.length === 0) return
  const doc = (await req.payload.findByID({ collection: 'media', id, overrideAccess: true, depth: 0, req, disableErrors: true })) as MediaDoc | null
  throw await refusal(req, 'delete', doc ?? { id }, uses)
}
