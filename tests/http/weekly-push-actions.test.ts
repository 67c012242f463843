import { createClient } from '@libsql/client'
import path from 'node:path'
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { adoptDemoAccount, emulatorDemoAccount } from '../helpers/demo-account'
import { generatedOpenid } from '../../src/dev/emulator/state'
import { api, login, startServer, type Session, type TestServer } from '../helpers/server'

// The leader's week through the production server with real logins and the WeChat emulator:
// every action answers with what actually happened.

let emulator: WeChatEmulator
let server: TestServer
let admin: Session
let leader: Session
let editor: Session
let pushId: string

const previewCalls = () => emulator.requestLog.filter((entry) => entry.path === '/cgi-bin/message/mass/preview').length
const action = (session: Session, body: Record<string, unknown>) => api(server.url, session, 'POST', `/api/weekly-pushes/${pushId}/action`, body)
const readPush = async () => (await api(server.url, admin, 'GET', `/api/weekly-pushes/${pushId}?depth=0`)).body
// The step log is its own collection (push-steps), read in the order it was written.
const readSteps = async () => (await api(server.url, admin, 'GET', `/api/push-steps?where[push][equals]=${pushId}&sort=seq&limit=0&depth=0`)).body.docs
const refsOf = (push: { items: { relationTo: string; value: string }[] }) => push.items.map(({ relationTo, value }) => ({ relationTo, value }))

beforeAll(async () => {
  const demo = emulatorDemoAccount()
  emulator = await startEmulator({ faults: null, accounts: [demo] })
  server = await startServer({ WECHAT_API_BASE: emulator.url })
  adoptDemoAccount(emulator, server.directory, demo)
  admin = await login(server.url, 'admin@demo.local', 'demo-password')
  leader = await login(server.url, 'leader@demo.local', 'demo-password')
  editor = await login(server.url, 'editor@demo.local', 'demo-password')
}, 180_000)

afterAll(async () => {
  await server?.stop()
  await emulator?.close()
})

test('立即生成本周推送: leaders only, once per week, with the item count, what is missing and an honest preview answer', async () => {
  expect((await api(server.url, editor, 'POST', '/api/weekly-pushes/generate', {})).status).toBe(403)
  const made = await api(server.url, leader, 'POST', '/api/weekly-pushes/generate', {})
  expect(made.status).toBe(201)
  pushId = made.body.doc.id
  expect(made.body.message).toContain(`已生成 ${made.body.doc.week} 的推送：${made.body.items} 条`)
  expect(made.body.items).toBeGreaterThan(0)
  // No leader has bound WeChat in the demo: the answer says so and how to bind, not "sent".
  expect(made.body.preview.outcome).toBe('no-recipient')
  expect(made.body.message).toContain('绑定')
  expect(made.body.message).not.toContain('预览已发送')
  expect(previewCalls()).toBe(0)
  const again = await api(server.url, leader, 'POST', '/api/weekly-pushes/generate', {})
  expect(again.status).toBe(409)
  expect(again.body.errors[0].message).toContain('已经生成')
}, 60_000)

test('preview with nobody bound: 409 naming who must bind and how; then per recipient: sent, or failed with the reason', async () => {
  const none = await action(leader, { action: 'preview' })
  expect(none.status).toBe(409)
  expect(none.body.errors[0]).toMatchObject({ code: 'no-recipient', data: { outcome: 'no-recipient', recipients: [] } })
  expect(none.body.errors[0].message).toMatch(/审核领导.*获取绑定码.*绑定/)
  expect(previewCalls()).toBe(0)

  // The demo leader binds a follower's openid; a second leader has an openid WeChat does not know.
  const follower = generatedOpenid(DEMO_APP_ID, 0)
  expect((await api(server.url, admin, 'PATCH', `/api/users/${leader.user.id}`, { wechatOpenid: follower })).status).toBe(200)
  const second = await api(server.url, admin, 'POST', '/api/users', {
    email: 'leader2@example.test',
    password: 'leader2-password',
    name: '第二位领导',
    role: 'leader',
    wechatOpenid: 'o-not-a-follower-000000000000',
  })
  expect(second.status).toBe(201)

  const partial = await action(leader, { action: 'preview' })
  expect(partial.status).toBe(207)
  expect(partial.body.outcome).toBe('partial')
  const byName = Object.fromEntries(partial.body.recipients.map((entry: { name: string }) => [entry.name, entry]))
  expect(byName['第二位领导']).toMatchObject({ ok: false })
  expect(byName['第二位领导'].error).toMatch(/openid|未关注/)
  expect(partial.body.message).toContain('未能发送给 第二位领导')
  expect(Object.values(byName).filter((entry) => (entry as { ok: boolean }).ok)).toHaveLength(1)

  expect((await api(server.url, admin, 'PATCH', `/api/users/${second.body.doc.id}`, { active: false })).status).toBe(200)
  const all = await action(leader, { action: 'preview' })
  expect(all.status).toBe(200)
  expect(all.body.message).toMatch(/^预览已发送给 /)
}, 60_000)

