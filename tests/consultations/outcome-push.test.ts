/**
 * 结果公开 end to end against the WeChat emulator: the office publishes a topic's outcome, the residents
 * who took part are told once (template message `outcomePublished`), the outcome becomes one draft
 * article with the milestones' photos, which the editor submits, the leader approves, and the weekly
 * push assembles and sends — its draft on the emulator carries the article with its images uploaded.
 * Also the call-for-suggestions article and the menu pin.
 */
import { createLocalReq, type Payload } from 'payload'
import { generatedOpenid } from '../../src/dev/emulator/state'
import { createCallArticle, createOutcomeArticle, pinTopic, publishOutcome, tellParticipants } from '../../src/services/consultations/outcome-actions'
import { submitSuggestion, withdrawSubmission } from '../../src/services/consultations/submit'
import { lexicalPlainText } from '../../src/services/content/rich-text'
import { loadSavedMenu } from '../../src/services/menu/load'
import { assembleWeek } from '../../src/services/push/assemble'
import { itemRefs } from '../../src/services/push/item-refs'
import { sendWeeklyPush } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush } from '../../src/services/push/store'
import { applyReviewAction } from '../../src/services/review/service'
import { drawCover } from '../../src/seed/covers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createPushWorld, signOff, type PushWorld } from '../push/helpers'
import { createTopic } from './helpers'

let t: TestPayload
let payload: Payload
let world: PushWorld
let office: string
let topic: string
let photos: string[]
let previousBase: string | undefined
const RECEIVED = Date.parse('2026-10-10T02:00:00Z')
const OUTCOME_TEMPLATE = 'TPL_outcome_published_01'

beforeAll(async () => {
  t = await startTestPayload()
  payload = t.payload
  // Four approved items beside the outcome article: the push needs at least five.
  world = await createPushWorld(payload, 4)
  previousBase = process.env.WECHAT_API_BASE
  process.env.WECHAT_API_BASE = world.emulator.url
  await payload.update({
    collection: 'wechat-accounts',
    id: world.accountId,
    overrideAccess: true,
    data: { residentTemplates: { outcomePublished: OUTCOME_TEMPLATE } },
  })
  office = String((await payload.create({ collection: 'offices', data: { name: '城市管理科' } })).id)
  // The fixtures' author (an editor of community A) is also on the staff of the handling office.
  const author = await payload.update({
    collection: 'users',
    id: world.fx.users.author.id,
    overrideAccess: true,
    depth: 0,
    data: { offices: [office] },
  })
  world.fx.users.author = { ...author, collection: 'users' }
  photos = []
  for (let index = 0; index < 3; index++) {
    const image = await drawCover(index + 20)
    const media = await payload.create({
      collection: 'media',
      data: { alt: `整治照片${index}` },
      file: { data: image, mimetype: 'image/jpeg', name: `outcome-${index}.jpg`, size: image.length },
    })
    photos.push(String(media.id))
  }
  topic = await createTopic(payload, {
    title: '小树林噪音治理微征集',
    office,
    community: world.fx.communityA,
    keyword: '噪音',
    opensOn: '2026-09-01',
    closesOn: '2026-10-31',
    createdBy: world.fx.users.author.id,
  })
}, 120_000)

afterAll(async () => {
  if (previousBase === undefined) delete process.env.WECHAT_API_BASE
  else process.env.WECHAT_API_BASE = previousBase
  await world?.emulator.close()
  await t?.close()
})

const reqAs = (who: 'author' | 'leader' | 'outsider' | 'admin') => createLocalReq({ user: world.fx.users[who] }, payload)
const resident = (index: number) => generatedOpenid(world.appId, index)
const outcomeMessages = () =>
  world.emulator.account(world.appId).templateMessages.filter((m) => (m.body as { template_id?: string }).template_id === OUTCOME_TEMPLATE)

