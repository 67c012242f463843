/**
 * Storing a resident's suggestion (建议) on a topic, from the residents' page or the chat, and its
 * withdrawal by the resident: the database side of `submission.ts` and `moderation.ts`.
 *
 * The page (src/app/(residents)) signs the resident in (OAuth openid), cleans the photos
 * (src/shared/clean-image.ts: HEIC/WebP converted, EXIF stripped) and calls `submitSuggestion`; the
 * chat (src/inbound) calls it with the text after the keyword and no photos. Every answer is data:
 * the caller turns it into a page, a JSON body or a chat reply.
 */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import type { ConsultationTopic } from '../../payload-types'
import { compareAndSet } from '../../shared/cas'
import { perPayload } from '../../shared/per-payload'
import { shanghaiDate } from '../../shared/time'
import { maskOpenid } from '../notifications/resident-notices'
import { alertNewSubmission } from './alerts'
import { replyDeadline } from './moderation'
import { loadConsultationSettings } from './settings'
import { contactFor, submissionFingerprint, validateSubmission, type SubmissionField } from './submission'
import { acceptsSubmissions } from './topic-window'

/** A photo after the upload step: converted to JPEG/PNG, EXIF stripped; the original's sniffed format and size. */
export interface CleanPhoto {
  data: Buffer
  mimetype: 'image/jpeg' | 'image/png'
  filename: string
  originalFormat: 'jpeg' | 'png' | 'heic' | 'heif' | 'webp'
  originalBytes: number
}

export type SubmitResult =
  | { ok: true; submissionId: string; duplicate: boolean }
  | { ok: false; status: 400 | 404 | 409 | 429; code: string; message: string; problems?: Partial<Record<'text' | 'photos' | 'name' | 'phone', string>> }

/** Characters of the text kept as the list's excerpt. */
const EXCERPT_LENGTH = 40
const HOUR_MS = 3600_000

const excerptOf = (text: string): string => {
  const chars = Array.from(text.replace(/\s+/gu, ' '))
  return chars.length > EXCERPT_LENGTH ? `${chars.slice(0, EXCERPT_LENGTH).join('')}…` : chars.join('')
}

async function readTopic(payload: Payload, topicId: string): Promise<ConsultationTopic | null> {
  if (topicId === '') return null
  // A malformed id is "no such topic", not a server error.
  const found = await payload
    .findByID({ collection: 'consultation-topics', id: topicId, depth: 0, overrideAccess: true, disableErrors: true })
    .catch(() => null)
  return found ?? null
}

async function findByFingerprint(payload: Payload, fingerprint: string): Promise<string | null> {
  const found = await payload.find({
    collection: 'consultation-submissions',
    where: { fingerprint: { equals: fingerprint } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    pagination: false,
  })
  const doc = found.docs[0]
  return doc ? String(doc.id) : null
}

async function countSince(payload: Payload, openid: string, since: number): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: 'consultation-submissions',
    overrideAccess: true,
    where: { and: [{ openid: { equals: openid } }, { receivedAt: { greater_than: new Date(since).toISOString() } }] },
  })
  return totalDocs
}

/**
 * Stores a resident's suggestion on a topic, once.
 *
 * Steps and answers:
 * 1. the topic must exist and be approved by a leader (`reviewStatus` 'approved'): else 404
 *    `not-found` 「征集话题不存在」; it must take suggestions now (征集中, `acceptsSubmissions` in
 *    Beijing dates): else 409 `closed` 「征集已截止」 (or 「征集尚未开始」 before the open date);
 * 2. `validateSubmission` (text 1–1000 characters, ≤ 6 photos of ≤ 10 MB in an accepted original
 *    format, optional name, optional mobile): else 400 `invalid` with the Chinese problem per field;
 * 3. the same text by the same resident on the same topic (`submissionFingerprint`) already stored:
 *    `{ ok: true, duplicate: true }` with that suggestion's id, nothing stored (a retry is not rate-limited);
 * 4. the rate limit of the settings (`maxPerHour`, `maxPerDay` in rolling windows, per openid, all
 *    topics, every state counted): else 429 `rate-limited` 「提交太频繁…」;
 * 5. creates the suggestion (待审核, masked copies of openid/name/phone, `receivedOn` Beijing, the reply
 *    deadline `replyWorkingDays` working days after — or `deadlineWarning` when the calendar does not
 *    know the year) and its photos (`consultation-photos`, linked both ways). Two identical requests at
 *    once: the unique index on `fingerprint` refuses the second insert, which answers the first's id as
 *    a duplicate;
 * 6. starts the alert of the topic's staff (alerts.ts) and answers without waiting for it: a failed
 *    alert is logged, never the resident's problem; `settleConsultationAlerts` waits for it.
 *
 * @param input.topicId the topic's id; `openid` the signed-in resident; `accountId` the service
 *   account (null when unknown); `text`, `name`, `phone` as typed; `photos` already cleaned;
 *   `source` 'page' or 'chat'; `now` epoch ms (tests), default Date.now().
 */
