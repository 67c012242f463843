import { isoWeekOf, type IsoWeek } from '../../shared/time'
import { mondayOf } from './week'

export type WeekChoice = { ok: true; week: IsoWeek } | { ok: false; error: string }

/** `?week=` / `--week`: an ISO week like `2026-W48`; empty means the current week (Beijing). */
export function resolveWeek(input: unknown, now: Date): WeekChoice {
  const value = Array.isArray(input) ? input[0] : input
  if (value === undefined || value === null || value === '') return { ok: true, week: isoWeekOf(now) }
  const text = String(value).trim().toUpperCase()
  try {
    mondayOf(text)
    return { ok: true, week: text as IsoWeek }
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
}
