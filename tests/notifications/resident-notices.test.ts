/**
 * Notices to residents end to end, without Next: notifyResident on a real Payload (SQLite file)
 * sends through the account's client to the WeChat emulator over HTTP; the emulator posts
 * TEMPLATESENDJOBFINISH, signed and encrypted, to the callback handler, and the inbound worker
 * applies it to the record.
 */
import type { Server } from 'node:http'
import type { Payload } from 'payload'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import {
  NOT_FOLLOWING_REASON,
  notifyResident,
  RESIDENT_NOTICES,
  type ResidentNotice,
  type ResidentNoticeRecord,
} from '../../src/services/notifications/resident-notices'
import { applyTemplateFinished, TemplateResultTooEarlyError } from '../../src/services/notifications/template-results'
import { parseXml } from '../../src/wechat/xml'
import { createAccount, settleInbound, testCallbackRuntime, serveCallback } from '../callback/helpers'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, login } from '../helpers/server'

const ACCOUNT = {
  appId: 'wxresidentnotice01',
  appSecret: 'resident-notice-secret-0000000000001',
  token: 'noticetoken1',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
  originalId: 'gh_residentnote1',
}
const TEMPLATES = {
  booked: 'TPL_booked_0000000001',
  reminder: 'TPL_reminder_00000001',
  accepted: 'TPL_accepted_00000001',
  needsMore: '',
  done: 'TPL_done_000000000001',
  cancelledByStaff: 'TPL_cancelled_0000001',
}
const FOLLOWERS = Array.from({ length: 12 }, (_, i) => `oRESIDENTnotice${String(i).padStart(13, '0')}`)

let env: TestPayload
let payload: Payload
let emulator: WeChatEmulator
let server: Server
let worker: InboundWorker
let runtime: CallbackRuntime
let accountId: string
let previousBase: string | undefined
let sequence = 0
let residents = [...FOLLOWERS]

/** A follower nobody has used yet in this file: tests stay independent of each other. */
const nextResident = (): string => residents.shift()!

const notice = (openid: string, overrides: Partial<ResidentNotice> = {}): ResidentNotice => ({
  openid,
  kind: 'booked',
  clientMsgId: `appointment:${++sequence}:booked`,
  url: 'https://example.gov.cn/appointments/1',
  fields: { matter: '居住证办理', time: '12月1日 09:00-09:30', code: 'A1234' },
  related: { collection: 'appointments', id: String(sequence) },
  ...overrides,
})

const record = async (id: string | null): Promise<ResidentNoticeRecord> =>
  (await payload.findByID({ collection: RESIDENT_NOTICES, id: id!, overrideAccess: true, depth: 0 })) as unknown as ResidentNoticeRecord

const sentTo = (openid: string) => emulator.account().templateMessages.filter((message) => message.touser === openid)
const templateCalls = (openid: string) =>
  emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/template/send' && (entry.body as { touser?: string } | null)?.touser === openid)

/** Waits for the emulator's TEMPLATESENDJOBFINISH to reach the handler, then runs the worker. */
async function settleResults(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, emulator.settings.templateJobDelayMs + 50))
  await emulator.waitForCallbacks()
  await settleInbound(worker)
}

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  worker = new InboundWorker(payload, { intervalMs: 0 })
  runtime = testCallbackRuntime(payload)
  const callback = await serveCallback(() => runtime.deps)
  server = callback.server
  accountId = await createAccount(payload, { ...ACCOUNT, isDefault: true, residentTemplates: TEMPLATES } as never)
  const callbackUrl = `${callback.base}/${accountId}`
  emulator = await startEmulator({
    faults: null,
    accounts: [{ ...ACCOUNT, callbackUrl, followers: FOLLOWERS }],
    settings: { templateJobDelayMs: 300, callbackTimeoutMs: 4000 },
  })
  previousBase = process.env.WECHAT_API_BASE
  process.env.WECHAT_API_BASE = emulator.url
})

afterAll(async () => {
  if (previousBase === undefined) delete process.env.WECHAT_API_BASE
  else process.env.WECHAT_API_BASE = previousBase
  await emulator?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  await runtime?.close()
  await env?.close()
})

