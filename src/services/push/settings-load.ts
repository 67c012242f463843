import type { Payload } from 'payload'
import { DEFAULT_PUSH_SETTINGS, type PushSettings } from './settings'

/** A positive number, else the default (weekdays are select values, stored as strings '1'…'7'). */
const positive = (value: string | number | null | undefined, fallback: number): number => {
  const number = Number(value)
  return Number.isFinite(number) && number > 0 ? number : fallback
}

const nonEmpty = (value: string | null | undefined, fallback: string): string => (typeof value === 'string' && value ? value : fallback)

/** The push-settings global over the defaults; select values come back as strings. */
export async function loadPushSettings(payload: Payload): Promise<PushSettings> {
  const stored = await payload.findGlobal({ slug: 'push-settings', overrideAccess: true, depth: 0 })
  const defaults = DEFAULT_PUSH_SETTINGS
  return {
    assembleWeekday: positive(stored?.assembleWeekday, defaults.assembleWeekday),
    assembleTime: nonEmpty(stored?.assembleTime, defaults.assembleTime),
    sendWeekday: positive(stored?.sendWeekday, defaults.sendWeekday),
    sendTime: nonEmpty(stored?.sendTime, defaults.sendTime),
    retryWeekday: positive(stored?.retryWeekday, defaults.retryWeekday),
    retryTime: nonEmpty(stored?.retryTime, defaults.retryTime),
    minItems: positive(stored?.minItems, defaults.minItems),
    maxItems: positive(stored?.maxItems, defaults.maxItems),
    maxPerCommunity: positive(stored?.maxPerCommunity, defaults.maxPerCommunity),
    quotaPolicy: stored?.quotaPolicy === 'merge' ? 'merge' : 'skip',
    approvalIsSignOff: stored?.approvalIsSignOff === true,
    monthlyQuota: defaults.monthlyQuota,
    holidayRule: stored?.holidayRule === 'after' || stored?.holidayRule === 'none' ? stored.holidayRule : defaults.holidayRule,
  }
}
