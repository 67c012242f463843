/** subscribe / unsubscribe keep the `followers` collection. */
import type { Payload } from 'payload'
import { findFollower } from './followers'
import { xmlText, type XmlRecord } from '../../wechat/xml'

export async function applyFollowEvent(payload: Payload, accountId: string, record: XmlRecord): Promise<void> {
  const openid = xmlText(record, 'FromUserName')
  const at = new Date(Number(xmlText(record, 'CreateTime')) * 1000).toISOString()
  const subscribed = xmlText(record, 'Event') === 'subscribe'
  const change = subscribed
    ? { subscribed: true, followedAt: at, unfollowedAt: null, lastEventAt: at }
    : { subscribed: false, unfollowedAt: at, lastEventAt: at }

  const existing = await findFollower(payload, accountId, openid)
  if (!existing) {
    try {
      await payload.create({ collection: 'followers', overrideAccess: true, depth: 0, data: { account: accountId, openid, ...change } })
      return
    } catch (error) {
      // Another worker created the follower meanwhile (unique account + openid): update it instead.
      if (!(await findFollower(payload, accountId, openid))) throw error
      return applyFollowEvent(payload, accountId, record)
    }
  }
  // A retried older event must not undo a newer one (follow → unfollow processed as unfollow → follow).
  if (existing.lastEventAt && Date.parse(existing.lastEventAt) > Date.parse(at)) return
  await payload.update({ collection: 'followers', id: existing.id, overrideAccess: true, depth: 0, data: change })
}
