/**
 * The guide pages residents open from the menu, rendered by their route handlers from a real
 * Payload: approved guides only (a draft or a missing id is the Chinese 404), every structured field
 * on the detail page, the search (Chinese partial words), the printable 一次性告知书, the pages
 * working in any browser, and no script on any of them.
 */
import type { Payload } from 'payload'
import { guideListResponse, guideResponse, noticeResponse, styleResponse, unknownPageResponse } from '../../src/app/(residents)/m/_lib/handlers'
import { telHref, timeLimitText } from '../../src/app/(residents)/m/_lib/guides'
import { REVIEW_TRANSITION_CONTEXT } from '../../src/services/review/hooks'
import { createAccount } from '../callback/helpers'
import { createFixtures, PASSWORD, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

const ORIGIN = 'https://wx.example.gov.cn'
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\nxref\n0 1\n0000000000 65535 f \ntrailer <<>>\nstartxref\n9\n%%EOF\n', 'latin1')

let env: TestPayload
let payload: Payload
let fx: Fixtures
let social: string
let approved: string
let draft: string
let online: string

const request = (path: string) => new Request(`${ORIGIN}${path}`, { headers: { 'user-agent': DESKTOP } })

async function createGuide(state: string, data: Record<string, unknown>): Promise<string> {
  const doc = await payload.create({
    collection: 'service-guides',
    context: { [REVIEW_TRANSITION_CONTEXT]: true },
    data: { createdBy: fx.users.author.id, community: fx.communityA, reviewStatus: state, ...data } as never,
  })
  return String(doc.id)
}

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  fx = await createFixtures(payload, 'pages')
  await createAccount(payload, {
    appId: 'wxpages0000000001',
    token: 'pagestoken',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    messageMode: 'safe',
    isDefault: true,
    name: '西关街道办事处',
  } as never)
  social = String((await payload.create({ collection: 'offices', data: { name: '社会事务科', place: '便民服务中心一楼 3 号窗口', phone: '029-88881234' } })).id)
  const form = await payload.create({
    collection: 'documents',
    user: fx.users.author,
    overrideAccess: false,
    data: { title: '居住证申领登记表（空白）' },
    file: { data: PDF, name: 'form.pdf', mimetype: 'application/pdf', size: PDF.length },
  })
  approved = await createGuide('approved', {
    title: '居住证申领',
    code: '11610100-JZZ-001',
    office: social,
    legalBasis: '《居住证暂行条例》',
    conditions: '在本街道居住满半年，\n有稳定就业或住所',
    materials: [
      { name: '居民身份证', form: 'original-and-copy', copies: 2, notes: '复印正反面', blankForm: form.id },
      { name: '租房合同', form: 'copy', copies: 1 },
    ],
    steps: [{ title: '窗口提交材料', description: '核对原件' }, { title: '审核' }, { title: '领取居住证' }],
    timeLimitDays: 15,
    fee: '不收费',
    place: '便民服务中心一楼 3 号窗口',
    openingHours: '周一至周五 9:00–12:00、14:00–17:30',
    consultPhone: '029-88881234转801',
    complaintPhone: '12345',
    bookable: true,
    faq: [{ question: '可以代办吗？', answer: '可以，带上委托书。' }],
  })
  online = await createGuide('approved', {
    title: '高龄补贴申领',
    office: social,
    conditions: '年满 80 周岁',
    fee: '不收费',
    timeLimitDays: 0,
    fullyOnline: true,
  })
  draft = await createGuide('submitted', { title: '居住登记变更（修订中）', office: social, conditions: '居住地址变更', fee: '不收费' })
}, 60_000)

afterAll(async () => env?.close())

