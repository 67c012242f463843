import type { Payload } from 'payload'
import type { Follower } from '../../payload-types'

/**
 * The follower record of `openid` on the account `accountId` (the `followers` collection, kept by
 * subscribe/unsubscribe events), or null when the account has never heard of them. System read.
 */
export async function findFollower(payload: Payload, accountId: string, openid: string): Promise<Follower | null> {
  const found = await payload.find({
    collection: 'followers',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    where: { and: [{ account: { equals: accountId } }, { openid: { equals: openid } }] },
  })
  return found.docs[0] ?? null
}
