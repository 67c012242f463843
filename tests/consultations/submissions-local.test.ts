/**
 * 微问政 through the Local API on a real SQLite file: storing a suggestion once (also under
 * concurrency), the rate limit, the reply deadline across the National Day, withdrawal, moderation
 * with its refusals and compare-and-set, and who reads what with `overrideAccess: false`.
 */
import { createLocalReq, type Payload } from 'payload'
import { countQueue, loadQueue } from '../../src/admin/review/review-queue'
import { moderateSubmission } from '../../src/services/consultations/moderate'
import { applyReviewAction } from '../../src/services/review/service'
import { submitSuggestion, withdrawSubmission } from '../../src/services/consultations/submit'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createConsultWorld, createTopic, photo, SEPT_30_10AM, type ConsultWorld, type WorldUser } from './helpers'

let t: TestPayload
let payload: Payload
let world: ConsultWorld

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  world = await createConsultWorld(payload, 'cs')
}, 120_000)
afterAll(async () => t?.close())

let counter = 0
/** A fresh resident each time, so the rate limit stays out of the tests that are not about it. */
const newOpenid = () => `oResident${String(++counter).padStart(4, '0')}xyz`

const submit = (openid: string, text: string, extra: Partial<Parameters<typeof submitSuggestion>[1]> = {}) =>
  submitSuggestion(payload, { topicId: world.topic, openid, accountId: null, text, photos: [], source: 'page', now: SEPT_30_10AM, ...extra })

const readAs = async (who: WorldUser | null, id: string) => {
  const user = who ? world.users[who] : undefined
  // Access `false` (no rule lets this user read any suggestion) is Payload's Forbidden: nothing seen.
  const found = await payload
    .find({ collection: 'consultation-submissions', overrideAccess: false, user, where: { id: { equals: id } }, depth: 0 })
    .catch(() => ({ docs: [] }))
  return found.docs[0] as unknown as Record<string, unknown> | undefined
}

const moderate = async (who: WorldUser, id: string, action: string, text?: string) =>
  moderateSubmission(await createLocalReq({ user: world.users[who] as never }, payload), { id, action, text })