beforeEach(() => {
  emulator.faults.clear()
  residents = residents.length > 0 ? residents : [...FOLLOWERS]
})

describe('once per clientMsgId', () => {
  test('two concurrent calls with the same clientMsgId: one message to WeChat, one record, the other call is told it is a duplicate', async () => {
    const openid = nextResident()
    const asked = notice(openid)
    const outcomes = await Promise.all([notifyResident(payload, asked), notifyResident(payload, asked)])
    expect(sentTo(openid)).toHaveLength(1)
    expect(templateCalls(openid)).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome.duplicate)).toHaveLength(1)
    const first = outcomes.find((outcome) => !outcome.duplicate)!
    expect(first).toMatchObject({ status: 'sent', msgId: String(sentTo(openid)[0]!.msgid) })
    expect(outcomes[0]!.noticeId).toBe(outcomes[1]!.noticeId)
    const records = await payload.find({ collection: RESIDENT_NOTICES, overrideAccess: true, where: { clientMsgId: { equals: asked.clientMsgId } } })
    expect(records.totalDocs).toBe(1)

    // What went out: the template of the kind, the keywords, the link, the clientMsgId.
    expect(sentTo(openid)[0]!.body).toMatchObject({
      template_id: TEMPLATES.booked,
      url: asked.url,
      client_msg_id: asked.clientMsgId,
      data: { keyword1: { value: '居住证办理' }, keyword2: { value: '12月1日 09:00-09:30' }, keyword3: { value: 'A1234' }, keyword4: { value: '预约成功' } },
    })
    expect(await record(first.noticeId)).toMatchObject({
      status: 'sent',
      kind: 'booked',
      openid,
      openidMasked: `${openid.slice(0, 4)}****`,
      relatedCollection: 'appointments',
      relatedId: asked.related.id,
      account: accountId,
      msgid: first.msgId,
      attempts: 1,
    })

    // Later, once more: still nothing sent.
    const later = await notifyResident(payload, asked)
    expect(later).toMatchObject({ duplicate: true, noticeId: first.noticeId })
    expect(templateCalls(openid)).toHaveLength(1)
  })

  test('a send that failed transiently (HTTP 500) is recorded retryable, and the same clientMsgId sends it once more; a second retry does not', async () => {
    const openid = nextResident()
    const asked = notice(openid, { kind: 'done', fields: { matter: '老年证办理', note: '请到 3 号窗口领取' } })
    emulator.faults.set({ http500Rate: 1, paths: ['/cgi-bin/message/template/send'] })
    const failed = await notifyResident(payload, asked)
    expect(failed).toMatchObject({ status: 'failed', duplicate: false })
    expect(failed.reason).toContain('微信服务器出错（HTTP 500）')
    expect(await record(failed.noticeId)).toMatchObject({ status: 'failed', retryable: true, attempts: 1 })
    expect(sentTo(openid)).toHaveLength(0)

    emulator.faults.clear()
    const retried = await notifyResident(payload, asked)
    expect(retried).toMatchObject({ status: 'sent', noticeId: failed.noticeId, duplicate: false })
    expect(sentTo(openid)).toHaveLength(1)
    expect(await record(failed.noticeId)).toMatchObject({ status: 'sent', retryable: false, attempts: 2 })
    expect(await notifyResident(payload, asked)).toMatchObject({ status: 'sent', duplicate: true })
    expect(sentTo(openid)).toHaveLength(1)
  })
})

