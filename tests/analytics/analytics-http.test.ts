/**
 * 统计分析's endpoints over real HTTP (Payload's REST handlers on the test's SQLite file, real logins):
 * anonymous refused, editors/leaders/admins answered, bad dates a Chinese 400; the overview's figures
 * from rows inserted as the sync stores them; the CSV parsed back (BOM, Chinese intact) and the XLSX
 * read back with exceljs; no personal data in any export.
 */
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Payload } from 'payload'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, login, type Session } from '../helpers/server'
import { HEADLINE, HEADLINE_READS, seedAnalytics, type AnalyticsWorld } from './helpers'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let fx: Fixtures
let world: AnalyticsWorld
const as: Record<'admin' | 'leader' | 'author', Session> = {} as never
const RANGE = 'from=2026-11-01&to=2026-11-30'

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  http = await startPayloadHttp()
  fx = await createFixtures(payload, 'an')
  world = await seedAnalytics(payload, { community: fx.communityA })
  for (const who of ['admin', 'leader', 'author'] as const) as[who] = await login(http.url, fx.users[who].email, PASSWORD)
}, 180_000)
afterAll(async () => {
  await http?.close()
  await env?.close()
})

const download = (path: string, session: Session | null) => fetch(`${http.url}${path}`, { headers: session ? { Authorization: `JWT ${session.token}` } : {} })

test('anonymous callers are refused, every export included', async () => {
  const overview = await api(http.url, null, 'GET', `/api/analytics/overview?${RANGE}`)
  expect(overview.status).toBe(401)
  expect(overview.body.errors[0].code).toBe('unauthenticated')
  for (const file of ['daily.csv', 'menu.xlsx']) expect((await download(`/api/analytics/export/${file}?${RANGE}`, null)).status).toBe(401)
})

test.each(['admin', 'leader', 'author'] as const)('%s reads the overview with the figures of the rows', async (who) => {
  const { status, body } = await api(http.url, as[who], 'GET', `/api/analytics/overview?account=${world.account}&${RANGE}`)
  expect(status).toBe(200)
  expect(body.account.id).toBe(world.account)
  expect(body.totals).toMatchObject({ readUser: 3000, shareUser: 300, netUser: 90, cumulateUser: 2000 + 31 + 90 })
  expect(body.months).toHaveLength(1)
  expect(body.sources.map((source: { label: string; user: number }) => [source.label, source.user])).toEqual([
    ['会话', 2100],
    ['朋友圈', 900],
  ])
  expect(body.pushes).toHaveLength(1)
  expect(body.pushes[0]).toMatchObject({ week: '2026-W45', targetUser: 2040 })
  expect(body.pushes[0].items[0]).toMatchObject({ title: HEADLINE, readUser: HEADLINE_READS, readUserDay1: 800, readUserDay3: 1100, readUserDay7: 1200 })
  // 社区动态: 2 clicks in W45 among 2,000 + 31 + 3 × 8 followers (2026-11-08, the week's last day): lowest first.
  expect(body.menu.items.map((item: { name: string }) => item.name)).toEqual(['社区动态', '办事指南'])
  expect(body.menu.weeks[0]).toMatchObject({ week: '2026-W45', name: '社区动态', clicks: 2, followers: 2055, perThousand: 1 })
  expect(body.services).toEqual([expect.objectContaining({ week: '2026-W46', officeName: '统计民政科', ratings: 1, satisfactionRate: 100 })])
})

test('the default range is the current month and the two before it; the default account is chosen', async () => {
  const { status, body } = await api(http.url, as.leader, 'GET', '/api/analytics/overview')
  expect(status).toBe(200)
  expect(body.account.id).toBe(world.account)
  expect(body.from).toMatch(/^\d{4}-\d{2}-01$/)
  expect(body.to >= body.from).toBe(true)
})

test.each([['from=2026-13-01&to=2026-11-30'], ['from=2026-11-30&to=2026-11-01'], ['from=yesterday'], ['from=2020-01-01&to=2026-11-30']])(
  'bad dates (%s) are a Chinese 400',
  async (query) => {
    const { status, body } = await api(http.url, as.admin, 'GET', `/api/analytics/overview?${query}`)
    expect(status).toBe(400)
    expect(body.errors[0].code).toBe('invalid-range')
    expect(body.errors[0].message).toContain('请选择有效的日期范围')
    const file = await download(`/api/analytics/export/daily.csv?${query}`, as.admin)
    expect(file.status).toBe(400)
  },
)

test('an unknown table or account is a 404', async () => {
  expect((await api(http.url, as.admin, 'GET', `/api/analytics/export/followers.csv?${RANGE}`)).status).toBe(404)
  expect((await api(http.url, as.admin, 'GET', `/api/analytics/export/daily.pdf?${RANGE}`)).status).toBe(404)
  expect((await api(http.url, as.admin, 'GET', `/api/analytics/overview?account=nope&${RANGE}`)).status).toBe(404)
})

test('the CSV exports start with a BOM, keep the Chinese and parse back to the figures', async () => {
  const response = await download(`/api/analytics/export/articles.csv?${RANGE}`, as.leader)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/csv')
  expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('单篇图文'))
  const bytes = new Uint8Array(await response.arrayBuffer())
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  const rows: string[][] = parse(text, { bom: true })
  expect(rows[0]).toEqual(expect.arrayContaining(['群发日期', '标题', '送达人数', '1天阅读', '3天阅读', '7天阅读', '阅读来源']))
  const headline = rows.find((row) => row.includes(HEADLINE))!
  expect(headline[rows[0]!.indexOf('阅读人数')]).toBe(String(HEADLINE_READS))
  expect(headline[rows[0]!.indexOf('7天阅读')]).toBe('1200')
  expect(headline[rows[0]!.indexOf('阅读来源')]).toBe('会话 1200；好友转发 34')

  for (const table of ['daily', 'pushes', 'menu', 'services', 'content-types']) {
    const file = await download(`/api/analytics/export/${table}.csv?${RANGE}`, as.admin)
    expect(file.status).toBe(200)
    const csv = await file.text()
    // No personal data: no openid, e-mail address or phone number in any file.
    expect(csv).not.toMatch(/o[A-Za-z0-9_-]{27}|@|1[3-9]\d{9}/)
  }
  const pushes: string[][] = parse(await (await download(`/api/analytics/export/pushes.csv?${RANGE}`, as.admin)).text(), { bom: true })
  // 1,234 of 2,040 delivered read the headline.
  expect(pushes[1]![pushes[0]!.indexOf('头条阅读率（%）')]).toBe('60.5')
  const daily: string[][] = parse(await (await download(`/api/analytics/export/daily.csv?${RANGE}`, as.admin)).text(), { bom: true })
  expect(daily[0]![0]).toBe('日期')
  expect(daily).toHaveLength(31)
})

test('the XLSX export reads back with exceljs: Chinese headers, numbers as numbers', async () => {
  const response = await download(`/api/analytics/export/menu.xlsx?${RANGE}`, as.admin)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('spreadsheetml')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await response.arrayBuffer())
  const sheet = workbook.worksheets[0]!
  expect(sheet.name).toBe('菜单使用')
  expect(sheet.getRow(1).values).toEqual([undefined, '周次', '菜单项', '菜单键 / 网址', '事件', '点击次数', '粉丝数', '每千粉丝点击'])
  expect(sheet.getRow(2).getCell(2).value).toBe('社区动态')
  expect(sheet.getRow(2).getCell(5).value).toBe(2)
  expect(sheet.getRow(3).getCell(7).value).toBe(29.2)
})
