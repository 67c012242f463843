import type { Payload } from 'payload'
import { idOf } from '../src/access/roles'
import type { GatewayFactory } from '../src/push/gateway'
import { applyMassResult } from '../src/push/result'
import { wechatGateway } from '../src/push/wechat-gateway'

/** Every five minutes, until WeChat's MASSSENDJOBFINISH event arrives: ask mass/get. */
export const POLL_PUSH_RESULTS_SCHEDULE = '*/5 * * * *'

export async function pollPushResults(payload: Payload, gatewayFor: GatewayFactory = wechatGateway): Promise<number> {
  const waiting = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 10,
    where: { and: [{ status: { equals: 'sent' } }, { 'result.finishedAt': { exists: false } }] },
  })
  let settled = 0
  for (const push of waiting.docs as unknown as { account: unknown; wechat?: { msgId?: string } }[]) {
    const msgId = push.wechat?.msgId
    const accountId = idOf(push.account)
    if (!msgId || !accountId) continue
    const status = await (await gatewayFor(payload, accountId)).status(msgId)
    if (status === 'SENDING') continue
    await applyMassResult(payload, { msgId, status })
    settled++
  }
  return settled
}