describe('submitting a suggestion', () => {
  test('stores it pending with the masked copies, the Beijing day, the deadline across the National Day and its photos both ways', async () => {
    const openid = newOpenid()
    const result = await submit(openid, '  夜里十点后广场舞音响太响，建议限时限音量。  ', {
      name: '张三丰',
      phone: '138 1234 1234',
      photos: [photo('a.png'), photo('b.png')],
    })
    expect(result).toMatchObject({ ok: true, duplicate: false })
    if (!result.ok) return
    const stored = await payload.findByID({ collection: 'consultation-submissions', id: result.submissionId, depth: 0 })
    expect(stored).toMatchObject({
      status: 'pending',
      body: '夜里十点后广场舞音响太响，建议限时限音量。',
      openid,
      openidMasked: 'oRes****',
      name: '张三丰',
      nameMasked: '张**',
      phone: '13812341234',
      phoneMasked: '138****1234',
      receivedOn: '2026-09-30',
      // 10-01..10-07 off, Saturday 10-10 worked: 10-08, 10-09, 10-10, 10-12, 10-13.
      replyDeadline: '2026-10-13',
      source: 'page',
    })
    expect(String((stored as unknown as { office: unknown }).office)).toBe(world.office)
    expect(stored.photos).toHaveLength(2)
    const photos = await payload.find({ collection: 'consultation-photos', where: { submission: { equals: result.submissionId } }, depth: 0 })
    expect(photos.docs.map((doc) => String(doc.id)).sort()).toEqual((stored.photos as string[]).map(String).sort())
    expect(photos.docs[0]).toMatchObject({ originalFormat: 'heic', mimeType: 'image/png' })
  })

  test('the same suggestion twice, one after the other or at once, is stored once', async () => {
    const openid = newOpenid()
    const first = await submit(openid, '建议在小树林入口加装噪音显示屏')
    const again = await submit(openid, '建议在小树林入口加装噪音显示屏 ', { source: 'chat' })
    expect(first).toMatchObject({ ok: true, duplicate: false })
    expect(again).toMatchObject({ ok: true, duplicate: true, submissionId: first.ok ? first.submissionId : 'none' })

    const twin = newOpenid()
    const both = await Promise.all([submit(twin, '晚上九点后禁止外放音乐'), submit(twin, '晚上九点后禁止外放音乐')])
    expect(both.every((answer) => answer.ok)).toBe(true)
    const ids = new Set(both.map((answer) => (answer.ok ? answer.submissionId : '')))
    expect(ids.size).toBe(1)
    expect(both.filter((answer) => answer.ok && answer.duplicate)).toHaveLength(1)
    const rows = await payload.count({ collection: 'consultation-submissions', where: { openid: { equals: twin } } })
    expect(rows.totalDocs).toBe(1)
  })

  test('refuses a bad form with the problem per field, a closed or unapproved topic, and too many in an hour', async () => {
    const openid = newOpenid()
    const bad = await submit(openid, '', { phone: '029-88881234', photos: [{ ...photo(), originalBytes: 11 * 1024 * 1024 }] })
    expect(bad).toMatchObject({ ok: false, status: 400, code: 'invalid' })
    if (!bad.ok) expect(Object.keys(bad.problems ?? {}).sort()).toEqual(['phone', 'photos', 'text'])

    const draft = await createTopic(payload, { office: world.office, reviewStatus: 'submitted' })
    expect(await submit(openid, '建议', { topicId: draft })).toMatchObject({ ok: false, status: 404 })
    expect(await submit(openid, '建议', { topicId: 'no-such-topic' })).toMatchObject({ ok: false, status: 404 })
    const closed = await createTopic(payload, { office: world.office, opensOn: '2026-08-01', closesOn: '2026-08-31' })
    expect(await submit(openid, '建议', { topicId: closed })).toMatchObject({
      ok: false,
      status: 409,
      code: 'closed',
      message: expect.stringContaining('征集已截止'),
    })

    await payload.updateGlobal({ slug: 'consultation-settings', data: { maxPerHour: 2 } })
    try {
      const limited = newOpenid()
      expect(await submit(limited, '第一条')).toMatchObject({ ok: true })
      expect(await submit(limited, '第二条')).toMatchObject({ ok: true })
      expect(await submit(limited, '第三条')).toMatchObject({ ok: false, status: 429, code: 'rate-limited', message: expect.stringContaining('提交太频繁') })
      // A re-post of one already stored is still answered (not a new suggestion).
      expect(await submit(limited, '第一条')).toMatchObject({ ok: true, duplicate: true })
      // An hour later the hour's window is free again.
      expect(await submit(limited, '第三条', { now: SEPT_30_10AM + 3600_000 + 1 })).toMatchObject({ ok: true, duplicate: false })
    } finally {
      await payload.updateGlobal({ slug: 'consultation-settings', data: { maxPerHour: 5 } })
    }
  })

  test('the resident withdraws their own pending suggestion, and nobody else does', async () => {
    const openid = newOpenid()
    const result = await submit(openid, '建议增加巡逻')
    if (!result.ok) throw new Error('not stored')
    expect(await withdrawSubmission(payload, { submissionId: result.submissionId, openid: newOpenid() })).toMatchObject({ ok: false, status: 403 })
    expect(await withdrawSubmission(payload, { submissionId: 'nope', openid })).toMatchObject({ ok: false, status: 404 })
    expect(await withdrawSubmission(payload, { submissionId: result.submissionId, openid })).toEqual({ ok: true })
    expect(await withdrawSubmission(payload, { submissionId: result.submissionId, openid })).toMatchObject({ ok: false, status: 409 })
    await expect(moderate('admin', result.submissionId, 'approve')).rejects.toMatchObject({ status: 409, code: 'invalid-transition' })
  })
})

