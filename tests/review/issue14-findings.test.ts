/**
 * The review of issue 14 (wip/review): failing tests that prove findings, one per finding of the
 * report (numbers in the test names). They fail on main as it is and pass once the finding is fixed;
 * nothing in product code is changed here.
 *
 * - F1: a resident who withdraws a pending suggestion (e.g. to correct their phone) and sends the same
 *   text again is told 「已提交」 but nothing is stored: the fingerprint answers the withdrawn one.
 * - F2: the per-resident rate limit is a count-then-insert with no guard: suggestions sent at once all
 *   pass the count.
 * - F3: a 差评 whose deadline runs into 2027 (a year the calendar lacks) gets no deadline, the office
 *   head is asked to set one — but nothing can set it, so the item is never overdue and never reaches
 *   the leader, however long it runs.
 * - F4: a suggestion of 1000 characters or fewer that is longer than 1000 UTF-16 units (emoji, CJK
 *   Extension B characters such as 𠮷) passes validateSubmission but not the collection's `maxLength`:
 *   the page answers 500 and loses the text; from the chat, the worker throws on every attempt, so the
 *   authentic message never reaches the inbox (the resident was told 「已收到」).
 */
import type { Payload } from 'payload'
import { runRectificationEscalations } from '../../jobs/ratings-daily'
import { processInbound, type InboundRow } from '../../src/inbound/process-inbound'
import { rateMatter } from '../../src/services/ratings/rate'
import { submitSuggestion, withdrawSubmission } from '../../src/services/consultations/submit'
import type { BookingWorld } from '../appointments/helpers'
import { createConsultWorld, SEPT_30_10AM, type ConsultWorld } from '../consultations/helpers'
import { createAccount } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { closedAppointment, createRatingWorld, staffUser } from '../ratings/helpers'

let env: TestPayload
let payload: Payload
let consult: ConsultWorld
let ratings: BookingWorld

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  consult = await createConsultWorld(payload, 'rv')
  ratings = await createRatingWorld(payload, 'rw')
}, 120_000)
afterAll(async () => env?.close())

const submit = (openid: string, text: string, extra: Partial<Parameters<typeof submitSuggestion>[1]> = {}) =>
  submitSuggestion(payload, { topicId: consult.topic, openid, accountId: null, text, photos: [], source: 'page', now: SEPT_30_10AM, ...extra })

test('F1: after withdrawing a pending suggestion, sending the same text again (with the corrected phone) stores a new pending suggestion', async () => {
  const openid = 'oReviewWithdraw0001xyz'
  const first = await submit(openid, '建议在东门加装道闸，晚上车辆乱停。', { phone: '13800001111' })
  expect(first).toMatchObject({ ok: true, duplicate: false })
  if (!first.ok) return
  expect(await withdrawSubmission(payload, { submissionId: first.submissionId, openid })).toEqual({ ok: true })

  const again = await submit(openid, '建议在东门加装道闸，晚上车辆乱停。', { phone: '13900002222' })
  // Today: { ok: true, duplicate: true, submissionId: <the withdrawn one> } — the page says 「已提交，审核后公开」.
  expect(again).toMatchObject({ ok: true, duplicate: false })
  const pending = await payload.find({
    collection: 'consultation-submissions',
    overrideAccess: true,
    depth: 0,
    where: { and: [{ openid: { equals: openid } }, { status: { equals: 'pending' } }] },
  })
  expect(pending.docs).toHaveLength(1)
  expect((pending.docs[0] as unknown as { phone: string }).phone).toBe('13900002222')
})

