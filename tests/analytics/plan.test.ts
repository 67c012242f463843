import { articleFields, userReadFields, userSummaryFields } from '../../src/services/analytics/sync/map'
import { planSync } from '../../src/services/analytics/sync/plan'
import { rangesForDates, splitSpan } from '../../src/services/analytics/sync/span'

// The pure parts of the analytics sync: span splitting, the decision what to fetch, the mapping of WeChat's rows.

describe('splitSpan', () => {
  test('cuts a range into consecutive spans of at most maxDays, the last one shorter', () => {
    expect(splitSpan('2026-11-01', '2026-11-10', 7)).toEqual([
      { begin: '2026-11-01', end: '2026-11-07' },
      { begin: '2026-11-08', end: '2026-11-10' },
    ])
    expect(splitSpan('2026-11-01', '2026-11-03', 1)).toEqual([
      { begin: '2026-11-01', end: '2026-11-01' },
      { begin: '2026-11-02', end: '2026-11-02' },
      { begin: '2026-11-03', end: '2026-11-03' },
    ])
  })

  test('exact multiples, one day, across months and years; nothing when end is before begin', () => {
    expect(splitSpan('2026-12-26', '2027-01-01', 7)).toEqual([{ begin: '2026-12-26', end: '2027-01-01' }])
    expect(splitSpan('2026-02-27', '2026-03-02', 3)).toEqual([
      { begin: '2026-02-27', end: '2026-03-01' },
      { begin: '2026-03-02', end: '2026-03-02' },
    ])
    expect(splitSpan('2026-11-05', '2026-11-05', 7)).toEqual([{ begin: '2026-11-05', end: '2026-11-05' }])
    expect(splitSpan('2026-11-05', '2026-11-04', 7)).toEqual([])
  })

  test('a year in 7-day spans: 53 calls covering every day once', () => {
    const spans = splitSpan('2026-01-01', '2026-12-31', 7)
    expect(spans).toHaveLength(53)
    expect(spans[0]!.begin).toBe('2026-01-01')
    expect(spans.at(-1)).toEqual({ begin: '2026-12-31', end: '2026-12-31' })
  })

  test('refuses a span below one day', () => {
    expect(() => splitSpan('2026-11-01', '2026-11-02', 0)).toThrow(RangeError)
  })

  test('rangesForDates: gaps start a new call', () => {
    expect(rangesForDates(['2026-11-03', '2026-11-01', '2026-11-02', '2026-11-09', '2026-11-02'], 2)).toEqual([
      { begin: '2026-11-01', end: '2026-11-02' },
      { begin: '2026-11-03', end: '2026-11-03' },
      { begin: '2026-11-09', end: '2026-11-09' },
    ])
  })
})

