import type { Payload } from 'payload'
import { DEFAULT_PUSH_SETTINGS, type PushSettings } from './settings'

/** The push-settings global over the defaults; select values come back as strings. */
export async function loadPushSettings(payload: Payload): Promise<PushSettings> {
  const stored = (await payload.findGlobal({ slug: 'push-settings', overrideAccess: true, depth: 0 })) as unknown as Record<string, unknown>
  const number = (key: keyof PushSettings) => {
    const value = Number(stored?.[key])
    return Number.isFinite(value) && value > 0 ? value : (DEFAULT_PUSH_SETTINGS[key] as number)
  }
  const text = (key: keyof PushSettings) => (typeof stored?.[key] === 'string' && stored[key] ? String(stored[key]) : String(DEFAULT_PUSH_SETTINGS[key]))
  return {
    assembleWeekday: number('assembleWeekday'),
    assembleTime: text('assembleTime'),
    sendWeekday: number('sendWeekday'),
    sendTime: text('sendTime'),
    retryWeekday: number('retryWeekday'),
    retryTime: text('retryTime'),
    minItems: number('minItems'),
    maxItems: number('maxItems'),
    maxPerCommunity: number('maxPerCommunity'),
    quotaPolicy: stored?.quotaPolicy === 'merge' ? 'merge' : 'skip',
    approvalIsSignOff: stored?.approvalIsSignOff === true,
    monthlyQuota: DEFAULT_PUSH_SETTINGS.monthlyQuota,
  }
}
