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
 * The street-wide push settings: the push-settings global over the built-in defaults (one read).
 * For a caller that serves several accounts at once, with `accountPushSettings` per account.
 */
export async function streetPushSettings(payload: Payload): Promise<PushSettings> {
  const stored = await payload.findGlobal({ slug: 'push-settings', overrideAccess: true, depth: 0 })
  return overlay(
    { ...stored, quotaPolicy: stored?.quotaPolicy === 'merge' ? 'merge' : 'skip', approvalIsSignOff: stored?.approvalIsSignOff === true } as StoredRhythm,
    DEFAULT_PUSH_SETTINGS,
  )
}

/**
 * The settings that apply to `account` (a `wechat-accounts` document, any depth) given the
 * street-wide ones: its 本号推送设置 over `street` when 使用全街道默认设置 is unticked, else `street`.
 * Pure; null or undefined (an unknown account) gets `street`.
 */
export function accountPushSettings(street: PushSettings, account: { pushSettings?: unknown } | null | undefined): PushSettings {
  const own = account?.pushSettings as ({ useStreetDefaults?: boolean | null } & Record<string, unknown>) | null | undefined
  if (!own || own.useStreetDefaults !== false) return street
  return overlay(own as StoredRhythm, street)
}

/**
 * The push settings that apply: the push-settings global (the street-wide default) over the built-in
 * defaults, and — for `accountId`, when its 本号推送设置 has 使用全街道默认设置 unticked — that
 * account's own values over those. The monthly quota is WeChat's (4 for a service account), counted
 * per account by sendsByMonth. An unknown account gets the street-wide settings.
 */
export async function loadPushSettings(payload: Payload, accountId?: string | null): Promise<PushSettings> {
  const street = await streetPushSettings(payload)
  if (!accountId) return street
  const account = await payload.findByID({ collection: 'wechat-accounts', id: accountId, overrideAccess: true, depth: 0, disableErrors: true })
  return accountPushSettings(street, account)
}