describe('43004: the resident does not follow', () => {
  test('recorded once as failed with the Chinese reason, never retried; later notices skip WeChat until the resident follows again', async () => {
    const openid = nextResident()
    emulator.account().users.get(openid)!.subscribed = false
    const refused = await notifyResident(payload, notice(openid))
    expect(refused).toMatchObject({ status: 'failed', errcode: 43004, reason: NOT_FOLLOWING_REASON, duplicate: false })
    expect(await record(refused.noticeId)).toMatchObject({ status: 'failed', errcode: 43004, retryable: false, reason: NOT_FOLLOWING_REASON })
    expect(templateCalls(openid)).toHaveLength(1)

    // The same notice again: not retried.
    const sameAgain = notice(openid, { clientMsgId: (await record(refused.noticeId)).clientMsgId })
    expect(await notifyResident(payload, sameAgain)).toMatchObject({ status: 'failed', duplicate: true })
    // Another notice to the same resident: skipped without calling WeChat.
    const next = await notifyResident(payload, notice(openid, { kind: 'reminder' }))
    expect(next).toMatchObject({ status: 'skipped', duplicate: false })
    expect(next.reason).toContain(NOT_FOLLOWING_REASON)
    expect(templateCalls(openid)).toHaveLength(1)

    // They follow again (the subscribe event, as the followers service records it): sent.
    emulator.account().users.get(openid)!.subscribed = true
    await payload.create({
      collection: 'followers',
      overrideAccess: true,
      data: { account: accountId, openid, subscribed: true, followedAt: new Date(Date.now() + 1000).toISOString() },
    })
    expect(await notifyResident(payload, notice(openid, { kind: 'accepted' }))).toMatchObject({ status: 'sent' })
    expect(templateCalls(openid)).toHaveLength(2)
  })
})

describe('skipped', () => {
  test('no template id for the kind: skipped with the reason, WeChat not called, not an error', async () => {
    const openid = nextResident()
    const outcome = await notifyResident(payload, notice(openid, { kind: 'needsMore', accountId }))
    expect(outcome).toMatchObject({ status: 'skipped', duplicate: false })
    expect(outcome.reason).toBe('未设置"需补正"的模板 ID（微信 → 公众号 → 模板消息），未发送')
    expect(await record(outcome.noticeId)).toMatchObject({ status: 'skipped', kind: 'needsMore', templateId: null })
    expect(templateCalls(openid)).toHaveLength(0)
  })

  test('an account that does not exist: skipped, recorded without an account', async () => {
    const outcome = await notifyResident(payload, notice(nextResident(), { accountId: 'wxnosuchaccount000' }))
    expect(outcome).toMatchObject({ status: 'skipped', reason: '公众号 wxnosuchaccount000 不存在，未发送' })
  })
})

describe('TEMPLATESENDJOBFINISH', () => {
  test('success: the record becomes delivered', async () => {
    const openid = nextResident()
    const outcome = await notifyResident(payload, notice(openid))
    expect(outcome.status).toBe('sent')
    await settleResults()
    expect(await record(outcome.noticeId)).toMatchObject({ status: 'delivered', resultStatus: 'success', reason: null })
  })

  test('failed:user block (the resident unfollowed before delivery): failed with the Chinese reason', async () => {
    const openid = nextResident()
    const outcome = await notifyResident(payload, notice(openid, { kind: 'cancelledByStaff', fields: { matter: '居住证办理', note: '窗口临时关闭' } }))
    expect(outcome.status).toBe('sent')
    emulator.account().users.get(openid)!.subscribed = false
    await settleResults()
    expect(await record(outcome.noticeId)).toMatchObject({
      status: 'failed',
      resultStatus: 'failed:user block',
      reason: '居民拒收了公众号的消息（已屏蔽或取消关注），未送达',
    })
    emulator.account().users.get(openid)!.subscribed = true
  })

  test('a result for another account’s msgid changes nothing', async () => {
    const openid = nextResident()
    const outcome = await notifyResident(payload, notice(openid))
    await emulator.waitForCallbacks()
    const event = parseXml(
      `<xml><FromUserName><![CDATA[${openid}]]></FromUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>${outcome.msgId}</MsgID><Status><![CDATA[failed: system failed]]></Status></xml>`,
    )
    const other = await createAccount(payload, { ...ACCOUNT, appId: 'wxresidentnotice02', token: 'noticetoken2' })
    await applyTemplateFinished(payload, event, other)
    expect((await record(outcome.noticeId)).status).not.toBe('failed')
    await applyTemplateFinished(payload, event, accountId)
    expect(await record(outcome.noticeId)).toMatchObject({ status: 'failed', reason: '微信系统原因未能送达' })
  })

  test('a result that outruns the msgid being written is retried later by the worker, not lost', async () => {
    const openid = nextResident()
    const pending = await payload.create({
      collection: RESIDENT_NOTICES,
      overrideAccess: true,
      data: { clientMsgId: `early-${openid}`, account: accountId, kind: 'booked', openid, status: 'pending', attempts: 1 } as never,
    })
    const event = parseXml(
      `<xml><FromUserName><![CDATA[${openid}]]></FromUserName><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>1999999999</MsgID><Status><![CDATA[success]]></Status></xml>`,
    )
    await expect(applyTemplateFinished(payload, event, accountId)).rejects.toBeInstanceOf(TemplateResultTooEarlyError)
    await payload.update({ collection: RESIDENT_NOTICES, id: pending.id, overrideAccess: true, data: { status: 'sent', msgid: '1999999999' } as never })
    await applyTemplateFinished(payload, event, accountId)
    expect(await record(String(pending.id))).toMatchObject({ status: 'delivered' })
  })
})

