/**
 * What residents read of 微问政 (issue 14, deliverables 2–4): the topics' list, one topic with its public
 * suggestions and its outcome, the resident's own suggestions in every state, and the photos behind
 * them. Read through the Local API with `overrideAccess: true` because the rules are applied here, by
 * hand, in one place: approved topics only (`PUBLIC_TOPIC`, the review workflow's approved states),
 * suggestions through `visibleTo` (moderation.ts) — the public sees 已公开 / 已回复 without name, phone,
 * openid or a rejection reason; the resident who wrote one sees it all, whatever the state.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Payload, Where } from 'payload'
import type { ConsultationSubmission, ConsultationTopic, Media } from '../../payload-types'
import { PUBLIC_SUBMISSION_STATES, SUBMISSION_STATE_LABELS, isSubmissionState, visibleTo, type SubmissionRecord, type SubmissionState } from './moderation'
import { orderMilestones } from './outcome'
import { TOPIC_CATEGORY_LABELS, TOPIC_PHASE_LABELS, isTopicCategory, topicPhase, type TopicPhase } from './topic-window'

/**
 * Topics residents may see: approved by a leader (review workflow). Topics are not pushed themselves
 * (their articles are), so `approved` is their one published state — the state submitSuggestion asks.
 */
export const PUBLIC_TOPIC: Where = { reviewStatus: { equals: 'approved' } }

/** The order of the list: 征集中, then 已截止, then 结果已公开 (未开始 is not listed). */
const PHASE_ORDER: Record<TopicPhase, number> = { open: 0, closed: 1, outcome_published: 2, not_open: 3 }

/** Where residents fetch a suggestion photo, and a topic's image (cover, before/after photos). */
export const suggestionPhotoHref = (id: string): string => `/m/topic-photos/${encodeURIComponent(id)}`
export const topicImageHref = (id: string, size?: 'thumbnail' | 'cover'): string => `/m/topic-images/${encodeURIComponent(id)}${size ? `?size=${size}` : ''}`

const idOf = (value: string | number | { id: string | number } | null | undefined): string | null =>
  value == null ? null : typeof value === 'object' ? String(value.id) : String(value)

// ---- what the pages get ----

/** An image of a topic as a page shows it. */
export interface TopicImage {
  id: string
  alt: string
}

/** A topic in the list. `publicCount`: its suggestions the public sees (已公开 / 已回复). */
export interface TopicCard {
  id: string
  title: string
  question: string
  category: string
  categoryLabel: string
  opensOn: string
  closesOn: string
  phase: TopicPhase
  phaseLabel: string
  pinned: boolean
  cover: TopicImage | null
  publicCount: number
}

/** A suggestion as the public sees it: no name, phone, openid or rejection reason. */
export interface PublicSuggestion {
  id: string
  state: SubmissionState
  stateLabel: string
  text: string
  /** `/m/topic-photos/<id>` of each photo. */
  photos: string[]
  receivedAt: string
  reply: string | null
  answeredAt: string | null
}

export interface OutcomeView {
  publishedAt: string
  statement: string
  /** Oldest first (same date: as entered). */
  milestones: Array<{ date: string; text: string; before: TopicImage[]; after: TopicImage[] }>
}

export interface TopicDetail extends TopicCard {
  background: string | null
  keyword: string | null
  acceptsSubmissions: boolean
  suggestions: PublicSuggestion[]
  outcome: OutcomeView | null
}

/** One of the resident's own suggestions: everything, in every state. */
export interface OwnSuggestion extends PublicSuggestion {
  topicId: string
  topicTitle: string
  name: string | null
  phone: string | null
  rejectionReason: string | null
  /** 待审核: the resident may still withdraw it. */
  withdrawable: boolean
}

function imageOf(value: string | number | Media | null | undefined): TopicImage | null {
  if (value == null) return null
  if (typeof value === 'object') return { id: String(value.id), alt: value.alt ?? '' }
  return { id: String(value), alt: '' }
}