test('the outcome is published and told once to each resident who took part (not one who withdrew)', async () => {
  const suggest = (index: number, text: string) =>
    submitSuggestion(payload, { topicId: topic, openid: resident(index), accountId: world.accountId, text, photos: [], source: 'page', now: RECEIVED })
  await suggest(0, '晚上十点后禁止外放')
  await suggest(1, '加装隔音屏')
  await suggest(1, '增加巡逻')
  const withdrawn = await suggest(2, '算了')
  if (!withdrawn.ok) throw new Error('not stored')
  expect(await withdrawSubmission(payload, { submissionId: withdrawn.submissionId, openid: resident(2) })).toEqual({ ok: true })

  // Not yet complete: refused with every problem, in Chinese.
  await expect(publishOutcome(await reqAs('author'), topic)).rejects.toMatchObject({
    status: 400,
    code: 'outcome-invalid',
    message: expect.stringContaining('请填写结果说明'),
  })
  await payload.update({
    collection: 'consultation-topics',
    id: topic,
    overrideAccess: false,
    user: world.fx.users.author,
    data: {
      statement: '经征集居民建议，街道在小树林设置了安静时段并加装隔音屏，夜间噪音投诉明显减少。',
      milestones: [
        { date: '2026-11-05', text: '加装隔音屏', photosBefore: [photos[1]], photosAfter: [photos[2]] },
        { date: '2026-11-01', text: '设置 22:00 后安静时段提示牌', photosBefore: [], photosAfter: [photos[0]] },
      ],
    },
  })
  await expect(publishOutcome(await reqAs('outsider'), topic)).rejects.toMatchObject({ status: 403 })
  const published = await publishOutcome(await reqAs('author'), topic)
  expect(published).toMatchObject({ told: 2 })
  expect(
    outcomeMessages()
      .map((m) => m.touser)
      .sort(),
  ).toEqual([resident(0), resident(1)].sort())
  expect(outcomeMessages()[0]!.body).toMatchObject({ data: { keyword1: { value: '小树林噪音治理微征集' }, keyword2: { value: '结果已公开' } } })
  expect((outcomeMessages()[0]!.body as { url?: string }).url).toBe(`http://localhost:3000/m/topics/${topic}`)

  // Again: nobody is told twice, the publication time stays.
  const again = await publishOutcome(await reqAs('admin'), topic)
  expect(again).toEqual({ outcomePublishedAt: published.outcomePublishedAt, told: 0 })
  expect(outcomeMessages()).toHaveLength(2)
  const told = await payload.find({ collection: 'consultation-submissions', overrideAccess: true, where: { topic: { equals: topic } } })
  expect(told.docs.map((doc) => [doc.openid === resident(2), Boolean(doc.outcomeToldAt)])).toEqual(
    expect.arrayContaining([
      [false, true],
      [true, false],
    ]),
  )
  // A published outcome closes the topic.
  expect(
    await submitSuggestion(payload, { topicId: topic, openid: resident(3), accountId: null, text: '迟到的建议', photos: [], source: 'page', now: RECEIVED }),
  ).toMatchObject({
    ok: false,
    status: 409,
  })
})

test('the outcome becomes one draft article, which the editor submits, the leader approves and the weekly push sends', async () => {
  const made = await createOutcomeArticle(await reqAs('author'), topic)
  expect(made.created).toBe(true)
  const article = made.article
  expect(article).toMatchObject({
    title: '微问政｜小树林噪音治理微征集：结果公开',
    reviewStatus: 'draft',
    createdBy: world.fx.users.author.id,
    cover: photos[0],
    originalLink: `http://localhost:3000/m/topics/${topic}`,
    category: 'consultation',
  })
  const text = lexicalPlainText(article.body)
  // Oldest milestone first.
  expect(text.indexOf('2026-11-01')).toBeLessThan(text.indexOf('2026-11-05'))
  const uploads = JSON.stringify(article.body).match(/"type":"upload"/g) ?? []
  expect(uploads).toHaveLength(3)
  const second = await createOutcomeArticle(await reqAs('admin'), topic)
  expect(second).toMatchObject({ created: false })
  expect(String((second.article as { id: unknown }).id)).toBe(String(article.id))
  expect(
    (await payload.count({ collection: 'articles', overrideAccess: true, where: { originalLink: { equals: article.originalLink as string } } })).totalDocs,
  ).toBe(1)

  const id = String(article.id)
  expect(await applyReviewAction({ req: await reqAs('author'), collection: 'articles', id, action: 'submit' })).toMatchObject({ reviewStatus: 'submitted' })
  expect(await applyReviewAction({ req: await reqAs('leader'), collection: 'articles', id, action: 'approve' })).toMatchObject({ reviewStatus: 'approved' })

  const { push } = await assembleWeek(payload, {
    accountId: world.accountId,
    week: '2026-W49',
    now: new Date('2026-12-03T10:00:00Z'),
    settings: DEFAULT_PUSH_SETTINGS,
  })
  expect(itemRefs(push.items).map((ref) => `${ref.relationTo}:${ref.value}`)).toContain(`articles:${id}`)
  await signOff(payload, world.fx, push.id)
  const outcome = await sendWeeklyPush({
    payload,
    pushId: push.id,
    gateway: await world.gatewayFor(payload, world.accountId),
    settings: DEFAULT_PUSH_SETTINGS,
    owner: 'test',
    finalAttempt: false,
  })
  expect(outcome).toMatchObject({ kind: 'sent' })
  expect((await readPush(payload, push.id))?.status).toBe('sent')
  expect(await payload.findByID({ collection: 'articles', id, depth: 0, overrideAccess: true })).toMatchObject({ reviewStatus: 'sent', pushedIn: push.id })
  // The mass job carries the draft's articles (the draft itself is gone once sent, as on WeChat).
  const jobs = [...world.emulator.account(world.appId).massJobs.values()].filter((job) => !job.preview)
  const sent = jobs.flatMap((job) => job.articles).find((entry) => entry.title === '微问政｜小树林噪音治理微征集：结果公开')
  expect(sent).toBeDefined()
  expect(sent!.content_source_url).toBe(`http://localhost:3000/m/topics/${topic}`)
  // The three photos went in as images uploaded through uploadimg (WeChat strips any other).
  expect(sent!.content.match(/<img /g) ?? []).toHaveLength(3)
  expect(sent!.content).toContain('整治后：')
})

