import type { Payload, Where } from 'payload'
import type { WechatAccount } from '../../payload-types'
import { findDefaultAccount } from './accounts'

export interface AccountSummary {
  id: string
  name: string
  appId: string
}

const summary = (doc: WechatAccount): AccountSummary => ({ id: String(doc.id), name: String(doc.name ?? ''), appId: String(doc.appId ?? '') })

/** The account named by id or app id, or the default account when none is named. */
export async function findAccount(payload: Payload, ref?: string): Promise<AccountSummary | null> {
  const query = (where: Where) => payload.find({ collection: 'wechat-accounts', overrideAccess: true, depth: 0, limit: 1, where })
  if (!ref) {
    const found = await findDefaultAccount(payload)
    return found ? summary(found) : null
  }
  const byAppId = await query({ appId: { equals: ref } })
  if (byAppId.docs[0]) return summary(byAppId.docs[0])
  const byId = await payload.findByID({ collection: 'wechat-accounts', id: ref, overrideAccess: true, depth: 0, disableErrors: true }).catch(() => null)
  return byId ? summary(byId) : null
}
