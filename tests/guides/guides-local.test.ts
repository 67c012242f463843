import { createLocalReq, type Payload } from 'payload'
import { CONTENT_COLLECTIONS, isContentCollection } from '../../src/services/content/types'
import { searchGuides } from '../../src/services/guides/search'
import { loadPool } from '../../src/services/push/candidates'
import { parseRefs } from '../../src/services/push/bundle-edit'
import { itemRefs } from '../../src/services/push/item-refs'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { REVIEWED_COLLECTIONS } from '../../src/services/review/reviewed'
import { applyReviewAction, ReviewError } from '../../src/services/review/service'
import { REVIEW_STATES, type ReviewState } from '../../src/services/review/state-machine'
import { ACTORS, createFixtures, createItem, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { canDelete, canUpdate } from '../helpers/rules'

let t: TestPayload
let payload: Payload
let fx: Fixtures
let office: string

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  fx = await createFixtures(payload, 'g')
  office = String((await payload.create({ collection: 'offices', data: { name: '社会事务科', phone: '029-88881234' } })).id)
})
afterAll(async () => t?.close())

/** A guide complete enough to submit, by the fixtures' author, in `state`. */
async function createGuide(state: ReviewState, overrides: Record<string, unknown> = {}): Promise<string> {
  const doc = await payload.create({
    collection: 'service-guides',
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: {
      title: `测试事项 ${state}`,
      office,
      conditions: '本街道户籍居民',
      steps: [{ title: '窗口受理' }],
      timeLimitDays: 5,
      consultPhone: '029-88881234',
      community: fx.communityA,
      createdBy: fx.users.author.id,
      reviewStatus: state,
      ...overrides,
    } as never,
  })
  return String(doc.id)
}

const residentCanFind = async (id: string) =>
  (await payload.find({ collection: 'service-guides', overrideAccess: false, where: { id: { equals: id } } })).totalDocs === 1

const act = async (actor: keyof Fixtures['users'], id: string, action: string, reason?: string) =>
  applyReviewAction({ req: await createLocalReq({ user: fx.users[actor] }, payload), collection: 'service-guides', id, action, reason })

describe('the review of a service guide', () => {
  test('an editor writes and submits, the leader returns then approves; residents see it only once approved', async () => {
    const created = await payload.create({
      collection: 'service-guides',
      user: fx.users.author,
      overrideAccess: false,
      data: {
        title: '居住证申领',
        office,
        conditions: '在本街道居住满半年',
        steps: [{ title: '提交材料' }, { title: '窗口审核' }],
        timeLimitDays: 15,
        consultPhone: '029-88881234',
        reviewStatus: 'approved',
      } as never,
    })
    const id = String(created.id)
    expect(created.reviewStatus).toBe('draft')
    expect(await residentCanFind(id)).toBe(false)

    expect((await act('author', id, 'submit')).reviewStatus).toBe('submitted')
    expect(await residentCanFind(id)).toBe(false)
    const leaderTold = await payload.find({ collection: 'notifications', where: { relatedId: { equals: id } } })
    expect(leaderTold.docs.map((doc) => doc.subject)).toContain('【待审核】办事指南：居住证申领')

    await expect(act('leader', id, 'return')).rejects.toMatchObject({ status: 400, code: 'reason-required' })
    expect((await act('leader', id, 'return', '请补充设定依据')).reviewStatus).toBe('returned')
    expect(await residentCanFind(id)).toBe(false)
    await act('author', id, 'submit')
    await expect(act('author', id, 'approve')).rejects.toMatchObject({ status: 403 })
    const approved = await act('leader', id, 'approve')
    expect(approved.reviewStatus).toBe('approved')
    expect(approved.reviewHistory?.map((row) => `${row.action}:${row.from}→${row.to}`)).toEqual([
      'submit:draft→submitted',
      'return:submitted→returned',
      'submit:returned→submitted',
      'approve:submitted→approved',
    ])
    expect(approved.reviewHistory?.[1]?.reason).toBe('请补充设定依据')
    const authorTold = await payload.find({ collection: 'notifications', where: { relatedId: { equals: id }, subject: { like: '已通过' } } })
    expect(authorTold.docs[0]?.body).toContain('居民即可查看')
    expect(authorTold.docs[0]?.body).not.toContain('推送')

    // Residents read it, without who wrote or approved it and without the review history.
    const asResident = await payload.findByID({ collection: 'service-guides', id, overrideAccess: false, depth: 0 })
    expect(asResident.title).toBe('居住证申领')
    expect(asResident.fee).toBe('不收费')
    const shown = asResident as unknown as Record<string, unknown>
    for (const hidden of ['createdBy', 'createdByName', 'approvedBy', 'approvedByName', 'submittedAt', 'approvedAt']) expect(shown).not.toHaveProperty(hidden)
    expect(shown.reviewHistory ?? []).toEqual([])

    // An edit of the approved guide sends it back to review: residents no longer see it.
    await payload.update({ collection: 'service-guides', id, user: fx.users.leader, overrideAccess: false, data: { fee: '工本费 20 元' } })
    expect(await residentCanFind(id)).toBe(false)
  })

  test('submitting an incomplete guide is refused with every missing field named', async () => {
    const id = await createGuide('draft', { office: null, conditions: '', steps: [], timeLimitDays: null, consultPhone: null })
    const refusal = await act('author', id, 'submit').catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(ReviewError)
    const error = refusal as ReviewError
    expect(error.status).toBe(400)
    expect(error.message).toMatch(/^办事指南信息不完整：/)
    expect(error.problems.map((problem) => problem.field).sort()).toEqual(['conditions', 'consultPhone', 'office', 'steps', 'timeLimitDays'])
  })
})