function card(topic: ConsultationTopic, now: number, publicCount: number): TopicCard {
  const phase = topicPhase(topic, now)
  return {
    id: String(topic.id),
    title: topic.title,
    question: topic.question,
    category: topic.category,
    categoryLabel: isTopicCategory(topic.category) ? TOPIC_CATEGORY_LABELS[topic.category].zh : topic.category,
    opensOn: topic.opensOn,
    closesOn: topic.closesOn,
    phase,
    phaseLabel: TOPIC_PHASE_LABELS[phase].zh,
    pinned: topic.pinned === true,
    cover: imageOf(topic.cover),
    publicCount,
  }
}

const recordOf = (doc: ConsultationSubmission): SubmissionRecord => ({
  id: String(doc.id),
  openid: doc.openid,
  state: isSubmissionState(doc.status) ? doc.status : 'pending',
  text: doc.body,
  photos: (doc.photos ?? []).map((photo) => idOf(photo)!).filter(Boolean),
  name: doc.name ?? null,
  phone: doc.phone ?? null,
  rejectionReason: doc.rejectionReason ?? null,
  reply: doc.reply ?? null,
  receivedAt: doc.receivedAt,
})

const publicWhere = (topicIds: string[]): Where => ({
  and: [{ topic: { in: topicIds } }, { status: { in: [...PUBLIC_SUBMISSION_STATES] } }],
})

/**
 * The topics residents see, at `now` (epoch ms): approved, already open (未开始 is not listed), 征集中
 * first, then 已截止, then 结果已公开; within a phase pinned first, then the newest opening first.
 */
