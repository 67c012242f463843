import { noShowBlock } from '../../../src/services/appointments/no-show'

// Dates worked out by hand: a block starting 2026-11-20 and lasting 30 days, that day included, ends
// 2026-12-19 (11 days of November + 19 of December) and online booking opens again on 2026-12-20.
describe('the no-show rule (default: 2 within 30 days block online booking for 30 days)', () => {
  test('none, or one, does not block', () => {
    expect(noShowBlock([], '2026-11-20')).toEqual({ blocked: false })
    expect(noShowBlock(['2026-11-19'], '2026-11-20')).toEqual({ blocked: false })
  })

  test('two within 30 days block from the second, for 30 days, with the reason in Chinese', () => {
    const status = noShowBlock(['2026-11-20', '2026-11-01'], '2026-11-20')
    expect(status).toMatchObject({
      blocked: true,
      noShows: ['2026-11-01', '2026-11-20'],
      since: '2026-11-20',
      lastBlockedDay: '2026-12-19',
      resumesOn: '2026-12-20',
    })
    if (status.blocked) {
      expect(status.reason).toContain('30 天内有 2 次预约未到')
      expect(status.reason).toContain('2026-11-01、2026-11-20')
      expect(status.reason).toContain('暂停至 2026-12-19')
      expect(status.reason).toContain('窗口')
    }
  })

  test('the block ends on its 30th day', () => {
    expect(noShowBlock(['2026-11-01', '2026-11-20'], '2026-12-19').blocked).toBe(true)
    expect(noShowBlock(['2026-11-01', '2026-11-20'], '2026-12-20').blocked).toBe(false)
  })

  test('"within 30 days": 29 days apart counts, 30 days apart does not', () => {
    expect(noShowBlock(['2026-11-01', '2026-11-30'], '2026-11-30').blocked).toBe(true)
    expect(noShowBlock(['2026-11-01', '2026-12-01'], '2026-12-01').blocked).toBe(false)
  })

  test('no-shows that caused a block are used up', () => {
    const rule = { withinDays: 60, blockDays: 10 }
    // Nov 1 + Nov 10 block Nov 10–19; Nov 25 alone does not block again, though Nov 10 is within 60 days
    expect(noShowBlock(['2026-11-01', '2026-11-10', '2026-11-25'], '2026-11-25', rule)).toEqual({ blocked: false })
    // a fourth no-show makes a new pair
    expect(noShowBlock(['2026-11-01', '2026-11-10', '2026-11-25', '2026-11-28'], '2026-11-28', rule)).toMatchObject({
      blocked: true,
      since: '2026-11-28',
      noShows: ['2026-11-25', '2026-11-28'],
    })
  })

  test('a later block that reaches further wins', () => {
    const dates = ['2026-11-01', '2026-11-05', '2026-11-10', '2026-11-12']
    expect(noShowBlock(dates, '2026-11-12')).toMatchObject({ since: '2026-11-12', lastBlockedDay: '2026-12-11' })
  })

  test('configurable: 3 no-shows within 60 days block for 7 days', () => {
    const rule = { maxNoShows: 3, withinDays: 60, blockDays: 7 }
    expect(noShowBlock(['2026-10-01', '2026-11-01'], '2026-11-01', rule).blocked).toBe(false)
    expect(noShowBlock(['2026-10-01', '2026-11-01', '2026-11-20'], '2026-11-20', rule)).toMatchObject({
      blocked: true,
      lastBlockedDay: '2026-11-26',
      resumesOn: '2026-11-27',
    })
    const status = noShowBlock(['2026-10-01', '2026-11-01', '2026-11-20'], '2026-11-20', rule)
    if (status.blocked) expect(status.reason).toContain('60 天内有 3 次预约未到')
  })

  test('dates after today are ignored; bad input is a RangeError', () => {
    expect(noShowBlock(['2026-11-01', '2026-11-25'], '2026-11-20').blocked).toBe(false)
    expect(() => noShowBlock(['2026-02-30'], '2026-11-20')).toThrow(RangeError)
    expect(() => noShowBlock([], '2026-11-20', { maxNoShows: 0 })).toThrow(RangeError)
    expect(() => noShowBlock([], '2026-11-20', { blockDays: 1.5 })).toThrow(RangeError)
  })
})
