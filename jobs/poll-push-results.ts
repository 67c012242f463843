import type { Payload } from 'payload'
import { idOf } from '../src/access/roles'
import type { GatewayFactory } from '../src/services/push/gateway'
import { applyMassResult, applyPendingMassResult } from '../src/services/push/result'
import { wechatGateway } from '../src/services/push/wechat-gateway'

/** Every five minutes, until WeChat's MASSSENDJOBFINISH event arrives: ask mass/get. */
export const POLL_PUSH_RESULTS_SCHEDULE = '*/5 * * * *'

/**
 * Settles sent pushes without a result: first from a MASSSENDJOBFINISH kept while the push did not
 * know its msg_id yet (it carries the article addresses mass/get does not), else from mass/get.
 * Every account's pushes; a push whose account's WeChat fails is logged and tried again next time.
 * Answers how many were settled.
 */
export async function pollPushResults(payload: Payload, gatewayFor: GatewayFactory = wechatGateway): Promise<number> {
  const waiting = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 10,
    joins: false,
    where: { and: [{ status: { equals: 'sent' } }, { 'result.finishedAt': { exists: false } }] },
  })
  let settled = 0
  for (const push of waiting.docs) {
    const msgId = push.wechat?.msgId
    const accountId = idOf(push.account)
    if (!msgId || !accountId) continue
    // Each push (and so each account) on its own: one account's WeChat failing leaves the others' results coming.
    try {
      if (await applyPendingMassResult(payload, push)) {
        settled++
        continue
      }
      const status = await (await gatewayFor(payload, accountId)).status(msgId)
      if (status === 'SENDING') continue
      await applyMassResult(payload, { accountId, msgId, status })
      settled++
    } catch (error) {
      payload.logger.warn({
        msg: 'push result poll failed for an account',
        account: accountId,
        push: push.id,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
  return settled
}