test('F2: the rate limit (maxPerHour 2) holds when one resident sends six different suggestions at once', async () => {
  await payload.updateGlobal({ slug: 'consultation-settings', data: { maxPerHour: 2 } })
  try {
    const openid = 'oReviewBurst0002xyz'
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(openid, `第 ${i + 1} 条不同的建议`)))
    const stored = await payload.count({ collection: 'consultation-submissions', overrideAccess: true, where: { openid: { equals: openid } } })
    // Today every one of them passes the count before any is inserted.
    expect({ stored: stored.totalDocs, refused: results.filter((r) => !r.ok).length }).toEqual({ stored: 2, refused: 4 })
  } finally {
    await payload.updateGlobal({ slug: 'consultation-settings', data: { maxPerHour: 5 } })
  }
})

test('F3: a 差评 of 2026-12-28 (deadline in 2027, not in the calendar) still reaches the leader when it has run for two months', async () => {
  const id = await closedAppointment(payload, ratings, 'o-review-2027')
  const { rectification } = await rateMatter(payload, {
    openid: 'o-review-2027',
    target: { kind: 'appointment', id },
    input: { level: 'very_dissatisfied' },
    now: Date.parse('2026-12-28T10:00:00+08:00'),
  })
  expect(rectification!.deadline).toBeNull()
  // The office head is asked to 「手工确定期限」, but no endpoint or field lets anyone set it (update: nobody).
  const patched = await payload
    .update({
      collection: 'rectifications' as never,
      id: rectification!.id,
      data: { deadline: '2027-01-08' } as never,
      overrideAccess: false,
      user: (await staffUser(payload, ratings, 'clerk')) as never,
    })
    .then(() => 'updated')
    .catch(() => 'refused')
  expect(patched).toBe('refused')
  for (const day of ['2026-12-29', '2027-01-15', '2027-02-26']) await runRectificationEscalations(payload, Date.parse(`${day}T09:00:00+08:00`))
  const notices = await payload.find({
    collection: 'notifications',
    where: { and: [{ relatedCollection: { equals: 'rectifications' } }, { relatedId: { equals: rectification!.id } }] },
    depth: 0,
    limit: 50,
  })
  const leader = String(ratings.users.leader.id)
  // Today: only the office head's 「没有整改期限」 notice; the leader never hears of it.
  expect((notices.docs as unknown as Array<{ recipient: unknown }>).some((n) => String(n.recipient) === leader)).toBe(true)
})

/** 600 characters as people (and validateSubmission) count them, 1200 UTF-16 units. */
const WIDE_TEXT = `建议${'𠮷'.repeat(598)}`

test('F4: a suggestion of 600 characters written with 𠮷 (1200 UTF-16 units) is stored, or refused in Chinese — never a thrown error', async () => {
  const answer = await submit('oReviewWide0004xyz', WIDE_TEXT).catch((error: unknown) => ({ thrown: String(error) }))
  expect(answer).not.toHaveProperty('thrown')
})

test('F4: the same text sent in the chat with the topic keyword is kept: a suggestion or an inbox message', async () => {
  const accountId = await createAccount(payload, {
    appId: 'wxreviewfindings01',
    token: 'reviewtoken',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    messageMode: 'safe',
  } as never)
  const openid = 'oReviewChatWide0005xyz'
  const row = {
    id: 'review-f4',
    account: accountId,
    type: 'text',
    dedupeKey: 'review-f4-msg',
    untrustedBody: false,
    payload: {
      ToUserName: 'gh_review',
      FromUserName: openid,
      CreateTime: String(Math.floor(SEPT_30_10AM / 1000)),
      MsgType: 'text',
      Content: `rv噪音 ${WIDE_TEXT}`,
      MsgId: '900000000000000001',
    },
  } as unknown as InboundRow
  const outcome = await processInbound(payload, row).then(
    () => 'processed',
    (error: unknown) => `threw: ${String(error)}`,
  )
  // Today: "threw: ValidationError …" on every attempt (the worker gives up after 5; nothing in the inbox).
  expect(outcome).toBe('processed')
  const kept =
    (await payload.count({ collection: 'consultation-submissions', overrideAccess: true, where: { openid: { equals: openid } } })).totalDocs +
    (await payload.count({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: openid } } as never })).totalDocs
  expect(kept).toBe(1)
})
