/**
 * 微问政 and the account: a chat text starting with an open topic's keyword is answered by the
 * callback (passive reply) and stored as a suggestion by the inbound worker instead of the inbox; a
 * new suggestion alerts the topic's staff by e-mail and, those who bound their WeChat, by a template
 * message through the emulator — at most once per recipient per topic per hour.
 */
import type { Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { InboundWorker } from '../../src/inbound/worker'
import { alertNewSubmission } from '../../src/services/consultations/alerts'
import { settleConsultationAlerts, submitSuggestion } from '../../src/services/consultations/submit'
import { addDays, shanghaiDate } from '../../src/shared/time'
import { handleCallback } from '../../src/wechat/callback/handler'
import { parseXml, xmlText } from '../../src/wechat/xml'
import { createAccount, settleInbound, signedPost, testCallbackRuntime, textMessage } from '../callback/helpers'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { createConsultWorld, createTopic, type ConsultWorld } from './helpers'

const ACCOUNT = {
  appId: 'wxconsultchat00001',
  appSecret: 'consult-chat-secret-000000000000001',
  token: 'consulttoken1',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'plain' as const,
  originalId: 'gh_consultchat1',
}
const CLERK_OPENID = 'oCLERKboundwechat000000000001'
const RESIDENTS = Array.from({ length: 6 }, (_, i) => `oRESIDENTchat${String(i).padStart(15, '0')}`)

let env: TestPayload
let payload: Payload
let world: ConsultWorld
let emulator: WeChatEmulator
let runtime: CallbackRuntime
let worker: InboundWorker
let accountId: string
let chatTopic: string
let previousBase: string | undefined
let msgId = 9000

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  world = await createConsultWorld(payload, 'ca')
  accountId = await createAccount(payload, { ...ACCOUNT, isDefault: true, staffTemplates: { newSuggestion: 'TPL_newSuggestion_0001' } } as never)
  emulator = await startEmulator({ faults: null, accounts: [{ ...ACCOUNT, followers: [CLERK_OPENID, ...RESIDENTS] }] })
  previousBase = process.env.WECHAT_API_BASE
  process.env.WECHAT_API_BASE = emulator.url
  await payload.update({ collection: 'users', id: world.users.clerk.id, overrideAccess: true, data: { wechatOpenid: CLERK_OPENID } })
  // Open today whenever the test runs (the callback and the worker read the real clock).
  const today = shanghaiDate(Date.now())
  chatTopic = await createTopic(payload, {
    title: '楼道堆物治理',
    office: world.office,
    community: world.communityA,
    keyword: '堆物',
    opensOn: addDays(today, -1),
    closesOn: addDays(today, 30),
  })
  runtime = testCallbackRuntime(payload)
  worker = new InboundWorker(payload, { intervalMs: 0 })
}, 120_000)

afterAll(async () => {
  if (previousBase === undefined) delete process.env.WECHAT_API_BASE
  else process.env.WECHAT_API_BASE = previousBase
  await emulator?.close()
  await runtime?.close()
  await env?.close()
})

/** Posts a resident's text to the callback as WeChat would; answers the passive reply's text ('' when none). */
async function say(openid: string, content: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const request = signedPost(accountId, textMessage(openid, content, String(++msgId), now), { timestamp: String(now), mode: 'plain', account: ACCOUNT })
  const response = await handleCallback(accountId, request, runtime.deps)
  expect(response.status).toBe(200)
  if (!response.body || response.body === 'success') return ''
  // A plain-mode account: the passive reply is the XML itself.
  return xmlText(parseXml(Buffer.from(response.body)), 'Content')
}

