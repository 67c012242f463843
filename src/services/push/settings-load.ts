import type { Payload } from 'payload'
import { DEFAULT_PUSH_SETTINGS, type PushSettings } from './settings'

/** A positive number, else the default (weekdays are select values, stored as strings '1'…'7'). */
const positive = (value: string | number | null | undefined, fallback: number): number => {
  const number = Number(value)
  return Number.isFinite(number) && number > 0 ? number : fallback
}

const nonEmpty = (value: string | null | undefined, fallback: string): string => (typeof value === 'string' && value ? value : fallback)

type StoredRhythm = Partial<Record<keyof PushSettings, string | number | boolean | null>> | null | undefined

/** Stored rhythm values over `base`; select values come back as strings; a missing value keeps `base`'s. */
function overlay(stored: StoredRhythm, base: PushSettings): PushSettings {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const rule = stored?.holidayRule
  return {
    assembleWeekday: positive(stored?.assembleWeekday as string, base.assembleWeekday),
    assembleTime: nonEmpty(text(stored?.assembleTime), base.assembleTime),
    sendWeekday: positive(stored?.sendWeekday as string, base.sendWeekday),
    sendTime: nonEmpty(text(stored?.sendTime), base.sendTime),
    retryWeekday: positive(stored?.retryWeekday as string, base.retryWeekday),
    retryTime: nonEmpty(text(stored?.retryTime), base.retryTime),
    minItems: positive(stored?.minItems as number, base.minItems),
    maxItems: positive(stored?.maxItems as number, base.maxItems),
    maxPerCommunity: positive(stored?.maxPerCommunity as number, base.maxPerCommunity),
    quotaPolicy: stored?.quotaPolicy === 'merge' || stored?.quotaPolicy === 'skip' ? stored.quotaPolicy : base.quotaPolicy,
    approvalIsSignOff: typeof stored?.approvalIsSignOff === 'boolean' ? stored.approvalIsSignOff : base.approvalIsSignOff,
    monthlyQuota: base.monthlyQuota,
    holidayRule: rule === 'before' || rule === 'after' || rule === 'none' ? rule : base.holidayRule,
  }
}

/**
 * The push settings that apply: the push-settings global (the street-wide default) over the built-in
 * defaults, and — for `accountId`, when its 本号推送设置 has 使用全街道默认设置 unticked — that
 * account's own values over those. The monthly quota is WeChat's (4 for a service account), counted
 * per account by sendsByMonth. An unknown account gets the street-wide settings.
 */
export async function loadPushSettings(payload: Payload, accountId?: string | null): Promise<PushSettings> {
  const stored = await payload.findGlobal({ slug: 'push-settings', overrideAccess: true, depth: 0 })
  const street = overlay(
    { ...stored, quotaPolicy: stored?.quotaPolicy === 'merge' ? 'merge' : 'skip', approvalIsSignOff: stored?.approvalIsSignOff === true } as StoredRhythm,
    DEFAULT_PUSH_SETTINGS,
  )
  if (!accountId) return street
  const account = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, disableErrors: true })
  const own = account?.pushSettings
  if (!own || own.useStreetDefaults !== false) return street
  return overlay(own as StoredRhythm, street)
}
