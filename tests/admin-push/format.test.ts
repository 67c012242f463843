import { formatPlan, formatStatus } from '../../src/cli/push/format'
import { calendarNote, calendarWarns, quotaNote, weekdayName } from '../../src/services/push/labels'
import type { WeekReport } from '../../src/services/push/week-report'
import { planCalendar } from '../../src/services/push/quota-calendar'
import { chinaDays } from '../../src/services/push/holiday-days'
import { DEFAULT_PUSH_SETTINGS as S } from '../../src/services/push/settings'
import { slotInstant } from '../../src/services/push/week'

const account = { id: 'a1', name: '街道办服务号', appId: 'wx123' }
const WEEK = '2026-W48'
const base: WeekReport = {
  account,
  week: WEEK,
  settings: S,
  slots: {
    assembleAt: slotInstant(WEEK, 3, '10:00'),
    sendAt: slotInstant(WEEK, 4, '18:00'),
    retryAt: slotInstant(WEEK, 5, '18:00'),
    notes: [],
    sendDate: null,
  },
  push: null,
  sentByMonth: { '2026-11': 3 },
  quota: { month: '2026-11', used: 3, limit: 4 },
  pool: { approved: 4, selected: 4, missing: 1 },
  poolRows: [],
}

describe('formatStatus', () => {
  test('a week without a push: when it is assembled (Beijing time) and what the pool holds', () => {
    const text = formatStatus(base, new Date('2026-11-23T02:00:00Z')).join('\n')
    expect(text).toContain('公众号：街道办服务号（wx123）')
    expect(text).toContain('发送 2026-11-26 18:00')
    expect(text).toContain('本月群发：3 / 4（2026-11）')
    expect(text).toContain('将于 2026-11-25 10:00（北京时间）自动生成')
    expect(text).toContain('待推送池：4 条已审核内容，按规则可选出 4 条，还差 1 条')
  })
  test('after the last send day it says the week will not be assembled', () => {
    expect(formatStatus(base, new Date('2026-11-28T02:00:00Z')).join('\n')).toContain('不会再生成')
  })
  test('a push: status, reason, sign-off and every item with its problems, headline first', () => {
    const report: WeekReport = {
      ...base,
      pool: null,
      push: {
        id: 'p1',
        status: 'proposed',
        statusReason: '有效内容只有 4 条',
        signedOffBy: null,
        signedOffAt: null,
        needsAttention: false,
        audience: 'all',
        refs: [],
        previewsSent: 0,
        lastPreviewAt: null,
        sentAt: null,
        result: null,
        steps: [],
        items: [
          { collection: 'policy-explainers', id: '1', title: '医保缴费', reviewStatus: 'scheduled', problems: [], sent: false },
          {
            collection: 'articles',
            id: '2',
            title: '停水通知',
            reviewStatus: 'scheduled',
            problems: ['封面图片：提交审核前必须上传封面（微信图文必须有封面）'],
            sent: false,
          },
        ],
      },
    }
    const lines = formatStatus(report, new Date('2026-11-25T04:00:00Z'))
    expect(lines).toEqual(
      expect.arrayContaining([
        '状态：待审定',
        '原因：有效内容只有 4 条',
        '审定：尚未审定',
        '内容：共 2 条，有效 1 条（每次 5–6 条）',
        '  1. 【头条】《医保缴费》 政策解读 · ✓ 可以推送',
        '  2. 《停水通知》 文章 · ✗ 不能推送',
        '       - 封面图片：提交审核前必须上传封面（微信图文必须有封面）',
      ]),
    )
    const signed = { ...report, push: { ...report.push!, status: 'signed_off' as const, signedOffBy: '王主任', signedOffAt: '2026-11-25T06:05:00Z' } }
    expect(formatStatus(signed, new Date()).join('\n')).toContain('审定：王主任，2026-11-25 14:05')
  })
})