describe('a suggestion from the chat', () => {
  test('the callback answers at once, the worker stores it as a suggestion (source chat), not in the inbox', async () => {
    const openid = RESIDENTS[0]!
    const reply = await say(openid, '＃堆物：三楼楼道堆满纸箱，有消防隐患')
    expect(reply).toBe(`已收到您对「楼道堆物治理」的建议，审核后公开。查看：http://localhost:3000/m/topics/${chatTopic}`)
    expect(await say(openid, '今天天气不错')).toBe('')
    await settleInbound(worker)
    // The worker stored it and started the staff alert without awaiting it.
    await settleConsultationAlerts(payload)

    const stored = await payload.find({ collection: 'consultation-submissions', overrideAccess: true, depth: 0, where: { openid: { equals: openid } } })
    expect(stored.docs.map((doc) => ({ body: doc.body, source: doc.source, status: doc.status, topic: String(doc.topic) }))).toEqual([
      { body: '三楼楼道堆满纸箱，有消防隐患', source: 'chat', status: 'pending', topic: chatTopic },
    ])
    const inbox = await payload.find({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: openid } } })
    expect(inbox.docs.map((doc) => doc.content ?? '')).not.toContain('＃堆物：三楼楼道堆满纸箱，有消防隐患')
    expect(inbox.totalDocs).toBe(1)
  })

  test('over the rate limit the instant reply promises nothing it cannot keep: 「已收到您的留言，我们会尽快处理」, and the text goes to the inbox', async () => {
    const openid = RESIDENTS[4]!
    await payload.updateGlobal({ slug: 'consultation-settings', data: { maxPerHour: 1 } })
    try {
      expect(await say(openid, '堆物 一楼楼道有杂物')).toMatch(/审核后公开/)
      await settleInbound(worker)
      // The hour's one suggestion is used: the next is answered as a message, and stored as one.
      expect(await say(openid, '堆物 二楼楼道也有杂物')).toBe('已收到您的留言，我们会尽快处理')
      // A re-post of the stored one is still that suggestion.
      expect(await say(openid, '堆物 一楼楼道有杂物')).toMatch(/审核后公开/)
      await settleInbound(worker)
    } finally {
      await payload.updateGlobal({ slug: 'consultation-settings', data: { maxPerHour: 5 } })
    }
    const stored = await payload.find({ collection: 'consultation-submissions', overrideAccess: true, depth: 0, where: { openid: { equals: openid } } })
    expect(stored.docs.map((doc) => doc.body)).toEqual(['一楼楼道有杂物'])
    const inbox = await payload.find({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: openid } } as never })
    expect(inbox.totalDocs).toBe(1)
  })

  test('a keyword with nothing after it is an ordinary message', async () => {
    const openid = RESIDENTS[1]!
    expect(await say(openid, '堆物')).toBe('')
    await settleInbound(worker)
    expect((await payload.count({ collection: 'consultation-submissions', overrideAccess: true, where: { openid: { equals: openid } } })).totalDocs).toBe(0)
    expect((await payload.count({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: openid } } })).totalDocs).toBe(1)
  })
})

/** 600 characters as people (and validateSubmission) count them, 1200 UTF-16 units. */
const WIDE_TEXT = `建议${'𠮷'.repeat(598)}`

describe('a chat suggestion is never lost', () => {
  test('600 characters written with 𠮷 (1200 UTF-16 units) are stored as the suggestion: the collection counts characters like the rules', async () => {
    const openid = RESIDENTS[2]!
    expect(await say(openid, `堆物 ${WIDE_TEXT}`)).toMatch(/^已收到您对「楼道堆物治理」的建议/)
    await settleInbound(worker)
    const stored = await payload.find({ collection: 'consultation-submissions', overrideAccess: true, depth: 0, where: { openid: { equals: openid } } })
    expect(stored.docs.map((doc) => doc.body)).toEqual([WIDE_TEXT])
    const rows = await payload.find({ collection: 'wechat-inbound', overrideAccess: true, depth: 0, where: { status: { equals: 'failed' } } })
    expect(rows.totalDocs).toBe(0)
  })

  test('a store that fails (the database refuses) leaves the message in the inbox, and the queue row is done, not failed', async () => {
    const openid = RESIDENTS[3]!
    const create = payload.create
    // The fault: the database refuses this one collection (a full disk, a lost connection), the rest works.
    payload.create = ((options: Parameters<Payload['create']>[0]) =>
      options.collection === 'consultation-submissions' ? Promise.reject(new Error('disk I/O error')) : create.call(payload, options)) as Payload['create']
    try {
      expect(await say(openid, '堆物 五楼楼道电动车充电，很危险')).toMatch(/^已收到/)
      await settleInbound(worker)
    } finally {
      payload.create = create
    }
    expect((await payload.count({ collection: 'consultation-submissions', overrideAccess: true, where: { openid: { equals: openid } } })).totalDocs).toBe(0)
    const inbox = await payload.find({ collection: 'resident-messages', overrideAccess: true, where: { openid: { equals: openid } } as never })
    expect(inbox.totalDocs).toBe(1)
    const failed = await payload.count({ collection: 'wechat-inbound', overrideAccess: true, where: { status: { equals: 'failed' } } })
    expect(failed.totalDocs).toBe(0)
  })
})

