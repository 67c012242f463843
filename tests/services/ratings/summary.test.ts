import type { RatingLevel } from '../../../src/services/ratings/levels'
import { monthlySummary, satisfactionRate, type SummaryRating, type SummaryRectification } from '../../../src/services/ratings/summary'

const bj = (date: string, time = '10:00:00'): number => Date.parse(`${date}T${time}+08:00`)
const counts = (c: Partial<Record<RatingLevel, number>>): Record<RatingLevel, number> => ({
  very_satisfied: 0,
  satisfied: 0,
  basic: 0,
  dissatisfied: 0,
  very_dissatisfied: 0,
  ...c,
})

/** Personal data a caller might leave on its objects: none of it may reach the page. */
const PERSONAL = { openid: 'oRESIDENT123', residentName: '张三丰', mobile: '13812345678', idNumber: '610102199001011234', staffName: '李四' }

const rating = (level: RatingLevel, date: string, office: 'civil' | 'social', guide: string | null, extra: Partial<SummaryRating> = {}): SummaryRating =>
  ({
    level,
    ratedAt: bj(date),
    officeId: office,
    officeName: office === 'civil' ? '民政科' : '社保所',
    guideId: guide,
    guideTitle: guide ? `指南${guide}` : null,
    ...PERSONAL,
    ...extra,
  }) as SummaryRating

const RATINGS: SummaryRating[] = [
  rating('very_satisfied', '2026-10-08', 'civil', 'g1', { comment: '工作人员很耐心', commentApproved: true }),
  rating('satisfied', '2026-10-09', 'civil', 'g1', { comment: '张三丰 13812345678 不公开', commentApproved: false }),
  rating('dissatisfied', '2026-10-12', 'civil', 'g2', { comment: '没批准的意见' }),
  rating('basic', '2026-10-13', 'social', 'g3'),
  rating('very_dissatisfied', '2026-10-20', 'social', null, { comment: '   ', commentApproved: true }),
  // Month edges, Beijing time: 10-31 23:30 is October, 11-01 00:10 is November, 09-30 23:59 September.
  { ...rating('satisfied', '2026-10-31', 'social', 'g3'), ratedAt: bj('2026-10-31', '23:30:00') },
  { ...rating('very_dissatisfied', '2026-11-01', 'social', 'g3'), ratedAt: bj('2026-11-01', '00:10:00') },
  { ...rating('very_dissatisfied', '2026-09-30', 'civil', 'g1'), ratedAt: bj('2026-09-30', '23:59:00') },
]

const RECTIFICATIONS: SummaryRectification[] = [
  {
    level: 'very_dissatisfied',
    officeName: '社保所',
    guideTitle: null,
    openedOn: '2026-10-20',
    deadline: '2026-10-27',
    state: 'open',
    reasons: ['态度生硬'],
    publicFix: null,
    fixedOn: null,
    closedOn: null,
    ...PERSONAL,
    callBack: { caller: '李四', calledAt: 0, summary: '与张三丰通话' },
  } as SummaryRectification,
  {
    level: 'dissatisfied',
    officeName: '民政科',
    guideTitle: '指南g2',
    openedOn: '2026-10-12',
    deadline: '2026-10-19',
    state: 'accepted',
    reasons: ['材料要求不清', '多次跑腿'],
    publicFix: ' 重新编写了材料清单并在窗口张贴 ',
    fixedOn: '2026-10-15',
    closedOn: '2026-10-16',
  },
  {
    ...({} as SummaryRectification),
    level: 'dissatisfied',
    officeName: '民政科',
    openedOn: '2026-09-29',
    deadline: null,
    state: 'open',
    reasons: [],
    publicFix: null,
    fixedOn: null,
    closedOn: null,
  },
]