test('reorder / remove / add through the page action: the collection rules apply and a removed item goes back to the pool', async () => {
  const before = refsOf(await readPush())
  expect(before.length).toBeGreaterThan(2)
  expect((await action(editor, { action: 'bundle', items: before })).status).toBe(403)
  expect((await action(leader, { action: 'bundle', items: [before[0], before[0]] })).status).toBe(400)

  const reversed = [...before].reverse()
  const moved = await action(leader, { action: 'bundle', items: reversed })
  expect(moved.status).toBe(200)
  expect(moved.body.message).toContain('顺序已调整')
  expect(refsOf(moved.body.doc)).toEqual(reversed)

  const [removed, ...kept] = reversed
  const out = await action(leader, { action: 'bundle', items: kept })
  expect(out.status).toBe(200)
  expect(out.body.message).toContain('已回到待推送池')
  expect((await api(server.url, admin, 'GET', `/api/${removed!.relationTo}/${removed!.value}?depth=0`)).body.reviewStatus).toBe('approved')

  const back = await action(leader, { action: 'bundle', items: [...kept, removed] })
  expect(back.status).toBe(200)
  expect(back.body.message).toContain('已添加')
  expect((await api(server.url, admin, 'GET', `/api/${removed!.relationTo}/${removed!.value}?depth=0`)).body.reviewStatus).toBe('scheduled')

  // Only pool items can be added: a draft is refused, by name.
  const draft = await api(server.url, editor, 'POST', '/api/articles', { title: '还是草稿的文章' })
  expect(draft.status).toBe(201)
  const refused = await action(leader, { action: 'bundle', items: [...kept, { relationTo: 'articles', value: draft.body.doc.id }] })
  expect(refused.status).toBe(400)
  expect(refused.body.errors[0].message).toContain('《还是草稿的文章》不在待推送池中')
  // More than the settings allow: refused before anything changes.
  const tooMany = await action(leader, { action: 'bundle', items: [...kept, removed, { relationTo: 'articles', value: draft.body.doc.id }] })
  expect(tooMany.status).toBe(400)
  expect(tooMany.body.errors[0].message).toContain('最多 6 条')
  expect(refsOf(await readPush())).toEqual([...kept, removed])
}, 60_000)

test('本周推送, 推送日历 and the review queue are built from Payload components and speak the admin language', async () => {
  const page = async (pathname: string, lang: 'zh' | 'en', as: Session = leader) => {
    const response = await fetch(`${server.url}${pathname}`, { headers: { Authorization: `JWT ${as.token}`, Cookie: `payload-lng=${lang}` } })
    expect(response.status).toBe(200)
    return response.text()
  }
  const zh = await page('/admin/this-week', 'zh')
  expect(zh).toContain('发送对象')
  expect(zh).toContain('待推送池')
  expect(zh).toContain('class="table"')
  const en = await page('/admin/this-week', 'en')
  for (const text of ['This week', 'Audience', 'All followers', 'The pool: approved items not in this week', 'Sign off…']) expect(en).toContain(text)
  expect(en).not.toContain('待推送池')
  const calendar = await page('/admin/push-calendar', 'en')
  expect(calendar).toContain('Send at (Beijing time)')
  expect(calendar).toContain('class="table"')
  const queue = await page('/admin/review-queue', 'en')
  expect(queue).toContain('Review queue')
  // Payload's select and table, not the browser's native controls.
  expect(queue).not.toMatch(/<select[^>]*name="status"/)
  expect(queue).toContain('review-queue__filter--status')

  // The pool shows leaders every approved item; an editor only their own community's.
  const outsider = await login(server.url, 'editor2@demo.local', 'demo-password')
  const media = await api(server.url, admin, 'GET', '/api/media?limit=1&depth=0')
  const other = await api(server.url, outsider, 'POST', '/api/articles', { title: '土门社区的已通过文章', digest: '摘要', cover: media.body.docs[0].id })
  expect(other.status).toBe(201)
  expect((await api(server.url, admin, 'PATCH', `/api/articles/${other.body.doc.id}`, { reviewStatus: 'approved' })).body.doc?.reviewStatus).toBe('approved')
  expect(await page('/admin/this-week', 'zh')).toContain('土门社区的已通过文章')
  const editorView = await page('/admin/this-week', 'zh', editor)
  expect(editorView).toContain('待推送池')
  expect(editorView).not.toContain('土门社区的已通过文章')
}, 60_000)

test('sign-off answers when it goes out; 撤销审定 until the send starts, refused with 409 once it has; an edit voids a sign-off', async () => {
  const signed = await action(leader, { action: 'sign-off' })
  expect(signed.status).toBe(200)
  expect(signed.body.message).toMatch(/已审定 \d+ 条；(将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）发送|本周发送时段已过)/)

  const revoked = await action(leader, { action: 'revoke' })
  expect(revoked.status).toBe(200)
  expect(revoked.body.doc.status).toBe('proposed')
  expect(revoked.body.message).toContain('已撤销审定')
  const log = (await readSteps()) as { step: string; detail: string; at: string }[]
  expect(log.at(-1)).toMatchObject({ step: 'revoke-sign-off', detail: expect.stringContaining('撤销审定') })
  expect(log.at(-1)!.at).toBeTruthy()
  const twice = await action(leader, { action: 'revoke' })
  expect(twice.status).toBe(409)
  expect(twice.body.errors[0].message).toContain('尚未审定')

  expect((await action(leader, { action: 'sign-off' })).status).toBe(200)
  const items = refsOf(await readPush())
  const edited = await action(leader, { action: 'bundle', items: [...items].reverse() })
  expect(edited.body.message).toContain('原审定已作废')
  expect(edited.body.doc.status).toBe('proposed')

  // A send that already claimed the week (status `sending`, as the scheduler's claim leaves it).
  expect((await action(leader, { action: 'sign-off' })).status).toBe(200)
  const db = createClient({ url: `file:${path.join(server.directory, 'cms.db')}` })
  await db.execute({ sql: "UPDATE weekly_pushes SET status = 'sending' WHERE id = ?", args: [pushId] })
  db.close()
  const late = await action(leader, { action: 'revoke' })
  expect(late.status).toBe(409)
  expect(late.body.errors[0].message).toBe('已开始发送（当前状态「发送中」），不能撤销审定')
  expect((await readPush()).status).toBe('sending')
  expect((await action(leader, { action: 'bundle', items })).status).toBe(409)
}, 60_000)