describe('alerts to staff', () => {
  test('e-mail to the office and community staff, WeChat to the bound clerk; once an hour per topic, saying how many wait', async () => {
    const topic = await createTopic(payload, { title: '路灯照明微征集', office: world.office, community: world.communityA, keyword: null })
    const now = Date.parse('2026-10-20T02:00:00Z')
    const sentBefore = emulator.account(ACCOUNT.appId).templateMessages.filter((m) => m.touser === CLERK_OPENID).length
    const first = await submitSuggestion(payload, { topicId: topic, openid: RESIDENTS[2]!, accountId, text: '北门路灯坏了', photos: [], source: 'page', now })
    expect(first).toMatchObject({ ok: true })
    await settleConsultationAlerts(payload)
    const emails = await payload.find({
      collection: 'notifications',
      overrideAccess: true,
      depth: 0,
      where: { and: [{ relatedCollection: { equals: 'consultation-topics' } }, { relatedId: { equals: topic } }] },
    })
    const recipients = emails.docs.map((doc) => String(doc.recipient)).sort()
    // clerk (office), communityEditor and author (community A); not the outsider, leader or admin.
    expect(recipients).toEqual([world.users.clerk.id, world.users.communityEditor.id, world.users.author.id].sort())
    expect(emails.docs[0]!.subject).toBe('【微问政】「路灯照明微征集」有 1 条建议待审核')
    const wechat = emulator.account(ACCOUNT.appId).templateMessages.filter((m) => m.touser === CLERK_OPENID)
    expect(wechat).toHaveLength(sentBefore + 1)
    expect(wechat.at(-1)!.body).toMatchObject({
      template_id: 'TPL_newSuggestion_0001',
      data: { keyword1: { value: '路灯照明微征集' }, keyword2: { value: '1 条' } },
    })
    const wechatRecord = await payload.find({ collection: 'notifications', overrideAccess: true, depth: 0, where: { channel: { equals: 'wechat' } } })
    expect(wechatRecord.docs.map((doc) => [String(doc.recipient), doc.relatedId])).toContainEqual([world.users.clerk.id, String(wechat.at(-1)!.msgid)])
    expect(wechatRecord.docs.some((doc) => String(doc.recipient) === world.users.clerk.id && doc.relatedId === String(wechat.at(-1)!.msgid))).toBe(true)

    // A second suggestion within the hour: nobody is alerted again.
    await submitSuggestion(payload, { topicId: topic, openid: RESIDENTS[3]!, accountId, text: '南门也暗', photos: [], source: 'page', now: now + 60_000 })
    await settleConsultationAlerts(payload)
    expect((await payload.count({ collection: 'notifications', overrideAccess: true, where: { relatedId: { equals: topic } } })).totalDocs).toBe(3)
    expect(emulator.account(ACCOUNT.appId).templateMessages.filter((m) => m.touser === CLERK_OPENID)).toHaveLength(sentBefore + 1)

    // The alert an hour after the last one counts both waiting suggestions (alerts read the records' createdAt: real time).
    const later = await alertNewSubmission(payload, { topicId: topic, now: Date.now() + 3600_000 + 1000 })
    expect(later.sort()).toEqual(recipients)
    const latest = await payload.find({
      collection: 'notifications',
      overrideAccess: true,
      sort: '-createdAt',
      limit: 1,
      where: { relatedId: { equals: topic } },
    })
    expect(latest.docs[0]!.subject).toBe('【微问政】「路灯照明微征集」有 2 条建议待审核')
  })

  test('the resident does not wait for the alert: a slow WeChat answers after the suggestion is stored, settle waits for it', async () => {
    const topic = await createTopic(payload, { title: '慢速提醒话题', office: world.office, community: world.communityA, keyword: null })
    const sent = () => emulator.account(ACCOUNT.appId).templateMessages.filter((m) => m.touser === CLERK_OPENID).length
    const before = sent()
    // The emulator holds the template call 4 s before doing it (the client's timeout is 5 s).
    emulator.faults.set({ latencyMs: 4000, paths: ['/cgi-bin/message/template/send'] })
    try {
      const result = await submitSuggestion(payload, {
        topicId: topic,
        openid: RESIDENTS[4]!,
        accountId,
        text: '慢一点也要提醒',
        photos: [],
        source: 'page',
        now: Date.now(),
      })
      expect(result).toMatchObject({ ok: true, duplicate: false })
      // Answered while the WeChat call still waits: the staff's message is not sent yet.
      expect(sent()).toBe(before)
      await settleConsultationAlerts(payload)
      expect(sent()).toBe(before + 1)
      expect((await payload.count({ collection: 'notifications', overrideAccess: true, where: { relatedId: { equals: topic } } })).totalDocs).toBe(3)
    } finally {
      emulator.faults.set({ latencyMs: 0, paths: null })
    }
  }, 30_000)

  test('a topic of an office and community without staff alerts the admins', async () => {
    const lonelyOffice = String((await payload.create({ collection: 'offices', data: { name: 'ca无人科' } })).id)
    const topic = await createTopic(payload, { title: '无人话题', office: lonelyOffice, keyword: null })
    // Nothing waits yet (a first start's demo topics): nobody is told 「有 0 条建议待审核」.
    expect(await alertNewSubmission(payload, { topicId: topic, now: Date.now() })).toEqual([])
    expect((await payload.count({ collection: 'notifications', overrideAccess: true, where: { relatedId: { equals: topic } } })).totalDocs).toBe(0)
    await submitSuggestion(payload, { topicId: topic, openid: RESIDENTS[5]!, accountId, text: '没人管的建议', photos: [], source: 'page', now: Date.now() })
    await settleConsultationAlerts(payload)
    const told = await payload.find({ collection: 'notifications', overrideAccess: true, depth: 0, where: { relatedId: { equals: topic } } })
    expect(told.docs.filter((doc) => doc.channel === 'email').map((doc) => String(doc.recipient))).toEqual([world.users.admin.id])
    expect(told.docs[0]!.subject).toBe('【微问政】「无人话题」有 1 条建议待审核')
  })
})