describe('monthlySummary', () => {
  const summary = monthlySummary(RATINGS, RECTIFICATIONS, '2026-10')

  test('counts by level in all, per office and per guide (Beijing month)', () => {
    expect(summary.month).toBe('2026-10')
    expect(summary.total).toBe(6)
    expect(summary.counts).toEqual(counts({ very_satisfied: 1, satisfied: 2, basic: 1, dissatisfied: 1, very_dissatisfied: 1 }))
    expect(summary.byOffice).toEqual([
      { officeId: 'civil', officeName: '民政科', total: 3, counts: counts({ very_satisfied: 1, satisfied: 1, dissatisfied: 1 }), satisfactionRate: 66.7 },
      { officeId: 'social', officeName: '社保所', total: 3, counts: counts({ basic: 1, satisfied: 1, very_dissatisfied: 1 }), satisfactionRate: 66.7 },
    ])
    expect(summary.byGuide).toEqual([
      { guideId: 'g1', guideTitle: '指南g1', officeName: '民政科', total: 2, counts: counts({ very_satisfied: 1, satisfied: 1 }), satisfactionRate: 100 },
      { guideId: 'g2', guideTitle: '指南g2', officeName: '民政科', total: 1, counts: counts({ dissatisfied: 1 }), satisfactionRate: 0 },
      { guideId: 'g3', guideTitle: '指南g3', officeName: '社保所', total: 2, counts: counts({ basic: 1, satisfied: 1 }), satisfactionRate: 100 },
    ])
    expect(summary.satisfactionRate).toBe(66.7)
    expect(monthlySummary(RATINGS, [], '2026-11').counts).toEqual(counts({ very_dissatisfied: 1 }))
    expect(monthlySummary(RATINGS, [], '2026-09').total).toBe(1)
  })

  test('every rectification opened in the month: what was wrong, what was done, when', () => {
    expect(summary.rectifications).toEqual([
      {
        level: 'dissatisfied',
        officeName: '民政科',
        guideTitle: '指南g2',
        whatWasWrong: ['材料要求不清', '多次跑腿'],
        whatWasDone: '重新编写了材料清单并在窗口张贴',
        openedOn: '2026-10-12',
        deadline: '2026-10-19',
        fixedOn: '2026-10-15',
        closedOn: '2026-10-16',
        state: 'accepted',
        stateLabel: '群众认可',
      },
      {
        level: 'very_dissatisfied',
        officeName: '社保所',
        guideTitle: null,
        whatWasWrong: ['态度生硬'],
        whatWasDone: null,
        openedOn: '2026-10-20',
        deadline: '2026-10-27',
        fixedOn: null,
        closedOn: null,
        state: 'open',
        stateLabel: '待回访',
      },
    ])
  })

  test('comments only when staff approved them', () => {
    expect(summary.comments).toEqual([{ level: 'very_satisfied', officeName: '民政科', guideTitle: '指南g1', text: '工作人员很耐心', date: '2026-10-08' }])
  })

  test('no personal data: the output has exactly the public keys, and no personal value anywhere', () => {
    expect(Object.keys(summary).sort()).toEqual(['byGuide', 'byOffice', 'comments', 'counts', 'month', 'rectifications', 'satisfactionRate', 'total'])
    for (const office of summary.byOffice) expect(Object.keys(office).sort()).toEqual(['counts', 'officeId', 'officeName', 'satisfactionRate', 'total'])
    for (const guide of summary.byGuide)
      expect(Object.keys(guide).sort()).toEqual(['counts', 'guideId', 'guideTitle', 'officeName', 'satisfactionRate', 'total'])
    for (const item of summary.rectifications) {
      expect(Object.keys(item).sort()).toEqual(
        ['closedOn', 'deadline', 'fixedOn', 'level', 'officeName', 'openedOn', 'guideTitle', 'state', 'stateLabel', 'whatWasDone', 'whatWasWrong'].sort(),
      )
    }
    for (const comment of summary.comments) expect(Object.keys(comment).sort()).toEqual(['date', 'guideTitle', 'level', 'officeName', 'text'])
    const text = JSON.stringify(summary)
    for (const value of [...Object.values(PERSONAL), '张三丰', 'callBack', 'caller', 'openid', 'mobile', '不公开', '没批准的意见'])
      expect(text).not.toContain(value)
  })

  test('an empty month: zero counts, rate null (not NaN), nothing listed', () => {
    expect(monthlySummary([], [], '2026-12')).toEqual({
      month: '2026-12',
      total: 0,
      counts: counts({}),
      satisfactionRate: null,
      byOffice: [],
      byGuide: [],
      rectifications: [],
      comments: [],
    })
  })

  test('a bad month throws', () => {
    for (const month of ['2026-13', '2026-1', '202610', '']) expect(() => monthlySummary([], [], month)).toThrow(RangeError)
  })
})

describe('满意率 rounding: (非常满意 + 满意 + 基本满意) / total, percent, one decimal', () => {
  const cases: Array<[Partial<Record<RatingLevel, number>>, number | null]> = [
    [{}, null],
    [{ satisfied: 2, dissatisfied: 1 }, 66.7],
    [{ basic: 1, very_dissatisfied: 5 }, 16.7],
    [{ very_satisfied: 1, dissatisfied: 7 }, 12.5],
    [{ very_satisfied: 1, dissatisfied: 15 }, 6.3], // 6.25 → half up
    [{ satisfied: 3 }, 100],
    [{ dissatisfied: 2, very_dissatisfied: 1 }, 0],
    [{ satisfied: 1999, dissatisfied: 1 }, 99.9], // 99.95 would show 100.0: not everyone was satisfied
    [{ satisfied: 1, very_dissatisfied: 2000 }, 0.1], // 0.04998 would show 0.0: someone was satisfied
    [{ very_satisfied: 1, satisfied: 1, basic: 1, dissatisfied: 1 }, 75],
  ]
  for (const [c, want] of cases) {
    test(`${JSON.stringify(c)} → ${want}`, () => {
      expect(satisfactionRate(counts(c))).toBe(want)
    })
  }
})