export async function submitSuggestion(
  payload: Payload,
  input: {
    topicId: string
    openid: string
    accountId: string | null
    text: string
    name?: string | null
    phone?: string | null
    photos: CleanPhoto[]
    source: 'page' | 'chat'
    now?: number
  },
): Promise<SubmitResult> {
  const now = input.now ?? Date.now()
  const topic = await readTopic(payload, input.topicId)
  if (!topic || topic.reviewStatus !== 'approved') return { ok: false, status: 404, code: 'not-found', message: '征集话题不存在或尚未发布' }
  if (!acceptsSubmissions(topic, now)) {
    const early = !topic.outcomePublishedAt && shanghaiDate(now) < topic.opensOn
    return { ok: false, status: 409, code: 'closed', message: early ? `征集尚未开始（${topic.opensOn} 开始）` : '征集已截止，感谢您的关注' }
  }
  if (input.openid === '') return { ok: false, status: 400, code: 'no-openid', message: '请在微信中打开本页面后再提交' }

  const checked = validateSubmission({
    text: input.text,
    name: input.name,
    phone: input.phone,
    photos: input.photos.map((photo) => ({ format: photo.originalFormat, bytes: photo.originalBytes })),
  })
  if (!checked.ok) {
    return {
      ok: false,
      status: 400,
      code: 'invalid',
      message: Object.values(checked.problems)[0] ?? '提交的内容有误',
      problems: checked.problems as Partial<Record<SubmissionField, string>>,
    }
  }
  const { text, name, phone } = checked.value
  const fingerprint = submissionFingerprint(input.openid, topic.id, text)
  const earlier = await findByFingerprint(payload, fingerprint)
  if (earlier) return { ok: true, submissionId: earlier, duplicate: true }

  const settings = await loadConsultationSettings(payload)
  const [lastHour, lastDay] = await Promise.all([countSince(payload, input.openid, now - HOUR_MS), countSince(payload, input.openid, now - 24 * HOUR_MS)])
  if (lastHour >= settings.maxPerHour || lastDay >= settings.maxPerDay) {
    const window = lastHour >= settings.maxPerHour ? `每小时最多 ${settings.maxPerHour} 条` : `每天最多 ${settings.maxPerDay} 条`
    return { ok: false, status: 429, code: 'rate-limited', message: `提交太频繁，请稍后再试（${window}）` }
  }

  const receivedOn = shanghaiDate(now)
  const deadline = replyDeadline(receivedOn, settings.replyWorkingDays)
  const masked = contactFor({ name, phone }, false)
  let submissionId: string
  try {
    const created = await payload.create({
      collection: 'consultation-submissions',
      overrideAccess: true,
      depth: 0,
      data: {
        topic: topic.id,
        office: idOf(topic.office),
        community: idOf(topic.community),
        account: input.accountId,
        openid: input.openid,
        openidMasked: maskOpenid(input.openid),
        fingerprint,
        source: input.source,
        body: text,
        excerpt: excerptOf(text),
        name,
        nameMasked: masked.name,
        phone,
        phoneMasked: masked.phone,
        status: 'pending',
        receivedAt: new Date(now).toISOString(),
        receivedOn,
        replyDeadline: deadline.ok ? deadline.value : null,
        deadlineWarning: deadline.ok ? null : deadline.warning,
      },
    })
    submissionId = String(created.id)
  } catch (error) {
    // The unique index refused a twin request that stored the same suggestion first: answer it.
    const twin = await findByFingerprint(payload, fingerprint)
    if (twin) return { ok: true, submissionId: twin, duplicate: true }
    throw error
  }

  if (input.photos.length > 0) {
    try {
      const photoIds: string[] = []
      for (const photo of input.photos) {
        const stored = await payload.create({
          collection: 'consultation-photos',
          overrideAccess: true,
          depth: 0,
          data: { submission: submissionId, originalFormat: photo.originalFormat },
          file: { data: photo.data, mimetype: photo.mimetype, name: photo.filename, size: photo.data.length },
        })
        photoIds.push(String(stored.id))
      }
      await payload.update({ collection: 'consultation-submissions', id: submissionId, overrideAccess: true, depth: 0, data: { photos: photoIds } })
    } catch (error) {
      // No suggestion without the photos the resident sent: undone (photos first, they point at it),
      // so a retry stores it whole instead of answering a duplicate without its photos.
      await payload.delete({ collection: 'consultation-photos', where: { submission: { equals: submissionId } }, overrideAccess: true }).catch(() => undefined)
      await payload.delete({ collection: 'consultation-submissions', id: submissionId, overrideAccess: true }).catch(() => undefined)
      throw error
    }
  }

  startAlert(payload, { topicId: topic.id, now, submissionId })
  return { ok: true, submissionId, duplicate: false }
}