describe('one guide', () => {
  test('an approved guide shows every field a resident needs, in Chinese, with no script, in any browser', async () => {
    const response = await guideResponse(payload, request(`/m/guides/${approved}`), approved)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await response.text()
    expect(html.startsWith('<!DOCTYPE html><html lang="zh-CN">')).toBe(true)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>')
    expect(html).toContain('href="/m/style.css?v=')
    expect(html).not.toMatch(/<script/i)
    for (const text of [
      '居住证申领',
      '承办科室：社会事务科',
      '事项编码：11610100-JZZ-001',
      '可网上预约',
      '在本街道居住满半年，\n有稳定就业或住所',
      '居民身份证',
      '原件和复印件',
      '2 份',
      '复印正反面',
      '下载空白表格：居住证申领登记表（空白）',
      '租房合同',
      '窗口提交材料',
      '核对原件',
      '领取居住证',
      '15 个工作日',
      '不收费',
      '便民服务中心一楼 3 号窗口',
      '周一至周五 9:00–12:00、14:00–17:30',
      '可以代办吗？',
      '可以，带上委托书。',
      '《居住证暂行条例》',
      '打印一次性告知书',
    ]) {
      expect(html).toContain(text)
    }
    expect(html).toContain('<a href="tel:02988881234,801">029-88881234转801</a>')
    expect(html).toContain('<a href="tel:12345">12345</a>')
    expect(html).toContain(`<a class="weui-btn weui-btn_primary" href="/m/book/${approved}">预约办理</a>`)
    expect(html).toMatch(/<a href="\/api\/documents\/file\/form\.pdf" download="">下载空白表格/)
    expect(html).toContain(`href="/m/guides/${approved}/notice"`)
    expect(html).not.toContain('全程网办')
  })

  test('the badges and the time limit of a guide done on the spot and entirely online; no booking button when not bookable', async () => {
    const html = await (await guideResponse(payload, request(`/m/guides/${online}`), online)).text()
    expect(html).toContain('全程网办')
    expect(html).toContain('即办（当场办结）')
    expect(html).not.toContain('预约办理')
    expect(timeLimitText(null)).toBeNull()
    expect(telHref('138 1234 5678')).toBe('tel:13812345678')
    expect(telHref('+86 138-1234-5678')).toBe('tel:+8613812345678')
    expect(telHref('029-88881234转801')).toBe('tel:02988881234,801')
  })

  test('a guide under review, a missing guide and a malformed id are the Chinese 404', async () => {
    for (const id of [draft, '00000000-0000-4000-8000-000000000000', "x' OR 1=1 --", '../admin']) {
      const response = await guideResponse(payload, request(`/m/guides/${encodeURIComponent(id)}`), id)
      expect(response.status).toBe(404)
      const html = await response.text()
      expect(html).toContain('办事指南不存在')
      expect(html).not.toContain('居住登记变更')
      expect((await noticeResponse(payload, request(`/m/guides/${id}/notice`), id)).status).toBe(404)
    }
    const other = unknownPageResponse()
    expect(other.status).toBe(404)
    expect(await other.text()).toContain('页面不存在')
  })

  test('staff signed in to the admin preview a guide under review, marked as such', async () => {
    const login = await payload.login({ collection: 'users', data: { email: fx.users.leader.email, password: PASSWORD } as never })
    const staff = new Request(`${ORIGIN}/m/guides/${draft}`, { headers: { cookie: `payload-token=${login.token}`, 'sec-fetch-site': 'same-origin' } })
    const response = await guideResponse(payload, staff, draft)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('居住登记变更（修订中）')
    expect(html).toContain('尚未审核通过，居民看不到')
    // A forged token is nobody: the 404 of residents.
    const forged = new Request(`${ORIGIN}/m/guides/${draft}`, { headers: { cookie: 'payload-token=forged', 'sec-fetch-site': 'same-origin' } })
    expect((await guideResponse(payload, forged, draft)).status).toBe(404)
  })
})

describe('the list and the search', () => {
  const titles = async (path: string) => {
    const html = await (await guideListResponse(payload, request(path))).text()
    return [...html.matchAll(/<span class="m-title">([^<]+)<\/span>/g)].map((match) => match[1])
  }

  test('the list shows approved guides only, under their office, with the search box', async () => {
    const response = await guideListResponse(payload, request('/m/guides'))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<h2 class="m-group-title">社会事务科</h2>')
    expect(html).toMatch(/<form class="m-search" role="search" action="\/m\/guides" method="get"><input type="search"[^>]* name="q" value=""\/>/)
    expect(html).not.toMatch(/<script/i)
    expect(await titles('/m/guides')).toEqual(['居住证申领', '高龄补贴申领'])
  })

  test('search: Chinese partial words in the name, the conditions or a material; never an unapproved guide', async () => {
    expect(await titles(`/m/guides?q=${encodeURIComponent('居住')}`)).toEqual(['居住证申领'])
    expect(await titles(`/m/guides?q=${encodeURIComponent('租房')}`)).toEqual(['居住证申领'])
    expect(await titles(`/m/guides?q=${encodeURIComponent('80 周岁')}`)).toEqual(['高龄补贴申领'])
    expect(await titles(`/m/guides?q=${encodeURIComponent('变更')}`)).toEqual([])
    const none = await (await guideListResponse(payload, request(`/m/guides?q=${encodeURIComponent('护照')}`))).text()
    expect(none).toContain('「护照」：找到 0 项')
    expect(none).toContain('value="护照"')
  })
})

describe('the 一次性告知书', () => {
  test('one printable A4 page: the office header, the matter, materials with copies, time limit, fee, place, hours, phones, date and 经办人', async () => {
    const response = await noticeResponse(payload, request(`/m/guides/${approved}/notice`), approved, { now: Date.UTC(2026, 10, 30, 17, 0) })
    expect(response.status).toBe(200)
    const html = await response.text()
    for (const text of [
      '<p class="m-org">西关街道办事处</p>',
      '一次性告知书',
      '居住证申领',
      '11610100-JZZ-001',
      '受理条件',
      '居民身份证',
      '原件和复印件',
      '2 份',
      '15 个工作日',
      '收费标准：不收费',
      '办理地点：便民服务中心一楼 3 号窗口',
      '办理时间：周一至周五',
      '咨询电话：029-88881234转801',
      '监督投诉电话：12345',
      '经办人（签字）',
      '告知日期',
      // 17:00 UTC on 30 November is 1 December in Beijing.
      '打印日期：2026-12-01',
    ]) {
      expect(html).toContain(text)
    }
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toContain('下载空白表格')
  })

  test('the stylesheet: WeUI followed by ours, with the A4 print rules', async () => {
    const response = await styleResponse()
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8')
    const css = await response.text()
    expect(css).toContain('.weui-btn')
    expect(css).toContain('@page { size: A4;')
    expect(css).toContain('@media print')
  })
})
