/**
 * Menu clicks through the real callback: the passive reply (item text, GUIDE_LIST's approved
 * guides) from the menu of the account clicked, and the per-account, per-key, per-Beijing-day counts
 * kept from the inbound queue, once per message.
 */
import { startTestPayload, type TestPayload } from '../helpers/payload'
import type { Payload } from 'payload'
import { handleCallback } from '../../src/wechat/callback/handler'
import { decryptMessage } from '../../src/wechat/crypto'
import { InboundWorker } from '../../src/inbound/worker'
import type { CallbackRuntime } from '../../src/inbound/callback-runtime'
import { processInbound, type InboundRow } from '../../src/inbound/process-inbound'
import { parseXml, xmlText } from '../../src/wechat/xml'
import { createFixtures, createItem } from '../helpers/fixtures'
import { defaultMenuButtons } from '../../src/services/menu/defaults'
import { createAccount, eventMessage, signedPost, settleInbound, testCallbackRuntime } from '../callback/helpers'

const ACCOUNT = {
  appId: 'wxclicktest000001',
  token: 'clicktoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  messageMode: 'safe' as const,
  originalId: 'gh_click',
}

/** A second account (a community's) whose menu answers the same key with its own text. */
const OTHER = {
  appId: 'wxclicktest000002',
  token: 'clicktoken2',
  encodingAESKey: 'bcdefghijklmnopqrstuvwxyz0123456789ABCDEFGa',
  messageMode: 'safe' as const,
  originalId: 'gh_click2',
}

let env: TestPayload
let payload: Payload
let accountId: string
let otherId: string
let worker: InboundWorker
let runtime: CallbackRuntime

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  accountId = await createAccount(payload, ACCOUNT)
  // A menu saved before the guides had their own pages (办事指南 and 预约服务 were clicks): it keeps answering.
  const saved = defaultMenuButtons()
  saved[1]!.subButtons![0] = { name: '办事指南', type: 'click', key: 'GUIDE_LIST', replyText: '办事指南（可在历史消息中查看全文）：' }
  saved[2]!.subButtons![0] = { name: '预约服务', type: 'click', key: 'APPOINTMENT', replyText: '预约服务：请留言“预约+办理事项+姓名+电话”。' }
  await payload.update({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: accountId } }, data: { buttons: saved } as never })
  otherId = await createAccount(payload, OTHER)
  const other = defaultMenuButtons()
  other[2]!.subButtons![2] = { name: '土门办事查询', type: 'click', key: 'RESULT_QUERY', replyText: '土门社区办事查询：请留言“查询+手机号”。' }
  await payload.update({ collection: 'wechat-menus', overrideAccess: true, where: { account: { equals: otherId } }, data: { buttons: other } as never })
  worker = new InboundWorker(payload, { intervalMs: 0 })
  const fx = await createFixtures(payload, 'click')
  await createItem(payload, fx, 'policy-explainers', 'approved', { title: '居住证办理指南' })
  await createItem(payload, fx, 'policy-explainers', 'sent', { title: '高龄补贴申领' })
  await createItem(payload, fx, 'policy-explainers', 'draft', { title: '未审核的草稿' })
  runtime = testCallbackRuntime(payload, { maxSkewSeconds: 10 ** 10 })
}, 60_000)

afterAll(async () => env?.close())

const now = () => Math.floor(Date.now() / 1000)
async function post(record: Record<string, unknown>, timestamp = now(), to: 'main' | 'other' = 'main') {
  const [id, account] = to === 'main' ? [accountId, ACCOUNT] : [otherId, OTHER]
  const request = signedPost(id, record as never, { timestamp: String(timestamp), mode: 'safe', account })
  return handleCallback(id, request, runtime.deps)
}
const replyText = (body: string) => xmlText(parseXml(body), 'Content')
const decryptReply = (body: string, account: { encodingAESKey: string; appId: string } = ACCOUNT) =>
  decryptMessage({ encodingAESKey: account.encodingAESKey, appId: account.appId, encrypted: xmlText(parseXml(body), 'Encrypt') })
const clickAt = (openid: string, key: string, createTime: number, event = 'CLICK') => eventMessage(openid, event, createTime, { EventKey: key })
const counts = async () =>
  ((await payload.find({ collection: 'menu-clicks', overrideAccess: true, depth: 0, limit: 100, sort: 'key' })).docs as unknown as Array<Record<string, any>>)
    .filter((row) => String(row.account) === accountId)
    .map(({ key, event, day, count, name }) => ({ key, event, day, count, name }))