describe('a guide is never a push item', () => {
  test('reviewed, but not a content type', () => {
    expect(REVIEWED_COLLECTIONS).toEqual([...CONTENT_COLLECTIONS, 'service-guides', 'consultation-topics'])
    expect(isContentCollection('service-guides')).toBe(false)
  })

  test('an approved guide is not in the push pool; a bundle cannot name one', async () => {
    const guide = await createGuide('approved', { title: '不进推送的指南' })
    const article = await createItem(payload, fx, 'articles', 'approved')
    const pool = await loadPool(payload)
    expect(pool.map((item) => `${item.collection}:${item.id}`)).toContain(`articles:${article}`)
    expect(pool.some((item) => (item.collection as string) === 'service-guides' || item.title === '不进推送的指南')).toBe(false)
    expect(itemRefs([{ relationTo: 'service-guides', value: guide }])).toEqual([])
    expect(() => parseRefs([{ relationTo: 'service-guides', value: guide }])).toThrow(/relationTo/)
  })
})

describe('fields', () => {
  test('the fee defaults to 不收费 and is never blank', async () => {
    const id = await createGuide('draft')
    expect((await payload.findByID({ collection: 'service-guides', id })).fee).toBe('不收费')
    for (const fee of ['', '   ', null]) {
      await expect(payload.update({ collection: 'service-guides', id, data: { fee } as never })).rejects.toThrow(/收费标准/)
    }
    await payload.update({ collection: 'service-guides', id, data: { fee: '工本费 20 元' } })
    expect((await payload.findByID({ collection: 'service-guides', id })).fee).toBe('工本费 20 元')
  })

  test('phones for questions and complaints must be Chinese phone numbers', async () => {
    const id = await createGuide('draft')
    for (const phone of ['029-88881234', '(029)88881234', '13812345678', '+86 138 1234 5678', '12345', '400-123-4567', '029-88881234转801', '88881234']) {
      await payload.update({ collection: 'service-guides', id, data: { consultPhone: phone, complaintPhone: phone } })
    }
    for (const phone of ['1234567', '12345678901', '029-888', 'call me', '+1 415 555 0100']) {
      await expect(payload.update({ collection: 'service-guides', id, data: { consultPhone: phone } })).rejects.toThrow(/咨询电话/)
      await expect(payload.update({ collection: 'service-guides', id, data: { complaintPhone: phone } })).rejects.toThrow(/监督投诉电话/)
    }
  })

  test('time limit in whole working days ≥ 0; materials with copies ≥ 1', async () => {
    const id = await createGuide('draft')
    await payload.update({ collection: 'service-guides', id, data: { timeLimitDays: 0 } })
    await expect(payload.update({ collection: 'service-guides', id, data: { timeLimitDays: -1 } })).rejects.toThrow()
    await expect(payload.update({ collection: 'service-guides', id, data: { timeLimitDays: 1.5 } })).rejects.toThrow(/承诺时限/)
    const saved = await payload.update({ collection: 'service-guides', id, data: { materials: [{ name: '身份证' }] } })
    expect(saved.materials?.[0]).toMatchObject({ name: '身份证', form: 'original', copies: 1 })
    await expect(payload.update({ collection: 'service-guides', id, data: { materials: [{ name: '身份证', copies: 0 }] } })).rejects.toThrow()
    await expect(payload.update({ collection: 'service-guides', id, data: { code: '编码 1' } })).rejects.toThrow(/事项编码/)
  })
})

