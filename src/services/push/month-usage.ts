import type { Payload } from 'payload'
import { QUOTA_USING_PUSH_STATUSES } from './status'
import { shanghaiMonth } from '../../shared/time'

/** Mass sends per Beijing month for an account: pushes that went out, or may have. */
export async function sendsByMonth(payload: Payload, accountId: string): Promise<Record<string, number>> {
  const pushes = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 200,
    pagination: false,
    where: { and: [{ account: { equals: accountId } }, { status: { in: [...QUOTA_USING_PUSH_STATUSES] } }] },
  })
  const counts: Record<string, number> = {}
  for (const push of pushes.docs) {
    const month = shanghaiMonth(new Date(push.wechat?.sentAt ?? push.wechat?.sendRequestedAt ?? push.updatedAt))
    counts[month] = (counts[month] ?? 0) + 1
  }
  return counts
}
