/**
 * 微问政's residents' pages as functions of (Payload, Request), like handlers.tsx: the topics, one
 * topic, the suggestion form (GET) and its multipart POST (photos cleaned here, then submitSuggestion),
 * 我的建议 with 撤回, and the photos and images behind them. The topics and the public suggestions are
 * for anyone in any browser; the form and 我的建议 need the resident (requireResident).
 */
import type { Payload } from 'payload'
import { cleanSuggestionPhoto, type CleanPhoto } from '../../../../services/consultations/photos'
import {
  residentSuggestions,
  residentTopic,
  residentTopics,
  suggestionPhotoFile,
  topicForSuggestion,
  topicImageFile,
  type ServedFile,
} from '../../../../services/consultations/resident-views'
import { MAX_PHOTO_BYTES, MAX_PHOTOS, validateSubmission, type SubmissionField } from '../../../../services/consultations/submission'
import { submitSuggestion, withdrawSubmission } from '../../../../services/consultations/submit'
import { ratingKey } from '../../../../services/ratings/rating-target'
import { residentRatingLevels } from '../../../../services/ratings/resident-view'
import { foreignPost } from './appointment-handlers'
import { htmlResponse } from './render'
import { requireResident, residentSession } from './session'
import { MessagePage, NotFoundPage } from './shell'
import {
  ClosedTopicPage,
  MySuggestionsPage,
  SubmittedPage,
  SuggestPage,
  TopicPage,
  TopicsPage,
  type SuggestionFormValues,
  type SuggestionRating,
} from './topics'

const ID = /^[0-9A-Za-z-]{1,64}$/

/**
 * The largest suggestion body read: six photos of 10 MB and a margin for the text, the name, the
 * phone and multipart's boundaries (1 MB, far more than 1000 characters need). A Content-Length
 * above it is refused before a byte is parsed.
 */
export const MAX_SUGGESTION_BODY = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024

const notFound = (what: string, cache: 'public-info' | 'personal' = 'personal') => htmlResponse(<NotFoundPage what={what} />, { status: 404, cache })

/** `GET /m/topics`: 征集中, 已截止, 结果已公开; public information, any browser. */
export async function topicsResponse(payload: Payload, _request: Request, options: { now?: number } = {}): Promise<Response> {
  const topics = await residentTopics(payload, options.now ?? Date.now())
  return htmlResponse(<TopicsPage topics={topics} />, { cache: 'public-info' })
}

/** `GET /m/topics/<id>`: one approved topic (404 「征集话题不存在」 otherwise); any browser. */
export async function topicResponse(payload: Payload, _request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('征集话题', 'public-info')
  const topic = await residentTopic(payload, id, options.now ?? Date.now())
  if (!topic) return notFound('征集话题', 'public-info')
  return htmlResponse(<TopicPage topic={topic} />, { cache: 'public-info' })
}

/** `GET /m/topics/<id>/suggest`: the form, for the signed-in resident, while the topic is 征集中. */
export async function suggestPageResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('征集话题')
  const found = await topicForSuggestion(payload, id, options.now ?? Date.now())
  if (!found) return notFound('征集话题')
  if (found.closed) return htmlResponse(<ClosedTopicPage topic={found.closed} message="征集已截止，感谢您的关注。" />, { cache: 'personal' })
  const gate = await requireResident(payload, request)
  if (gate.response) return gate.response
  return htmlResponse(<SuggestPage topic={found.topic} />, { cache: 'personal' })
}

const field = (value: FormDataEntryValue | null, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '')

/**
 * `POST /m/topics/<id>/suggest` (multipart): the origin checked, a body over MAX_SUGGESTION_BODY refused
 * by its Content-Length (413), each photo cleaned (cleanSuggestionPhoto: HEIC/WebP converted, EXIF
 * gone), then submitSuggestion. A refusal shows the form again with the Chinese problems and what was
 * typed; a stored suggestion — or the same one again (a duplicate) — 「已提交，审核后公开」.
 */