describe('planSync', () => {
  const ready = '2026-11-29'
  const ok = (endpoint: string, date: string) => ({ endpoint, date, status: 'ok' as const })
  const datesOf = (plan: ReturnType<typeof planSync>, endpoint: string) => plan.find((fetch) => fetch.endpoint === endpoint)?.dates ?? []

  test('everything ok: yesterday only, and the articles of the last 7 send days', () => {
    const states = ['getusersummary', 'getusercumulate', 'getuserread', 'getusershare', 'getarticletotal'].flatMap((endpoint) =>
      ['2026-10-31', ...Array.from({ length: 29 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`)].map((date) => ok(endpoint, date)),
    )
    const plan = planSync({ lastReadyDate: ready, states })
    expect(datesOf(plan, 'getusersummary')).toEqual([ready])
    expect(datesOf(plan, 'getarticletotal')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'])
  })

  test('failed, pending and missing days of the last 30 are fetched again; older ones are not', () => {
    const states = [
      ...Array.from({ length: 40 }, (_, i) => ok('getuserread', `day-${i}`)), // other dates are ignored
      { endpoint: 'getuserread', date: '2026-11-10', status: 'failed' as const },
      { endpoint: 'getuserread', date: '2026-11-11', status: 'pending' as const },
      { endpoint: 'getuserread', date: '2026-10-01', status: 'failed' as const },
    ]
    const plan = planSync({ lastReadyDate: ready, states, lookbackDays: 30 })
    const dates = datesOf(plan, 'getuserread')
    expect(dates).toContain('2026-11-10')
    expect(dates).toContain('2026-11-11')
    expect(dates).not.toContain('2026-10-01')
    // Missing rows (no run reached them) count as pending: the whole window.
    expect(dates).toHaveLength(30)
    expect(dates[0]).toBe('2026-10-31')
  })

  test('an ok day is not fetched again; the window can start later (earliestDate)', () => {
    const states = [ok('getusersummary', '2026-11-27'), ok('getusersummary', '2026-11-28')]
    const plan = planSync({ lastReadyDate: ready, states, earliestDate: '2026-11-27' })
    expect(datesOf(plan, 'getusersummary')).toEqual(['2026-11-29'])
    expect(datesOf(plan, 'getusercumulate')).toEqual(['2026-11-27', '2026-11-28', '2026-11-29'])
  })
})

describe('mapping WeChat rows', () => {
  test('getusersummary sums over user_source and keeps each source', () => {
    const rows = [
      { ref_date: '2026-11-02', user_source: 0, new_user: 2, cancel_user: 1 },
      { ref_date: '2026-11-02', user_source: 30, new_user: 5, cancel_user: 0 },
      { ref_date: '2026-11-03', user_source: 30, new_user: 9, cancel_user: 9 },
    ]
    expect(userSummaryFields(rows, '2026-11-02')).toEqual({
      newUser: 7,
      cancelUser: 1,
      netUser: 6,
      newUserBySource: { '0': { new: 2, cancel: 1 }, '30': { new: 5, cancel: 0 } },
    })
    expect(userSummaryFields(rows, '2026-11-04')).toEqual({ newUser: 0, cancelUser: 0, netUser: 0, newUserBySource: {} })
  })

  test('getuserread: the 99999999 row is the total, the others by source', () => {
    const figures = {
      int_page_read_user: 0,
      int_page_read_count: 0,
      ori_page_read_user: 0,
      ori_page_read_count: 0,
      share_user: 0,
      share_count: 0,
      add_to_fav_user: 0,
      add_to_fav_count: 0,
    }
    const rows = [
      { ...figures, ref_date: '2026-11-02', user_source: 99999999, int_page_read_user: 10, int_page_read_count: 12, add_to_fav_user: 1, add_to_fav_count: 2 },
      { ...figures, ref_date: '2026-11-02', user_source: 0, int_page_read_user: 7, int_page_read_count: 8 },
      { ...figures, ref_date: '2026-11-02', user_source: 2, int_page_read_user: 3, int_page_read_count: 4 },
    ]
    expect(userReadFields(rows, '2026-11-02')).toEqual({
      readUser: 10,
      readCount: 12,
      favUser: 1,
      favCount: 2,
      readsBySource: { '0': { user: 7, count: 8 }, '2': { user: 3, count: 4 } },
    })
  })

  test('getarticletotal: msgid split, cumulative figures as of the last stat day, day 1/3/7 readers', () => {
    const detail = (stat_date: string, readers: number) => ({
      stat_date,
      target_user: 100,
      int_page_read_user: readers,
      int_page_read_count: readers + 1,
      ori_page_read_user: 0,
      ori_page_read_count: 0,
      share_user: 1,
      share_count: 2,
      add_to_fav_user: 0,
      add_to_fav_count: 0,
      int_page_from_session_read_user: readers - 1,
      int_page_from_session_read_count: readers,
    })
    const fields = articleFields({ ref_date: '2026-11-26', msgid: '2247483649_2', title: '通知', details: [detail('2026-11-27', 8), detail('2026-11-26', 5)] })
    expect(fields).toMatchObject({
      msgid: '2247483649_2',
      msgDataId: '2247483649',
      index: 2,
      sentDate: '2026-11-26',
      targetUser: 100,
      readUser: 8,
      readCount: 9,
      readUserDay1: 5,
      readUserDay3: null,
      readUserDay7: null,
      statUpTo: '2026-11-27',
      readsBySource: { '0': { user: 7, count: 8 } },
    })
    expect(fields!.daily.map((day) => day.date)).toEqual(['2026-11-26', '2026-11-27'])
    expect(articleFields({ ref_date: '2026-11-26', msgid: 'bogus', title: '', details: [] })).toBeNull()
  })
})

describe('the daily job', () => {
  test('due from 08:30 Beijing (a scheduler started later that day catches up)', async () => {
    const { analyticsSyncDue } = await import('../../jobs/analytics-sync')
    expect(analyticsSyncDue(new Date('2026-11-30T00:29:59Z'))).toBe(false) // 08:29:59
    expect(analyticsSyncDue(new Date('2026-11-30T00:30:00Z'))).toBe(true) // 08:30
    expect(analyticsSyncDue(new Date('2026-11-30T15:59:00Z'))).toBe(true) // 23:59
    expect(analyticsSyncDue(new Date('2026-11-30T16:00:00Z'))).toBe(false) // 00:00 the next day
  })
})
