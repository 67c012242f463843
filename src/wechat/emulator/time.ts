/** Calendar helpers in Beijing time (UTC+8 all year, no DST): quotas and datacube dates follow it. */
const SHANGHAI_OFFSET_MS = 8 * 3600_000
export const DAY_MS = 24 * 3600_000

/** `YYYY-MM-DD` of the instant in Asia/Shanghai. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** `YYYY-MM` of the instant in Asia/Shanghai. */
export function shanghaiMonth(ms: number): string {
  return shanghaiDate(ms).slice(0, 7)
}

export function shanghaiHour(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCHours()
}

/** Start of a Shanghai calendar day, as epoch ms. */
export function shanghaiDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const parsed = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
}