describe('who reads a suggestion (Local API, overrideAccess false)', () => {
  test('admins and the handling office read the contact in full, the community and leaders masked, others nothing', async () => {
    const result = await submit(newOpenid(), '建议设置安静时段', { name: '李四', phone: '13912345678', photos: [photo()] })
    if (!result.ok) throw new Error('not stored')
    const id = result.submissionId
    const seen: Record<string, unknown> = {}
    for (const who of ['admin', 'clerk', 'leader', 'communityEditor', 'outsider', null] as const) {
      const doc = await readAs(who, id)
      seen[who ?? 'anonymous'] = doc
        ? { name: doc.name ?? null, phone: doc.phone ?? null, openid: doc.openid ? 'full' : null, nameMasked: doc.nameMasked }
        : null
    }
    expect(seen).toEqual({
      admin: { name: '李四', phone: '13912345678', openid: 'full', nameMasked: '李*' },
      clerk: { name: '李四', phone: '13912345678', openid: 'full', nameMasked: '李*' },
      leader: { name: null, phone: null, openid: null, nameMasked: '李*' },
      communityEditor: { name: null, phone: null, openid: null, nameMasked: '李*' },
      outsider: null,
      anonymous: null,
    })
    // Nobody but an admin may filter by what they may not read.
    await expect(
      payload.find({ collection: 'consultation-submissions', overrideAccess: false, user: world.users.leader, where: { name: { equals: '李四' } } }),
    ).rejects.toThrow(/cannot be queried: name/)

    const photosSeen: Record<string, number> = {}
    for (const who of ['admin', 'clerk', 'communityEditor', 'outsider', null] as const) {
      const found = await payload
        .find({
          collection: 'consultation-photos',
          overrideAccess: false,
          user: who ? world.users[who] : undefined,
          where: { submission: { equals: id } },
        })
        .catch(() => ({ totalDocs: 0 }))
      photosSeen[who ?? 'anonymous'] = found.totalDocs
    }
    expect(photosSeen).toEqual({ admin: 1, clerk: 1, communityEditor: 1, outsider: 0, anonymous: 0 })
    await expect(
      payload.create({ collection: 'consultation-submissions', overrideAccess: false, user: world.users.admin, data: {} as never }),
    ).rejects.toThrow()
  })
})

describe('moderation', () => {
  test('approve, answer, reject with a reason; refusals by role, state and text; two moderators at once: one wins', async () => {
    const one = await submit(newOpenid(), '建议加装隔音屏')
    const two = await submit(newOpenid(), '建议没收音响')
    const three = await submit(newOpenid(), '建议白天也禁止跳舞')
    if (!one.ok || !two.ok || !three.ok) throw new Error('not stored')

    await expect(moderate('outsider', one.submissionId, 'approve')).rejects.toMatchObject({ status: 404 })
    await expect(moderate('communityEditor', one.submissionId, 'answer', '已安排')).rejects.toMatchObject({ status: 409, code: 'invalid-transition' })
    await expect(moderate('communityEditor', one.submissionId, 'publish')).rejects.toMatchObject({ status: 400, code: 'unknown-action' })
    const approved = await moderate('communityEditor', one.submissionId, 'approve')
    expect(approved).toMatchObject({ status: 'approved', moderatedBy: world.users.communityEditor.id })
    await expect(moderate('clerk', one.submissionId, 'answer', '   ')).rejects.toMatchObject({ status: 400, code: 'text-required' })
    const answered = await moderate('clerk', one.submissionId, 'answer', '已协调物业在入口加装隔音屏。')
    expect(answered).toMatchObject({ status: 'answered', reply: '已协调物业在入口加装隔音屏。' })
    expect(answered.answeredAt).toBeTruthy()

    await expect(moderate('leader', two.submissionId, 'reject')).rejects.toMatchObject({ status: 400, code: 'text-required' })
    expect(await moderate('leader', two.submissionId, 'reject', '涉及他人财产，无法采纳')).toMatchObject({
      status: 'rejected',
      rejectionReason: '涉及他人财产，无法采纳',
    })
    await expect(moderate('admin', two.submissionId, 'withdraw')).rejects.toMatchObject({ status: 403 })

    const race = await Promise.allSettled([moderate('admin', three.submissionId, 'approve'), moderate('leader', three.submissionId, 'reject', '重复')])
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = race.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ status: 409 })
  })
})