test('the call for suggestions as a draft article, and the topic pinned in the menu draft (refused when full)', async () => {
  const open = await createTopic(payload, {
    title: '垃圾分类投放点设置征集',
    question: '新的投放点设在哪里更方便？',
    background: '现有投放点离三号楼较远。',
    office,
    community: world.fx.communityA,
    keyword: '分类',
    opensOn: '2026-11-01',
    closesOn: '2099-12-31',
  })
  const call = await createCallArticle(await reqAs('author'), open)
  expect(call.created).toBe(true)
  const body = lexicalPlainText((call.article as { body: unknown }).body)
  expect(body).toContain('新的投放点设在哪里更方便？')
  expect(body).toContain('「分类＋您的建议」')
  expect((await createCallArticle(await reqAs('author'), open)).created).toBe(false)
  await expect(createCallArticle(await reqAs('author'), topic)).rejects.toMatchObject({ status: 409 })

  // Community A has no account: the street office's default account's menu gets the pin, and says so.
  const pinned = await pinTopic(await reqAs('author'), open)
  expect(pinned).toMatchObject({ name: '垃圾分类投放点设置征集', url: `http://localhost:3000/m/topics/${open}`, account: { id: world.accountId } })
  const section = (await loadSavedMenu(payload, world.accountId)).buttons!.find((button) => button.name === '微·服务')!
  expect(section.subButtons!.map((item) => item.name)).toContain('垃圾分类投放点设置征集')
  expect(section.subButtons).toHaveLength(5)
  // Pinning again renames, adds nothing; another topic finds the section full.
  await pinTopic(await reqAs('author'), open)
  expect((await loadSavedMenu(payload, world.accountId)).buttons!.find((button) => button.name === '微·服务')!.subButtons).toHaveLength(5)
  const another = await createTopic(payload, { title: '停车难', office, keyword: null, opensOn: '2026-11-01', closesOn: '2099-12-31' })
  await expect(pinTopic(await reqAs('admin'), another)).rejects.toMatchObject({
    status: 409,
    code: 'menu-full',
    message: expect.stringContaining('5 个子按钮'),
  })
  expect(await payload.findByID({ collection: 'consultation-topics', id: open, depth: 0, overrideAccess: true })).toMatchObject({
    pinned: true,
    reviewStatus: 'approved',
  })

  // A topic of community B, which runs its own account: pinned in that account's menu, not the street office's.
  const communityAccount = await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: { name: '土门社区服务号', appId: 'wxpincommunity0001', community: world.fx.communityB, isDefault: false, pushEnabled: false } as never,
  })
  const local = await createTopic(payload, {
    title: '土门广场健身器材征集',
    office,
    community: world.fx.communityB,
    keyword: null,
    opensOn: '2026-11-01',
    closesOn: '2099-12-31',
  })
  const streetBefore = await loadSavedMenu(payload, world.accountId)
  const pinnedLocal = await pinTopic(await reqAs('admin'), local)
  expect(pinnedLocal.account).toEqual({ id: String(communityAccount.id), name: '土门社区服务号' })
  const localSection = (await loadSavedMenu(payload, String(communityAccount.id))).buttons!.find((button) => button.name === '微·服务')!
  expect(localSection.subButtons!.map((item) => item.name)).toContain('土门广场健身器材征集')
  expect(await loadSavedMenu(payload, world.accountId)).toEqual(streetBefore)
})

test('a suggestion whose openid the retention cleared (「（已清除）」) is never told: nothing sent to the mark', async () => {
  const late = await createTopic(payload, { title: '清除后的话题', office, keyword: null, opensOn: '2026-09-01', closesOn: '2026-10-31' })
  const stored = await submitSuggestion(payload, {
    topicId: late,
    openid: resident(5),
    accountId: world.accountId,
    text: '一条建议',
    photos: [],
    source: 'page',
    now: RECEIVED,
  })
  if (!stored.ok) throw new Error('not stored')
  await payload.update({
    collection: 'consultation-submissions',
    id: stored.submissionId,
    overrideAccess: true,
    data: { openid: '（已清除）', openidMasked: '（已清除）', personalDataClearedAt: new Date(RECEIVED).toISOString() } as never,
  })
  const before = outcomeMessages().length
  const doc = await payload.findByID({ collection: 'consultation-topics', id: late, depth: 0, overrideAccess: true })
  expect(await tellParticipants(payload, { ...doc, statement: '已办结。' })).toBe(0)
  expect(outcomeMessages()).toHaveLength(before)
  const notices = await payload.count({ collection: 'resident-notices', overrideAccess: true, where: { openid: { equals: '（已清除）' } } as never })
  expect(notices.totalDocs).toBe(0)
})