describe('searchGuides: Chinese partial words, approved only', () => {
  const titles = (docs: { title: string }[]) => docs.map((doc) => doc.title).sort()
  beforeAll(async () => {
    await createGuide('approved', { title: '居住证申领', code: 'XA-JZZ-0001', conditions: '在本街道连续居住满半年' })
    await createGuide('approved', { title: '老年人优待证办理', code: 'XA-LNR-0002', conditions: '年满60周岁', materials: [{ name: '居民户口簿' }] })
    await createGuide('submitted', { title: '居住登记（待审核）', conditions: '居住满半年' })
    await createGuide('draft', { title: '户口迁移（草稿）', materials: [{ name: '户口簿' }] })
  })

  test('by part of the name, the code, the conditions or a material', async () => {
    expect(titles(await searchGuides(payload, '居住'))).toEqual(['居住证申领'])
    expect(titles(await searchGuides(payload, '优待'))).toEqual(['老年人优待证办理'])
    expect(titles(await searchGuides(payload, 'jzz'))).toEqual(['居住证申领'])
    expect(titles(await searchGuides(payload, '0002'))).toEqual(['老年人优待证办理'])
    expect(titles(await searchGuides(payload, '半年'))).toEqual(['居住证申领'])
    expect(titles(await searchGuides(payload, '户口'))).toEqual(['老年人优待证办理'])
  })

  test('every word must match; nothing matches nothing; residents see no staff fields', async () => {
    expect(titles(await searchGuides(payload, '居住　半年'))).toEqual(['居住证申领'])
    expect(titles(await searchGuides(payload, '居住 周岁'))).toEqual([])
    expect(await searchGuides(payload, '不存在的事项')).toEqual([])
    const [found] = await searchGuides(payload, '居住证')
    expect(found).not.toHaveProperty('createdBy')
    expect(found?.reviewHistory ?? []).toEqual([])
  })
})

describe('access through the Local API (overrideAccess: false)', () => {
  const READERS = [...ACTORS, 'resident'] as const
  /** Staff read as they read content items, and every approved guide; residents only approved guides. */
  const canReadGuide = (actor: (typeof READERS)[number], state: ReviewState) => (actor === 'resident' || actor === 'outsider' ? state === 'approved' : true)

  test('read, update and delete: every actor and residents × review state', async () => {
    const failures: string[] = []
    for (const state of REVIEW_STATES) {
      for (const actor of READERS) {
        const user = actor === 'resident' ? undefined : fx.users[actor]
        const readId = await createGuide(state)
        const found = await payload.find({ collection: 'service-guides', user, overrideAccess: false, where: { id: { equals: readId } } })
        if ((found.totalDocs === 1) !== canReadGuide(actor, state)) failures.push(`read ${actor} ${state}`)
        const count = await payload.count({ collection: 'service-guides', user, overrideAccess: false, where: { id: { equals: readId } } })
        if ((count.totalDocs === 1) !== canReadGuide(actor, state)) failures.push(`count ${actor} ${state}`)

        const updateId = await createGuide(state)
        const updated = await payload
          .update({ collection: 'service-guides', id: updateId, user, overrideAccess: false, data: { place: `由${actor}修改` } })
          .then(() => true)
          .catch(() => false)
        const wantUpdate = actor !== 'resident' && canUpdate(actor, state)
        if (updated !== wantUpdate) failures.push(`update ${actor} ${state}: got ${updated}`)

        const deleteId = await createGuide(state)
        const deleted = await payload
          .delete({ collection: 'service-guides', id: deleteId, user, overrideAccess: false })
          .then(() => true)
          .catch(() => false)
        const wantDelete = actor !== 'resident' && canDelete(actor, state)
        if (deleted !== wantDelete) failures.push(`delete ${actor} ${state}: got ${deleted}`)
      }
    }
    expect(failures).toEqual([])
  })

  test('create: editors and admins; not leaders, not residents', async () => {
    for (const actor of READERS) {
      const user = actor === 'resident' ? undefined : fx.users[actor]
      const attempt = payload.create({ collection: 'service-guides', user, overrideAccess: false, data: { title: `${actor}新建` } as never })
      if (actor === 'leader' || actor === 'resident') await expect(attempt).rejects.toThrow()
      else expect((await attempt).reviewStatus).toBe('draft')
    }
  })

  test('offices: anyone reads, only admins write', async () => {
    expect((await payload.find({ collection: 'offices', overrideAccess: false })).totalDocs).toBeGreaterThan(0)
    await expect(payload.create({ collection: 'offices', user: fx.users.leader, overrideAccess: false, data: { name: '不该建的科室' } })).rejects.toThrow()
    await expect(payload.create({ collection: 'offices', overrideAccess: false, data: { name: '不该建的科室' } })).rejects.toThrow()
    await expect(payload.create({ collection: 'offices', data: { name: '民政科', phone: '12345678901' } })).rejects.toThrow(/科室电话/)
  })
})
