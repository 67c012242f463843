/** Date ranges cut to what one datacube call may ask for. Dates are YYYY-MM-DD (Beijing). */
import { addDays, daysBetween } from '../../../shared/time'

export interface DateRange {
  begin: string
  end: string
}

/**
 * `begin`…`end` (inclusive) cut into consecutive ranges of at most `maxDays` days each, in order:
 * splitSpan('2026-11-01', '2026-11-10', 7) → 11-01…11-07, 11-08…11-10. An empty list when end is
 * before begin. Throws RangeError for maxDays < 1 (WeChat's spans are 1, 3 or 7 days).
 */
export function splitSpan(begin: string, end: string, maxDays: number): DateRange[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be a whole number ≥ 1, got ${maxDays}`)
  const ranges: DateRange[] = []
  const total = daysBetween(begin, end) + 1
  for (let offset = 0; offset < total; offset += maxDays) {
    const from = addDays(begin, offset)
    ranges.push({ begin: from, end: addDays(from, Math.min(maxDays, total - offset) - 1) })
  }
  return ranges
}

/** Every date from `begin` to `end` inclusive (none when end is before begin). */
export function datesBetween(begin: string, end: string): string[] {
  const total = daysBetween(begin, end) + 1
  return Array.from({ length: Math.max(0, total) }, (_, index) => addDays(begin, index))
}

/**
 * Sorted distinct dates cut into the calls to make: consecutive dates form one run, each run is
 * split by `maxDays` (so a gap day never makes a call ask for days it does not need).
 */
export function rangesForDates(dates: readonly string[], maxDays: number): DateRange[] {
  const sorted = [...new Set(dates)].sort()
  const runs: DateRange[] = []
  for (const date of sorted) {
    const last = runs.at(-1)
    if (last && addDays(last.end, 1) === date) last.end = date
    else runs.push({ begin: date, end: date })
  }
  return runs.flatMap((run) => splitSpan(run.begin, run.end, maxDays))
}