test('GUIDE_LIST answers the titles of approved and sent policy explainers, not drafts', async () => {
  const response = await post(clickAt('oResident1', 'GUIDE_LIST', now()))
  expect(response.outcome).toBe('stored-with-reply')
  const text = replyText(decryptReply(response.body))
  expect(text.split('\n')[0]).toBe('办事指南（可在历史消息中查看全文）：')
  expect(text).toContain('居住证办理指南')
  expect(text).toContain('高龄补贴申领')
  expect(text).not.toContain('未审核的草稿')
})

test('another click answers the item’s reply text; an unknown key gets success', async () => {
  const response = await post(clickAt('oResident2', 'APPOINTMENT', now()))
  const text = replyText(decryptReply(response.body))
  expect(text).toMatch(/^预约服务：/)
  expect((await post(clickAt('oResident2', 'NOT_IN_MENU', now() + 1))).body).toBe('success')
})

test('the same key clicked on two accounts is answered, and counted, from each account’s own menu', async () => {
  const main = await post(clickAt('oBoth1', 'RESULT_QUERY', now()))
  const other = await post(clickAt('oBoth2', 'RESULT_QUERY', now()), now(), 'other')
  expect(replyText(decryptReply(main.body))).toBe('办事结果查询：请留言“查询+预约时留的手机号”，我们会告诉您办理到了哪一步。')
  expect(replyText(decryptReply(other.body, OTHER))).toBe('土门社区办事查询：请留言“查询+手机号”。')
  // An edit of one account's menu shows on that account only (after the 10 s cache, here a fresh runtime).
  await payload.update({
    collection: 'wechat-menus',
    overrideAccess: true,
    where: { account: { equals: otherId } },
    data: { buttons: defaultMenuButtons().slice(0, 2) } as never,
  })
  runtime = testCallbackRuntime(payload, { maxSkewSeconds: 10 ** 10 })
  expect((await post(clickAt('oBoth2', 'RESULT_QUERY', now() + 1), now(), 'other')).body).toBe('success')
  expect(replyText(decryptReply((await post(clickAt('oBoth1', 'RESULT_QUERY', now() + 1))).body))).toMatch(/^办事结果查询：/)
  await settleInbound(worker)
  const names = (await payload.find({ collection: 'menu-clicks', overrideAccess: true, depth: 0, where: { key: { equals: 'RESULT_QUERY' } } })).docs.map(
    (row) => [String(row.account) === otherId ? 'other' : 'main', row.name],
  )
  expect(names).toContainEqual(['main', '办事结果查询'])
  expect(names).toContainEqual(['other', null])
})

test('clicks and views are counted per key and Beijing day, once per message despite WeChat retries', async () => {
  await settleInbound(worker)
  await payload.delete({ collection: 'menu-clicks', overrideAccess: true, where: {} })
  await payload.delete({ collection: 'menu-click-log', overrideAccess: true, where: {} })
  // 2026-03-01 16:30 UTC is 2026-03-02 00:30 in Beijing.
  const t = Date.UTC(2026, 2, 1, 16, 30) / 1000
  const first = clickAt('oCounter1', 'RESULT_QUERY', t)
  // WeChat retries only when the first answer did not reach it: the retry gets the reply again.
  const [answer, retry] = [await post(first, t), await post(first, t)]
  expect([answer.status, answer.outcome, retry.status, retry.outcome]).toEqual([200, 'stored-with-reply', 200, 'stored-with-reply'])
  expect(replyText(decryptReply(retry.body))).toBe(replyText(decryptReply(answer.body)))
  await post(clickAt('oCounter2', 'RESULT_QUERY', t), t)
  await post(clickAt('oCounter1', 'RESULT_QUERY', t - 3600), t) // 23:30 on 1 March in Beijing
  await post(clickAt('oCounter1', 'https://example.org/result', t + 5, 'VIEW'), t)
  await settleInbound(worker)
  expect(await counts()).toEqual([
    { key: 'RESULT_QUERY', event: 'CLICK', day: '2026-03-01', count: 1, name: '办事结果查询' },
    { key: 'RESULT_QUERY', event: 'CLICK', day: '2026-03-02', count: 2, name: '办事结果查询' },
    { key: 'https://example.org/result', event: 'VIEW', day: '2026-03-02', count: 1, name: null },
  ])
})

test('a queue row processed again (a crash after counting) does not count again', async () => {
  const [row] = (await payload.find({ collection: 'wechat-inbound', overrideAccess: true, depth: 0, limit: 1, where: { event: { equals: 'VIEW' } } }))
    .docs as unknown as InboundRow[]
  await processInbound(payload, row!)
  await processInbound(payload, row!)
  const view = (await counts()).find((entry) => entry.event === 'VIEW')
  expect(view!.count).toBe(1)
})
