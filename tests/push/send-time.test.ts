import { sendTimeText, weekSendTime } from '../../src/services/push/send-time'
import { slotInstant } from '../../src/services/push/week'

// What 账号矩阵, 推送日历 and 本周推送 show for a week's send: a sent week when it went out, a failed
// week its retry, every other week its slot (Beijing time).

const slots = { sendAt: slotInstant('2026-W49', 4, '18:00'), retryAt: slotInstant('2026-W49', 5, '18:00') }
const tuesday = new Date('2026-12-01T02:00:00Z')

test('a sent week: when it went out, not the regular slot', () => {
  const time = weekSendTime({ status: 'sent', sentAt: '2026-11-30T21:52:00Z' }, slots, tuesday)
  expect(time).toEqual({ kind: 'sent', at: new Date('2026-11-30T21:52:00Z') })
  expect(sendTimeText(time, tuesday)).toBe('已发送 12 月 1 日 05:52')
  expect(sendTimeText(time, tuesday, 'en')).toBe('Sent 2026-12-01 05:52')
  expect(sendTimeText(time, new Date('2027-01-05T02:00:00Z'))).toBe('已发送 2026 年 12 月 1 日 05:52')
  expect(sendTimeText(weekSendTime({ status: 'sent' }, slots, tuesday), tuesday)).toBe('已发送')
})

test('a failed week: its retry while it is to come, then that the retry passed', () => {
  const thursdayNight = new Date('2026-12-03T12:00:00Z')
  expect(sendTimeText(weekSendTime({ status: 'failed' }, slots, thursdayNight), thursdayNight)).toBe('发送失败，将于 12 月 4 日 18:00 补发')
  const saturday = new Date('2026-12-05T02:00:00Z')
  expect(sendTimeText(weekSendTime({ status: 'failed' }, slots, saturday), saturday)).toBe('发送失败，补发时段已过')
})

test('a week not sent yet (or without a push): its slot', () => {
  for (const push of [null, { status: 'proposed' }, { status: 'signed_off' }]) {
    expect(sendTimeText(weekSendTime(push, slots, tuesday), tuesday)).toBe('2026-12-03 18:00')
  }
})
