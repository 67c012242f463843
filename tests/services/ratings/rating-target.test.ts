import { canRate, ratingKey, type RatingTarget } from '../../../src/services/ratings/rating-target'

const owner = { isOwner: true }
const appointment = (status: string, cancelledAfterCheckIn?: boolean): RatingTarget => ({
  kind: 'appointment',
  id: 'a1',
  status,
  ...(cancelledAfterCheckIn === undefined ? {} : { cancelledAfterCheckIn }),
})

describe('which appointments may be rated', () => {
  // Restated: served and closed (done, rejected, staff cancelled after check-in) yes; everything else no.
  const cases: Array<[string, boolean | undefined, number | 'ok', string?]> = [
    ['done', undefined, 'ok'],
    ['rejected', undefined, 'ok'],
    ['cancelled', true, 'ok'],
    ['cancelled', false, 409, 'not-served'],
    ['cancelled', undefined, 409, 'not-served'],
    ['no_show', undefined, 409, 'not-served'],
    ['booked', undefined, 409, 'not-closed'],
    ['checked_in', undefined, 409, 'not-closed'],
    ['accepted', undefined, 409, 'not-closed'],
    ['in_progress', undefined, 409, 'not-closed'],
    ['needs_more', undefined, 409, 'not-closed'],
  ]
  for (const [status, afterCheckIn, want, code] of cases) {
    test(`${status}${afterCheckIn === undefined ? '' : ` (after check-in: ${afterCheckIn})`} → ${want}`, () => {
      const decision = canRate(appointment(status, afterCheckIn), owner)
      if (want === 'ok') expect(decision).toEqual({ ok: true, key: 'appointment:a1' })
      else expect(decision).toMatchObject({ ok: false, status: want, code })
    })
  }

  test('only the resident who booked, and only once', () => {
    expect(canRate(appointment('done'), { isOwner: false })).toMatchObject({ ok: false, status: 403, code: 'not-owner' })
    const again = canRate(appointment('done'), owner, true)
    expect(again).toMatchObject({ ok: false, status: 409, code: 'already-rated' })
    if (!again.ok) expect(again.message).toContain('只能评价一次')
  })
})

describe('consultation replies', () => {
  test('rateable once published, not as a draft', () => {
    expect(canRate({ kind: 'reply', id: 7, publishedAt: '2026-11-30T02:00:00.000Z' }, owner)).toEqual({ ok: true, key: 'reply:7' })
    expect(canRate({ kind: 'reply', id: 7, publishedAt: Date.parse('2026-11-30T02:00:00Z') }, owner)).toMatchObject({ ok: true })
    expect(canRate({ kind: 'reply', id: 7, publishedAt: null }, owner)).toMatchObject({ ok: false, status: 409, code: 'not-published' })
  })
})

describe('ratingKey', () => {
  test('stable, one per matter', () => {
    expect(ratingKey({ kind: 'appointment', id: 'abc123' })).toBe('appointment:abc123')
    expect(ratingKey({ kind: 'appointment', id: 42 })).toBe('appointment:42')
    expect(ratingKey({ kind: 'reply', id: ' 9 ' })).toBe('reply:9')
    expect(ratingKey({ kind: 'appointment', id: 42 })).not.toBe(ratingKey({ kind: 'reply', id: 42 }))
  })

  test('refuses ids that could collide or are empty', () => {
    for (const id of ['', '  ', 'a:b', -1, 1.5, Number.NaN]) expect(() => ratingKey({ kind: 'reply', id })).toThrow(RangeError)
    expect(() => ratingKey({ kind: 'other' as 'reply', id: 1 })).toThrow(RangeError)
  })
})
