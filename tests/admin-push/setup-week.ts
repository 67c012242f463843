import config from '@payload-config'
import { createLocalReq, getPayload } from 'payload'
import { assembleWeek } from '../../src/services/push/assemble'
import { loadPushSettings } from '../../src/services/push/settings-load'
import { decideOnPush } from '../../src/services/push/sign-off'
import { isoWeekday, isoWeekOf, shanghaiDate } from '../../src/shared/time'

// Test fixture run with `payload run`: today (Beijing) becomes the week's send and retry day, then
// this week's push is assembled from the seeded pool and signed off by the demo leader.
const payload = await getPayload({ config })
const now = new Date()
const weekday = String(isoWeekday(shanghaiDate(now)))
await payload.updateGlobal({
  slug: 'push-settings',
  overrideAccess: true,
  data: { assembleWeekday: weekday, assembleTime: '00:00', sendWeekday: weekday, sendTime: '00:00', retryWeekday: weekday, retryTime: '23:59' } as never,
})
const account = await payload.find({ collection: 'wechat-accounts', overrideAccess: true, depth: 0, limit: 1, where: { isDefault: { equals: true } } })
const accountId = String(account.docs[0]!.id)
const { push } = await assembleWeek(payload, { accountId, week: isoWeekOf(now), now, settings: await loadPushSettings(payload) })
if (process.argv.includes('--sign-off')) {
  const leader = await payload.find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1, where: { email: { equals: 'leader@demo.local' } } })
  const req = await createLocalReq({ user: { ...leader.docs[0], collection: 'users' } as never }, payload)
  await decideOnPush(req, push.id, 'sign-off')
}
console.log(`SETUP ${JSON.stringify({ pushId: push.id, week: push.week })}`)
await payload.destroy()
process.exit(0)
