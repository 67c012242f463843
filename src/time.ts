export const TIME_ZONE = 'Asia/Shanghai'

/**
 * The one date-time format of the admin (date-fns pattern, as `admin.dateFormat` takes it):
 * `2026-11-28 16:05`, always Beijing time. Dates without a time use `DATE_FORMAT`.
 */
export const DATE_TIME_FORMAT = 'yyyy-MM-dd HH:mm'
export const DATE_FORMAT = 'yyyy-MM-dd'

const formatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** `2026-11-28 16:05` in Beijing time, whatever the server's own zone. */
export function formatShanghai(value: string | Date | null | undefined): string {
  if (!value) return '—'
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) return '—'
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour === '24' ? '00' : parts.hour}:${parts.minute}`
}

/**
 * `2026-11-28`: the Beijing calendar day of an instant. Payload stores a date picked without a time
 * at 12:00 UTC of that day, which is the same day in Beijing (20:00).
 */
export function formatShanghaiDay(value: string | Date | null | undefined): string {
  const full = formatShanghai(value)
  return full === '—' ? full : full.slice(0, 10)
}
