import type { HolidayRule } from './holiday-slots'

/** What admins can change in the push-settings global; the defaults are the office's rhythm. */
export interface PushSettings {
  /** 1 = Monday … 7 = Sunday; times are Beijing time `HH:MM`. */
  assembleWeekday: number
  assembleTime: string
  sendWeekday: number
  sendTime: string
  retryWeekday: number
  retryTime: string
  minItems: number
  maxItems: number
  maxPerCommunity: number
  /** A week that would be the fifth mass send of a month. */
  quotaPolicy: 'skip' | 'merge'
  /** Individual approval of every item counts as the leader's sign-off. */
  approvalIsSignOff: boolean
  monthlyQuota: number
  /** A send/retry slot on a public holiday: moved before it (default), after it (within the week), or kept. */
  holidayRule: HolidayRule
}

export const DEFAULT_PUSH_SETTINGS: PushSettings = {
  assembleWeekday: 3,
  assembleTime: '10:00',
  sendWeekday: 4,
  sendTime: '18:00',
  retryWeekday: 5,
  retryTime: '18:00',
  minItems: 5,
  maxItems: 6,
  maxPerCommunity: 3,
  quotaPolicy: 'skip',
  approvalIsSignOff: false,
  monthlyQuota: 4,
  holidayRule: 'before',
}