describe('a sent week (npm run push -- status)', () => {
  const sentItem = (id: string, title: string) => ({ collection: 'articles' as const, id, title, reviewStatus: 'sent', problems: [], sent: true })
  const sentReport: WeekReport = {
    ...base,
    week: '2026-W49',
    slots: {
      assembleAt: slotInstant('2026-W49', 3, '10:00'),
      sendAt: slotInstant('2026-W49', 4, '18:00'),
      retryAt: slotInstant('2026-W49', 5, '18:00'),
      notes: [],
      sendDate: null,
    },
    pool: null,
    push: {
      id: 'p9',
      status: 'sent',
      statusReason: null,
      signedOffBy: '王主任',
      signedOffAt: '2026-11-30T21:00:00Z',
      needsAttention: false,
      audience: 'all',
      refs: [],
      previewsSent: 1,
      lastPreviewAt: null,
      sentAt: '2026-11-30T21:52:00Z',
      result: { meaning: '群发成功', totalCount: 100, filterCount: 100, sentCount: 98, errorCount: 2, finishedAt: '2026-11-30T22:00:00Z' },
      steps: [
        { step: 'assemble', label: '生成', at: '2026-11-30T20:00:00Z', ok: true, detail: '选出 6 条' },
        { step: 'items-marked-sent', label: '内容标为已推送', at: '2026-11-30T21:52:00Z', ok: true, detail: '' },
        { step: 'result', label: '群发结果', at: '2026-11-30T22:00:00Z', ok: true, detail: '群发成功：送达 98 人，失败 2 人' },
      ],
      items: Array.from({ length: 6 }, (_, index) => sentItem(String(index), `第${index + 1}条`)),
    },
  }
  test('items read 已推送, the count line 已推送 6 条, the send time and WeChat’s figures, the log in Chinese', () => {
    const lines = formatStatus(sentReport, new Date('2026-12-01T02:00:00Z'))
    const text = lines.join('\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        '状态：已发送',
        '内容：共 6 条，已推送 6 条',
        '发送：已发送 12 月 1 日 05:52',
        '结果：群发成功：送达 98 人，失败 2 人（发送对象 100 人）',
        '  1. 【头条】《第1条》 文章 · ✓ 已推送',
        '记录（北京时间）：',
        '  2026-12-01 04:00  生成  选出 6 条',
        '  2026-12-01 05:52  内容标为已推送',
      ]),
    )
    expect(text).not.toContain('不能推送')
    expect(text).not.toMatch(/\bsent\b|assemble|items-marked-sent/)
  })
  test('a failed week shows its retry; the result is awaited until WeChat answers', () => {
    const failed = {
      ...sentReport,
      push: { ...sentReport.push!, status: 'failed' as const, items: sentReport.push!.items.map((item) => ({ ...item, sent: false })) },
    }
    expect(formatStatus(failed, new Date('2026-12-03T12:00:00Z'))).toContain('发送：发送失败，将于 12 月 4 日 18:00 补发')
    const waiting = { ...sentReport, push: { ...sentReport.push!, result: null } }
    expect(formatStatus(waiting, new Date('2026-12-01T02:00:00Z'))).toContain('结果：等待微信返回群发结果（送达人数、失败数）')
  })
  test('npm run push -- plan: a sent week shows when it went out, not its slot', () => {
    const rows = planCalendar({ fromWeek: '2026-W49', weeks: 2, known: [{ week: '2026-W49', status: 'sent' }], sentByMonth: { '2026-12': 1 }, settings: S })
    const lines = formatPlan(
      { settings: S, rows, pushIds: {}, sentAt: { '2026-W49': '2026-11-30T21:52:00Z' } },
      account,
      '2026-W49',
      new Date('2026-12-01T02:00:00Z'),
    )
    const w49 = lines.find((line) => line.includes('2026-W49'))
    expect(w49).toContain('已发送 12 月 1 日 05:52')
    expect(w49).not.toContain('2026-12-03')
    expect(lines.find((line) => line.includes('2026-W50'))).toContain('2026-12-10 周四 18:00')
  })
})