export async function suggestSubmitResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('征集话题')
  const refused = foreignPost(request)
  if (refused) return refused
  const length = Number(request.headers.get('content-length') ?? 0)
  if (Number.isFinite(length) && length > MAX_SUGGESTION_BODY) {
    return htmlResponse(
      <MessagePage title="照片太大" links={[{ href: `/m/topics/${id}/suggest`, label: '重新填写', primary: true }]}>
        <p>最多 {MAX_PHOTOS} 张照片，每张不超过 10 MB。请少选几张或压缩后再提交。</p>
      </MessagePage>,
      { status: 413, cache: 'personal', headers: [['Connection', 'close']] },
    )
  }
  const gate = await requireResident(payload, request, { next: `/m/topics/${id}/suggest` })
  if (gate.response) return gate.response
  const now = options.now ?? Date.now()
  const found = await topicForSuggestion(payload, id, now)
  if (!found) return notFound('征集话题')
  if (found.closed) return htmlResponse(<ClosedTopicPage topic={found.closed} message="征集已截止，感谢您的关注。" />, { status: 409, cache: 'personal' })

  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return htmlResponse(<SuggestPage topic={found.topic} error="提交的内容不完整，请重新填写。" />, { status: 400, cache: 'personal' })
  }
  // 1000 characters may take up to 2000 UTF-16 units; more is cut so validateSubmission still counts "too long".
  const values: SuggestionFormValues = { text: field(form.get('text'), 4000), name: field(form.get('name'), 100), phone: field(form.get('phone'), 40) }
  // A file input left empty still sends one part with no name and no bytes.
  const files = form.getAll('photos').filter((entry): entry is File => typeof entry !== 'string' && (entry.size > 0 || entry.name !== ''))
  values.hadPhotos = files.length > 0
  const again = (problems: Partial<Record<SubmissionField, string>>, status: number, error?: string) =>
    htmlResponse(<SuggestPage topic={found.topic} values={values} problems={problems} error={error} />, { status, cache: 'personal' })

  // The other fields' problems are shown together with a photo's, so the resident fixes all at once.
  const fieldProblems = (): Partial<Record<SubmissionField, string>> => {
    const check = validateSubmission({ text: values.text, name: values.name, phone: values.phone })
    return check.ok ? {} : check.problems
  }
  if (files.length > MAX_PHOTOS) return again({ ...fieldProblems(), photos: `最多上传 ${MAX_PHOTOS} 张照片，现在是 ${files.length} 张` }, 400)
  const photos: CleanPhoto[] = []
  // One at a time: each decode may take a few hundred MB at the pixel limit.
  for (const [index, file] of files.entries()) {
    const cleaned = await cleanSuggestionPhoto(Buffer.from(await file.arrayBuffer()), file.name, { position: index + 1 })
    if (!cleaned.ok) return again({ ...fieldProblems(), photos: cleaned.message }, 400)
    photos.push(cleaned.photo)
  }

  const result = await submitSuggestion(payload, {
    topicId: id,
    openid: gate.identity.openid,
    accountId: gate.accountId,
    text: values.text ?? '',
    name: values.name || null,
    phone: values.phone || null,
    photos,
    source: 'page',
    now,
  })
  if (result.ok) return htmlResponse(<SubmittedPage topicId={id} />, { cache: 'personal' })
  if (result.status === 404) return notFound('征集话题')
  if (result.status === 409) return htmlResponse(<ClosedTopicPage topic={found.topic} message={result.message} />, { status: 409, cache: 'personal' })
  if (result.problems) return again(result.problems, result.status)
  return again({}, result.status, result.message)
}

/** `GET /m/my-suggestions` (我的建议): the resident's own, every state, newest first. */
export async function mySuggestionsResponse(payload: Payload, request: Request, extra: { error?: string; status?: number } = {}): Promise<Response> {
  const gate = await requireResident(payload, request, { next: '/m/my-suggestions' })
  if (gate.response) return gate.response
  const openid = gate.identity.openid
  const rows = await residentSuggestions(payload, openid)
  // An answered suggestion's reply is rated (好差评, `/m/rate/reply/<id>`); once rated, its level is shown.
  const levels = await residentRatingLevels(
    payload,
    rows.filter((row) => row.state === 'answered').map((row) => ({ kind: 'reply' as const, id: row.id })),
    openid,
  )
  const ratings = rows
    .filter((row) => row.state === 'answered')
    .map((row): [string, SuggestionRating] => {
      const level = levels.get(ratingKey({ kind: 'reply', id: row.id }))
      return [
        row.id,
        level ? { rated: true, levelLabel: level.levelLabel, href: `/m/rate/reply/${row.id}` } : { rated: false, href: `/m/rate/reply/${row.id}` },
      ]
    })
  const flash = new URL(request.url).searchParams.get('withdrawn') === '1' ? 'withdrawn' : null
  return htmlResponse(<MySuggestionsPage rows={rows} ratings={new Map(ratings)} flash={flash} error={extra.error} />, {
    status: extra.status ?? 200,
    cache: 'personal',
  })
}

/** `POST /m/my-suggestions/<id>/withdraw`: 待审核 → 已撤回 by its author; 303 back with `?withdrawn=1`, or the list with the refusal. */
export async function withdrawResponse(payload: Payload, request: Request, id: string): Promise<Response> {
  if (!ID.test(id)) return notFound('建议')
  const refused = foreignPost(request)
  if (refused) return refused
  const gate = await requireResident(payload, request, { next: '/m/my-suggestions' })
  if (gate.response) return gate.response
  const result = await withdrawSubmission(payload, { submissionId: id, openid: gate.identity.openid })
  // Someone else's suggestion is "not found" to this resident: nothing says it exists.
  if (!result.ok && (result.status === 404 || result.status === 403)) return notFound('建议')
  if (!result.ok) return mySuggestionsResponse(payload, request, { error: result.message, status: result.status })
  return new Response(null, { status: 303, headers: { Location: '/m/my-suggestions?withdrawn=1', 'Cache-Control': 'no-store' } })
}

/**
 * A stored image as a response. Public files may be kept by caches for 5 minutes; the resident's own
 * unpublished photo is `private` (their browser only, never a shared cache). nosniff: the type is ours.
 */
function fileResponse(file: ServedFile): Response {
  return new Response(new Uint8Array(file.data), {
    status: 200,
    headers: {
      'Content-Type': file.mimeType,
      'Content-Length': String(file.data.length),
      'Cache-Control': file.personal ? 'private, max-age=300' : 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/**
 * `GET /m/topic-photos/<id>`: a suggestion photo — to anyone once its suggestion is public (已公开 /
 * 已回复 on an approved topic), to the resident who sent it in any state; otherwise the Chinese 404
 * (never saying whether it exists).
 */
export async function topicPhotoResponse(payload: Payload, request: Request, id: string): Promise<Response> {
  if (!ID.test(id)) return notFound('照片')
  const file = await suggestionPhotoFile(payload, id, residentSession(request)?.openid ?? null)
  return file ? fileResponse(file) : notFound('照片')
}

/** `GET /m/topic-images/<id>?size=thumbnail|cover`: a public topic's cover or outcome photo (media is staff-only otherwise). */
export async function topicImageResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('图片')
  const file = await topicImageFile(payload, id, new URL(request.url).searchParams.get('size'), options.now ?? Date.now())
  return file ? fileResponse(file) : notFound('图片')
}