describe('who reads residents’ notices', () => {
  let fixtures: Fixtures
  let http: PayloadHttp
  beforeAll(async () => {
    fixtures = await createFixtures(payload, 'rn')
    http = await startPayloadHttp()
    await notifyResident(payload, notice(nextResident()))
  })
  afterAll(async () => http?.close())

  test.each(['leader', 'author'] as const)('a %s cannot read them (Local API, overrideAccess: false), an admin can', async (actor) => {
    await expect(payload.find({ collection: RESIDENT_NOTICES, overrideAccess: false, user: fixtures.users[actor] })).rejects.toMatchObject({ status: 403 })
    const asAdmin = await payload.find({ collection: RESIDENT_NOTICES, overrideAccess: false, user: fixtures.users.admin, depth: 0 })
    expect(asAdmin.totalDocs).toBeGreaterThan(0)
    expect(asAdmin.docs[0]).toHaveProperty('openid')
  })

  test('REST: a leader is refused, an admin reads them; nobody creates or changes one', async () => {
    const leader = await login(http.url, 'rn-leader@example.test', PASSWORD)
    const admin = await login(http.url, 'rn-admin@example.test', PASSWORD)
    const refused = await api(http.url, leader, 'GET', '/api/resident-notices')
    expect(refused.status).toBe(403)
    expect(JSON.stringify(refused.body)).not.toContain('oRESIDENT')
    const read = await api(http.url, admin, 'GET', '/api/resident-notices?depth=0')
    expect(read.status).toBe(200)
    expect(read.body.docs.length).toBeGreaterThan(0)
    expect((await api(http.url, admin, 'POST', '/api/resident-notices', { clientMsgId: 'x', kind: 'booked', openid: 'o1' })).status).toBe(403)
    const id = read.body.docs[0].id
    expect((await api(http.url, admin, 'PATCH', `/api/resident-notices/${id}`, { status: 'delivered' })).status).toBe(403)
  })

  test('template ids: an admin sets them, a leader can read but not change them', async () => {
    const leader = await login(http.url, 'rn-leader@example.test', PASSWORD)
    const admin = await login(http.url, 'rn-admin@example.test', PASSWORD)
    const read = await api(http.url, leader, 'GET', `/api/wechat-accounts/${accountId}`)
    expect(read.body.residentTemplates).toMatchObject({ booked: TEMPLATES.booked })
    expect((await api(http.url, leader, 'PATCH', `/api/wechat-accounts/${accountId}`, { residentTemplates: { booked: 'TPL_by_leader_000001' } })).status).toBe(
      403,
    )
    const bad = await api(http.url, admin, 'PATCH', `/api/wechat-accounts/${accountId}`, { residentTemplates: { ...TEMPLATES, done: '模板 ID' } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('模板 ID：应由字母、数字、下划线或减号组成')
    const saved = await api(http.url, admin, 'PATCH', `/api/wechat-accounts/${accountId}`, {
      residentTemplates: { ...TEMPLATES, needsMore: 'TPL_needs_more_00001' },
    })
    expect(saved.status).toBe(200)
    expect(saved.body.doc.residentTemplates.needsMore).toBe('TPL_needs_more_00001')
    await api(http.url, admin, 'PATCH', `/api/wechat-accounts/${accountId}`, { residentTemplates: TEMPLATES })
  })
})