export async function residentTopics(payload: Payload, now: number = Date.now()): Promise<TopicCard[]> {
  const found = await payload.find({
    collection: 'consultation-topics',
    where: PUBLIC_TOPIC,
    overrideAccess: true,
    depth: 1,
    pagination: false,
    sort: '-opensOn',
  })
  const topics = found.docs.filter((topic) => topicPhase(topic, now) !== 'not_open')
  const counts = new Map<string, number>()
  if (topics.length > 0) {
    const suggestions = await payload.find({
      collection: 'consultation-submissions',
      where: publicWhere(topics.map((topic) => String(topic.id))),
      overrideAccess: true,
      depth: 0,
      pagination: false,
      select: { topic: true },
    })
    for (const doc of suggestions.docs) {
      const id = idOf(doc.topic)!
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  }
  return topics
    .map((topic) => card(topic, now, counts.get(String(topic.id)) ?? 0))
    .sort(
      (a, b) =>
        PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || Number(b.pinned) - Number(a.pinned) || (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0),
    )
}

/** An approved topic by id (any phase), or null. */
async function publicTopic(payload: Payload, id: string, depth: number): Promise<ConsultationTopic | null> {
  const found = await payload.find({
    collection: 'consultation-topics',
    where: { and: [{ id: { equals: id } }, PUBLIC_TOPIC] },
    overrideAccess: true,
    depth,
    limit: 1,
    pagination: false,
  })
  return found.docs[0] ?? null
}

const publicSuggestion = (doc: ConsultationSubmission, view: NonNullable<ReturnType<typeof visibleTo>>): PublicSuggestion => ({
  id: String(view.id),
  state: view.state,
  stateLabel: SUBMISSION_STATE_LABELS[view.state].zh,
  text: view.text,
  photos: view.photos.map((photo) => suggestionPhotoHref(photo)),
  receivedAt: view.receivedAt,
  reply: view.state === 'answered' ? view.reply : null,
  answeredAt: view.state === 'answered' ? (doc.answeredAt ?? null) : null,
})

/**
 * One approved topic as the public sees it at `now`, or null (missing, not approved, or not open yet):
 * its fields, phase, whether it takes suggestions, the public suggestions (oldest first, so a thread
 * reads in order) and, once published, the outcome (milestones oldest first, before/after images,
 * the statement).
 */
export async function residentTopic(payload: Payload, id: string, now: number = Date.now()): Promise<TopicDetail | null> {
  const topic = await publicTopic(payload, id, 1)
  if (!topic) return null
  const phase = topicPhase(topic, now)
  if (phase === 'not_open') return null
  const found = await payload.find({
    collection: 'consultation-submissions',
    where: publicWhere([String(topic.id)]),
    overrideAccess: true,
    depth: 0,
    pagination: false,
    sort: 'receivedAt',
  })
  const suggestions: PublicSuggestion[] = []
  for (const doc of found.docs) {
    const view = visibleTo(recordOf(doc), { kind: 'public' })
    if (view) suggestions.push(publicSuggestion(doc, view))
  }
  const outcome: OutcomeView | null =
    topic.outcomePublishedAt != null
      ? {
          publishedAt: topic.outcomePublishedAt,
          statement: topic.statement ?? '',
          milestones: orderMilestones(topic.milestones ?? []).map((milestone) => ({
            date: milestone.date,
            text: milestone.text,
            before: (milestone.photosBefore ?? []).map(imageOf).filter((image): image is TopicImage => image !== null),
            after: (milestone.photosAfter ?? []).map(imageOf).filter((image): image is TopicImage => image !== null),
          })),
        }
      : null
  return {
    ...card(topic, now, suggestions.length),
    background: topic.background?.trim() || null,
    keyword: topic.keyword?.trim() || null,
    acceptsSubmissions: phase === 'open',
    suggestions,
    outcome,
  }
}

/**
 * A topic the resident may write to at `now`: `{ topic }` when approved and 征集中; `{ closed }` (its
 * title and phase label) when approved but not taking suggestions; null when residents may not see it.
 */
export async function topicForSuggestion(
  payload: Payload,
  id: string,
  now: number = Date.now(),
): Promise<{ topic: TopicCard & { keyword: string | null }; closed?: undefined } | { closed: TopicCard; topic?: undefined } | null> {
  const topic = await publicTopic(payload, id, 0)
  if (!topic) return null
  const view = card(topic, now, 0)
  if (view.phase === 'not_open') return null
  if (view.phase !== 'open') return { closed: view }
  return { topic: { ...view, keyword: topic.keyword?.trim() || null } }
}

/** The resident's (`openid`) own suggestions, newest first, in every state, with the topic's title. */
export async function residentSuggestions(payload: Payload, openid: string): Promise<OwnSuggestion[]> {
  if (openid === '') return []
  const found = await payload.find({
    collection: 'consultation-submissions',
    where: { openid: { equals: openid } },
    overrideAccess: true,
    depth: 1,
    pagination: false,
    sort: '-receivedAt',
    populate: { 'consultation-topics': { title: true } },
  })
  const out: OwnSuggestion[] = []
  for (const doc of found.docs) {
    const view = visibleTo(recordOf(doc), { kind: 'resident', openid })
    if (!view) continue
    const topic = typeof doc.topic === 'object' ? doc.topic : null
    out.push({
      ...publicSuggestion(doc, view),
      // The owner sees the reply whatever happens next.
      reply: view.reply,
      answeredAt: doc.answeredAt ?? null,
      topicId: idOf(doc.topic)!,
      topicTitle: topic?.title ?? '',
      name: view.name,
      phone: view.phone,
      rejectionReason: view.state === 'rejected' ? view.rejectionReason : null,
      withdrawable: view.state === 'pending',
    })
  }
  return out
}

/** A stored file to send: its bytes and type; `personal` when only its owner may see it. */
export interface ServedFile {
  data: Buffer
  mimeType: string
  personal: boolean
}

const staticDir = (payload: Payload, slug: 'consultation-photos' | 'media'): string | null => {
  const upload = payload.collections[slug]?.config.upload
  return upload && typeof upload === 'object' && upload.staticDir ? path.resolve(upload.staticDir) : null
}

/** Reads `filename` from `dir`, refusing any name that would leave it; null when it is not there. */
async function readStored(dir: string | null, filename: string | null | undefined): Promise<Buffer | null> {
  if (!dir || !filename || filename.includes('/') || filename.includes('\\') || filename.startsWith('.')) return null
  try {
    return await readFile(path.join(dir, filename))
  } catch {
    return null
  }
}

/**
 * A suggestion photo (`consultation-photos` id) for `openid` (null: not signed in): served when its
 * suggestion is public (已公开 / 已回复, on an approved topic) — to anyone —, or, in any state, to the
 * resident who sent it (`personal`). Null otherwise: the page answers 404 without saying which.
 */
export async function suggestionPhotoFile(payload: Payload, photoId: string, openid: string | null): Promise<ServedFile | null> {
  const photo = await payload
    .findByID({ collection: 'consultation-photos', id: photoId, overrideAccess: true, depth: 0, disableErrors: true })
    .catch(() => null)
  const submissionId = idOf(photo?.submission)
  if (!photo || !submissionId) return null
  const submission = await payload
    .findByID({ collection: 'consultation-submissions', id: submissionId, overrideAccess: true, depth: 0, disableErrors: true })
    .catch(() => null)
  if (!submission || !(submission.photos ?? []).some((item) => idOf(item) === String(photo.id))) return null
  const owner = openid !== null && openid !== '' && submission.openid === openid
  let isPublic = false
  if (!owner && visibleTo(recordOf(submission), { kind: 'public' }) !== null) {
    isPublic = (await publicTopic(payload, idOf(submission.topic)!, 0)) !== null
  }
  if (!owner && !isPublic) return null
  const data = await readStored(staticDir(payload, 'consultation-photos'), photo.filename)
  if (!data) return null
  return { data, mimeType: photo.mimeType === 'image/png' ? 'image/png' : 'image/jpeg', personal: !isPublic }
}

/**
 * An image of a public topic (`media` id): its cover (once the topic has opened), or a before/after
 * photo of its published outcome; `size` picks one of media's sizes when stored (`thumbnail` 400×300,
 * `cover` 900×383), else the original. Null for any other image: media is staff-only otherwise.
 */
export async function topicImageFile(payload: Payload, mediaId: string, size: string | null, now: number = Date.now()): Promise<ServedFile | null> {
  const topics = await payload.find({
    collection: 'consultation-topics',
    where: {
      and: [
        PUBLIC_TOPIC,
        { or: [{ cover: { equals: mediaId } }, { 'milestones.photosBefore': { in: [mediaId] } }, { 'milestones.photosAfter': { in: [mediaId] } }] },
      ],
    },
    overrideAccess: true,
    depth: 0,
    pagination: false,
  })
  const uses = topics.docs.some((topic) => {
    if (topicPhase(topic, now) === 'not_open') return false
    if (idOf(topic.cover) === mediaId) return true
    if (topic.outcomePublishedAt == null) return false
    return (topic.milestones ?? []).some((milestone) =>
      [...(milestone.photosBefore ?? []), ...(milestone.photosAfter ?? [])].some((photo) => idOf(photo) === mediaId),
    )
  })
  if (!uses) return null
  const media = await payload.findByID({ collection: 'media', id: mediaId, overrideAccess: true, depth: 0, disableErrors: true }).catch(() => null)
  if (!media) return null
  const sized = size === 'thumbnail' || size === 'cover' ? media.sizes?.[size] : undefined
  const dir = staticDir(payload, 'media')
  const data = (sized?.filename ? await readStored(dir, sized.filename) : null) ?? (await readStored(dir, media.filename))
  if (!data) return null
  const mimeType = (sized?.filename ? sized.mimeType : null) ?? media.mimeType ?? 'image/jpeg'
  return { data, mimeType, personal: false }
}
