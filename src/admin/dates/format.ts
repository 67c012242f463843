import { formatShanghai, formatShanghaiDay } from '../../shared/time'

type Appearance = 'dayAndTime' | 'dayOnly' | 'monthOnly' | 'timeOnly' | 'default' | undefined

/** A date field's value as the admin shows it: Beijing time, `yyyy-MM-dd HH:mm`, or `yyyy-MM-dd` for day-only fields. */
export function formatFieldDate(value: unknown, appearance: Appearance): string {
  if (value === null || value === undefined || value === '') return ''
  const text = typeof value === 'string' || value instanceof Date ? value : String(value)
  return appearance === 'dayOnly' ? formatShanghaiDay(text) : formatShanghai(text)
}

/** The picker appearance of a client date field config (absent on the timestamps Payload adds). */
export const appearanceOf = (field: unknown): Appearance =>
  (field as { admin?: { date?: { pickerAppearance?: Appearance } } } | undefined)?.admin?.date?.pickerAppearance