describe('topics', () => {
  test('anyone reads approved topics only; the review fields are staff only', async () => {
    const draft = await createTopic(payload, { office: world.office, reviewStatus: 'draft', createdBy: world.users.author.id })
    const anonymous = await payload.find({ collection: 'consultation-topics', overrideAccess: false, where: { id: { in: [draft, world.topic] } } })
    expect(anonymous.docs.map((doc) => String(doc.id))).toEqual([world.topic])
    expect((anonymous.docs[0] as unknown as Record<string, unknown>).createdBy).toBeUndefined()
    const outsider = await payload.find({
      collection: 'consultation-topics',
      overrideAccess: false,
      user: world.users.outsider,
      where: { id: { equals: draft } },
    })
    expect(outsider.totalDocs).toBe(0)
    const clerk = await payload.find({ collection: 'consultation-topics', overrideAccess: false, user: world.users.clerk, where: { id: { equals: draft } } })
    expect(clerk.totalDocs).toBe(1)
  })

  test('dates and keyword are checked in Chinese; the office edits the outcome of an approved topic without sending it back to review', async () => {
    const create = (data: Record<string, unknown>) =>
      payload.create({
        collection: 'consultation-topics',
        overrideAccess: false,
        user: world.users.author,
        data: { title: '停车难微征集', question: '怎么办？', category: 'transport', office: world.office, ...data } as never,
      })
    const fieldError = (path: string, message: RegExp) => ({ data: { errors: [expect.objectContaining({ path, message: expect.stringMatching(message) })] } })
    await expect(create({ opensOn: '2027-01-10', closesOn: '2027-01-01' })).rejects.toMatchObject(fieldError('closesOn', /截止日期不能早于开始日期/))
    await expect(create({ opensOn: '2027-01-01', closesOn: '2027-01-31', keyword: 'cs噪音' })).rejects.toMatchObject(fieldError('keyword', /关键词/))
    // Full-width letters are stored half-width (normalizeChatText).
    const ok = await create({ opensOn: '2027-01-01', closesOn: '2027-01-31', keyword: 'ＰＡＲＫ停车' })
    expect(ok).toMatchObject({ reviewStatus: 'draft', keyword: 'PARK停车' })

    const outcome = await payload.update({
      collection: 'consultation-topics',
      id: world.topic,
      overrideAccess: false,
      user: world.users.clerk,
      data: { statement: '已完成治理。', milestones: [{ date: '2026-10-20', text: '安装噪音监测屏' }] },
    })
    expect(outcome).toMatchObject({ reviewStatus: 'approved', statement: '已完成治理。' })
    // A closed topic's keyword now used by an open one: its outcome is still editable (the keyword unchanged).
    const closed = await createTopic(payload, { office: world.office, opensOn: '2026-01-01', closesOn: '2026-02-01', keyword: 'cs旧词' })
    await createTopic(payload, { office: world.office, keyword: 'cs旧词' })
    const keepsKeyword = await payload.update({
      collection: 'consultation-topics',
      id: closed,
      overrideAccess: false,
      user: world.users.clerk,
      data: { keyword: 'cs旧词', statement: '已办结。' },
    })
    expect(keepsKeyword).toMatchObject({ statement: '已办结。', reviewStatus: 'approved' })
    await expect(
      payload.update({
        collection: 'consultation-topics',
        id: world.topic,
        overrideAccess: false,
        user: world.users.clerk,
        data: { title: '改标题' },
      }),
    ).rejects.toMatchObject(fieldError('title', /结果公开/))
    await expect(
      payload.update({
        collection: 'consultation-topics',
        id: world.topic,
        overrideAccess: false,
        user: world.users.outsider,
        data: { statement: 'x' },
      }),
    ).rejects.toThrow()
  })
})

describe('the review of a topic', () => {
  test('the author submits, the queue shows it to the leader, who approves; then the public reads it', async () => {
    const created = await payload.create({
      collection: 'consultation-topics',
      overrideAccess: false,
      user: world.users.author,
      depth: 0,
      data: {
        title: '垃圾分类微征集',
        question: '如何提高分类准确率？',
        category: 'sanitation',
        office: world.office,
        opensOn: '2027-02-01',
        closesOn: '2027-02-28',
      },
    })
    const id = String(created.id)
    expect(created).toMatchObject({ reviewStatus: 'draft', createdBy: world.users.author.id })
    const act = async (who: WorldUser, action: string) =>
      applyReviewAction({ req: await createLocalReq({ user: world.users[who] as never }, payload), collection: 'consultation-topics', id, action })
    expect(await act('author', 'submit')).toMatchObject({ reviewStatus: 'submitted' })
    const told = await payload.find({ collection: 'notifications', where: { relatedId: { equals: id } } })
    expect(told.docs.map((doc) => doc.subject)).toContain('【待审核】征集话题：垃圾分类微征集')
    const queue = await loadQueue(payload, world.users.leader as never, { status: 'submitted' })
    expect(queue.find((row) => row.id === id)).toMatchObject({ collection: 'consultation-topics', title: '垃圾分类微征集' })
    expect(await countQueue(payload, world.users.leader as never, { status: 'submitted', type: 'consultation-topics' })).toBeGreaterThanOrEqual(1)
    const anonymousSees = async () =>
      (await payload.find({ collection: 'consultation-topics', overrideAccess: false, where: { id: { equals: id } } })).totalDocs
    expect(await anonymousSees()).toBe(0)
    await expect(act('author', 'approve')).rejects.toMatchObject({ status: 403 })
    expect(await act('leader', 'approve')).toMatchObject({ reviewStatus: 'approved' })
    expect(await anonymousSees()).toBe(1)
  })
})
