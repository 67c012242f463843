/**
 * The 微问政 board, nav badge and moderation panel (src/services/consultations/board.ts) on a real
 * database: counts per state as each user may read them, overdue topics first with 已等待 / 剩 / 已超期
 * in working days (across the National Day), the badge per user, the panel's actions per user.
 */
import type { Payload } from 'payload'
import { loadBoard, loadModerationPanel, waitingCountFor, waitingView } from '../../src/services/consultations/board'
import { moderateSubmission } from '../../src/services/consultations/moderate'
import { settleConsultationAlerts, submitSuggestion } from '../../src/services/consultations/submit'
import { createLocalReq } from 'payload'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createConsultWorld, createTopic, photo, SEPT_30_10AM, type ConsultWorld, type WorldUser } from './helpers'

let t: TestPayload
let payload: Payload
let world: ConsultWorld
let late: string
let fresh: string
let otherTopic: string
/** Monday 2026-10-12 10:00 Beijing: a suggestion of 09-30 has its deadline tomorrow (10-13). */
const OCT_12 = Date.parse('2026-10-12T02:00:00Z')
/** Friday 2026-10-16: the same suggestion is 3 working days late (10-14, 10-15, 10-16). */
const OCT_16 = Date.parse('2026-10-16T02:00:00Z')

const user = (who: WorldUser) => world.users[who] as never

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  world = await createConsultWorld(payload, 'cb')
  otherTopic = await createTopic(payload, { title: '另一个话题', office: world.otherOffice, keyword: null })
  const submit = (topicId: string, openid: string, text: string, now: number, extra = {}) =>
    submitSuggestion(payload, { topicId, openid, accountId: null, text, photos: [], source: 'page', now, ...extra }).then((r) => {
      if (!r.ok) throw new Error(r.message)
      return r.submissionId
    })
  late = await submit(world.topic, 'oBoardResident0001', '九月底的建议', SEPT_30_10AM, { name: '赵六', photos: [photo()] })
  fresh = await submit(world.topic, 'oBoardResident0002', '十月的建议', OCT_12)
  const approved = await submit(world.topic, 'oBoardResident0003', '已公开的建议', SEPT_30_10AM)
  await moderateSubmission(await createLocalReq({ user: user('admin') }, payload), { id: approved, action: 'approve' })
  await submit(otherTopic, 'oBoardResident0004', '别的科室的建议', OCT_12)
  await settleConsultationAlerts(payload)
}, 120_000)
afterAll(async () => t?.close())

test('waiting labels: 剩 N 天, 今天到期, 已超期 N 个工作日 (working days across the National Day)', () => {
  // Received 09-30; worked since: 10-08, 10-09, 10-10 (a Saturday worked), 10-12 — the deadline 10-13.
  const received = new Date(SEPT_30_10AM).toISOString()
  expect(waitingView(received, OCT_12, 5).label.zh).toBe('已等待 4 个工作日 · 剩 1 天')
  expect(waitingView(received, Date.parse('2026-10-13T02:00:00Z'), 5).label.zh).toBe('已等待 5 个工作日 · 今天到期')
  expect(waitingView(received, OCT_16, 5)).toMatchObject({ overdue: true, label: { zh: '已等待 8 个工作日 · 已超期 3 个工作日' } })
})

test('the board per user: counts and waiting lists of what they may read, the overdue topic first', async () => {
  const admin = await loadBoard(payload, user('admin'), OCT_16)
  expect(admin.map((topic) => topic.title)).toEqual(['小树林噪音治理微征集', '另一个话题'])
  expect(admin[0]).toMatchObject({ counts: { pending: 2, approved: 1, answered: 0, rejected: 0 }, overdue: 1 })
  expect(admin[0]!.waitingList.map((row) => row.id)).toEqual([late, fresh])
  expect(admin[0]!.waitingList[0]).toMatchObject({ name: '赵*', waiting: { overdue: true } })
  // The clerk (the topic's office) does not read the other office's topic's suggestions; the other
  // topic is still open, so it is listed, with nothing counted.
  const clerk = await loadBoard(payload, user('clerk'), OCT_16)
  expect(clerk.find((topic) => topic.title === '另一个话题')?.counts.pending ?? 0).toBe(0)
  expect(await loadBoard(payload, user('admin'), OCT_16, otherTopic)).toHaveLength(1)
})

test('the nav badge counts what waits for each user', async () => {
  const counts: Record<string, number> = {}
  for (const who of ['admin', 'leader', 'clerk', 'communityEditor', 'outsider'] as const) counts[who] = await waitingCountFor(payload, user(who))
  expect(counts).toEqual({ admin: 3, leader: 3, clerk: 2, communityEditor: 2, outsider: 0 })
  expect(await waitingCountFor(payload, null)).toBe(0)
})

test('the moderation panel: the contact as the user reads it, the photos, and the buttons they may use', async () => {
  const clerk = await loadModerationPanel(payload, user('clerk'), late, OCT_16)
  expect(clerk).toMatchObject({
    status: 'pending',
    statusLabel: { zh: '待审核', en: 'Pending review' },
    name: '赵六',
    body: '九月底的建议',
    waiting: { overdue: true },
  })
  expect(clerk!.photos).toHaveLength(1)
  expect(clerk!.actions.map((action) => action.action)).toEqual(['approve', 'reject'])
  const leader = await loadModerationPanel(payload, user('leader'), late, OCT_16)
  expect(leader).toMatchObject({ name: '赵*' })
  expect(await loadModerationPanel(payload, user('outsider'), late, OCT_16)).toBeNull()
})