describe('the calendar', () => {
  test('a month with five send days: the fifth is a quota skip, with the reason', () => {
    const rows = planCalendar({ fromWeek: '2026-W49', weeks: 8, known: [], sentByMonth: {}, settings: S })
    const calendar = { settings: S, rows, pushIds: {} }
    const lines = formatPlan(calendar, account, '2026-W49', new Date('2026-11-30T02:00:00Z'))
    expect(lines[1]).toContain('未来 8 周发送计划')
    const w53 = lines.find((line) => line.includes('2026-W53'))
    expect(w53).toContain('2026-12-31 周四 18:00')
    expect(w53).toContain('额度不足：跳过')
    expect(w53).toContain('当月 4 / 4')
    expect(w53).toContain('当月第 5 次群发：按设置跳过')
    expect(lines.find((line) => line.includes('2026-W49'))).toContain('（本周）')
  })
  test('npm run push -- plan: a holiday week shows its moved send day with the reason; 2027 is flagged', () => {
    const rows = planCalendar({ fromWeek: '2026-W39', weeks: 8, known: [], sentByMonth: {}, settings: S, days: chinaDays })
    const lines = formatPlan({ settings: S, rows, pushIds: {} }, account, '2026-W39', new Date('2026-09-21T02:00:00Z'))
    const w40 = lines.find((line) => line.includes('2026-W40'))
    expect(w40).toContain('2026-09-30 周三 18:00')
    expect(w40).toContain('2026-10-01 周四 国庆节，提前到 9 月 30 日（周三）')
    const later = formatPlan(
      { settings: S, rows: planCalendar({ fromWeek: '2026-W52', weeks: 3, known: [], sentByMonth: {}, settings: S, days: chinaDays }), pushIds: {} },
      account,
      '2026-W52',
      new Date('2026-12-21T02:00:00Z'),
    )
    expect(later.find((line) => line.includes('2027-W01'))).toContain('2027 年节假日安排尚未公布')
  })
  test("npm run push -- plan: the National Day week over September's quota reads 并入下周 with ONE note", () => {
    const rows = planCalendar({ fromWeek: '2026-W39', weeks: 3, known: [], sentByMonth: { '2026-09': 3 }, settings: S, days: chinaDays })
    const lines = formatPlan({ settings: S, rows, pushIds: {} }, account, '2026-W39', new Date('2026-09-21T02:00:00Z'))
    const w40 = lines.find((line) => line.includes('2026-W40'))!
    expect(w40).toContain('额度不足：并入下周')
    const note = '10 月 1 日（周四）国庆节；提前到 9 月 30 日会超出 9 月的 4 次群发，本周不单独推送，内容并入下周（10 月 8 日）'
    expect(w40.split(note)).toHaveLength(2)
    expect(w40).not.toContain('当月第 5 次群发')
    expect(lines.find((line) => line.includes('2026-W41'))).toContain('含上周（2026-W40）并入的内容')
  })
  test('quota notes follow the policy', () => {
    expect(quotaNote({ status: 'quota-merge', quotaLimit: 4 })).toBe('当月第 5 次群发：按设置并入下周')
    expect(quotaNote({ status: 'planned', quotaLimit: 4 })).toBeNull()
  })
  test('a week whose last send day passed says what happened: not sent with its status, sent on …, skipped because …', () => {
    const row = { status: 'signed_off' as const, quotaLimit: 4, retryAt: new Date('2026-11-27T10:00:00Z') }
    const after = new Date('2026-11-28T02:00:00Z')
    expect(calendarNote(row, after)).toBe('已过，未发送（已审定）')
    expect(calendarWarns(row, after)).toBe(true)
    expect(calendarNote(row, new Date('2026-11-27T15:00:00Z'))).toBeNull()
    const sent = { ...row, status: 'sent' as const, sentAt: '2026-11-26T10:00:05Z' }
    expect(calendarNote(sent, after)).toBe('已于 2026-11-26 18:00 发送')
    expect(calendarWarns(sent, after)).toBe(false)
    expect(calendarNote({ ...row, status: 'skipped' as const, statusReason: '领导尚未审定' }, after)).toBe('已跳过：领导尚未审定')
    expect(calendarNote({ ...row, status: 'past' as const }, after)).toBe('已过，本周没有生成推送')
  })
  test('npm run push -- plan for past weeks: 已过 with what happened, never 「计划发送 … 发送时段已过」', () => {
    const known = [
      { week: '2026-W47', status: 'sent' as const, sentAt: '2026-11-19T10:00:00Z' },
      { week: '2026-W48', status: 'skipped' as const, statusReason: '本月群发次数已用完（服务号每月 4 次）' },
    ]
    const now = new Date('2026-11-30T02:00:00Z')
    const rows = planCalendar({ fromWeek: '2026-W46', weeks: 4, known, sentByMonth: { '2026-11': 1 }, settings: S, days: chinaDays, now })
    const lines = formatPlan({ settings: S, rows, pushIds: {} }, account, '2026-W49', now)
    expect(lines.find((line) => line.includes('2026-W46'))).toContain('已过')
    expect(lines.find((line) => line.includes('2026-W46'))).toContain('⚠ 已过，本周没有生成推送')
    expect(lines.find((line) => line.includes('2026-W47'))).toContain('✓ 已于 2026-11-19 18:00 发送')
    expect(lines.find((line) => line.includes('2026-W48'))).toContain('⚠ 已跳过：本月群发次数已用完')
    for (const week of ['2026-W46', '2026-W47', '2026-W48']) expect(lines.find((line) => line.includes(week))).not.toContain('计划发送')
    expect(lines.find((line) => line.includes('2026-W49'))).toContain('当月 1 / 4')
  })
  test('weekday names', () => {
    expect([1, 4, 7].map(weekdayName)).toEqual(['周一', '周四', '周日'])
  })
})