/**
 * The staff alerts started and not yet finished, per Payload instance (no module-level state): what
 * `settleConsultationAlerts` waits for. A finished alert leaves the set.
 */
const pendingAlertsOf = perPayload('consultation-pending-alerts', () => new Set<Promise<void>>())

/**
 * Starts the staff alert of a stored suggestion without making the resident wait for it (an e-mail and
 * a WeChat call of up to 5 s). The alerts of one Payload run one after another, each after those
 * already pending, so the once-an-hour rule (alerts.ts reads the e-mails already recorded) still holds
 * when two suggestions arrive at once. A failure is logged, never thrown.
 */
function startAlert(payload: Payload, input: { topicId: string; now: number; submissionId: string }): void {
  const pending = pendingAlertsOf(payload)
  const alert: Promise<void> = Promise.allSettled([...pending])
    .then(() => alertNewSubmission(payload, { topicId: input.topicId, now: input.now }))
    .then(
      () => undefined,
      (error: unknown) => {
        payload.logger.error({ err: error, submissionId: input.submissionId }, 'consultations: the staff alert of a new suggestion failed')
      },
    )
    .finally(() => pending.delete(alert))
  pending.add(alert)
}

/**
 * Resolves once every staff alert started by `submitSuggestion` on this Payload has finished
 * (including alerts started meanwhile); never rejects (failures are logged by the alert). For a
 * process about to stop (the scheduler, the seed) and for tests before they look at the alerts.
 */
export async function settleConsultationAlerts(payload: Payload): Promise<void> {
  const pending = pendingAlertsOf(payload)
  while (pending.size > 0) await Promise.allSettled([...pending])
}

/**
 * The resident takes back their own suggestion while it waits (待审核 → 已撤回, `decideModeration`'s
 * rule): 404 `not-found` when there is no such suggestion, 403 `forbidden` when it is someone
 * else's (by openid), 409 `invalid-transition` when it is no longer pending (approved, rejected,
 * answered, already withdrawn) — also when staff moderate it at the same moment (compare-and-set on
 * the state read).
 */
export async function withdrawSubmission(
  payload: Payload,
  input: { submissionId: string; openid: string },
): Promise<{ ok: true } | { ok: false; status: 403 | 404 | 409; code: string; message: string }> {
  const found = input.submissionId
    ? await payload
        .findByID({ collection: 'consultation-submissions', id: input.submissionId, depth: 0, overrideAccess: true, disableErrors: true })
        .catch(() => null)
    : null
  if (!found) return { ok: false, status: 404, code: 'not-found', message: '建议不存在' }
  if (input.openid === '' || found.openid !== input.openid) return { ok: false, status: 403, code: 'forbidden', message: '只能撤回自己的建议' }
  if (found.status !== 'pending') return { ok: false, status: 409, code: 'invalid-transition', message: '建议已审核，不能撤回' }
  const updated = await compareAndSet(
    payload,
    'consultation-submissions',
    { and: [{ id: { equals: found.id } }, { status: { equals: 'pending' } }] },
    { status: 'withdrawn' },
  )
  if (!updated) return { ok: false, status: 409, code: 'invalid-transition', message: '建议已审核，不能撤回' }
  return { ok: true }
}
