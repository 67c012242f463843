import { addDataAndFileToRequest, APIError, ValidationError, type Endpoint, type PayloadRequest } from 'payload'
import { idOf, requireStaff } from '../../src/access/roles'
import { findAccount } from '../../src/services/accounts/find-account'
import { bundleMessage, editBundle, parseRefs } from '../../src/services/push/bundle-edit'
import { generateWeekNow, generatedMessage } from '../../src/services/push/generate-now'
import { previewBundle, previewMessage } from '../../src/services/push/previews'
import { itemRefs } from '../../src/services/push/item-refs'
import { loadPushSettings } from '../../src/services/push/settings-load'
import { decideOnPush, plannedSendAt } from '../../src/services/push/sign-off'
import { setSendDate } from '../../src/services/push/send-date'
import { accountForStaff, assertMayActOnPush } from '../../src/services/push/account-scope'
import { chinaDays } from '../../src/services/push/holiday-days'
import { weekSlots } from '../../src/services/push/holiday-slots'
import { findPush, readPush } from '../../src/services/push/store'
import { wechatGateway } from '../../src/services/push/wechat-gateway'
import type { Bilingual } from '../../src/shared/bilingual'
import { ApiError } from '../../src/http/api-error'
import { formatShanghai, isoWeekOf } from '../../src/shared/time'

/**
 * A refusal Payload raised on the way (its access, a field's validation) as this endpoint words it:
 * 403 「没有权限修改本周推送」, else its message and each field's. The push's own refusals (the
 * rules in src/services/push/rules.ts, a write that lost to the scheduler) are ApiErrors already.
 * Anything else is thrown as it is (an ApiError is answered by apiEndpoints; the rest is a 500).
 */
function asPushError(error: unknown): unknown {
  if (error instanceof ApiError || !(error instanceof APIError) || error.status >= 500) return error
  if (error.status === 403) return new ApiError(403, 'forbidden', { zh: '没有权限修改本周推送', en: "You may not change the week's push" })
  const data = error.data as { errors?: { message?: string }[] } | null
  const details = data?.errors?.map((entry) => entry.message).filter(Boolean) ?? []
  const code = error instanceof ValidationError ? 'invalid' : 'refused'
  return new ApiError(error.status, code, [error.message || '请求无效', ...details].join('：'), data?.errors ? { errors: data.errors } : undefined)
}

async function readBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  await addDataAndFileToRequest(req).catch(() => {
    throw new ApiError(400, 'bad-body', '请求体必须是 JSON，例如 {"action": "sign-off"}')
  })
  return (req.data ?? {}) as Record<string, unknown>
}

/** 「只有审核领导或管理员可以…」 */
const requireLeader = (req: PayloadRequest, what: Bilingual) => requireStaff(req, ['leader', 'admin'], { action: what })

/**
 * `POST /api/weekly-pushes/:id/action`, the leader's review step. Body `{ "action": … }`:
 * - `preview`: sends the bundle to every leader who bound WeChat; answers per recipient
 *   (`recipients: [{ name, ok, error? }]`) — 200 when all got it, 207 when some did not, 409 when no
 *   leader has bound WeChat (the message says how to bind), 502 when the draft or every preview failed;
 * - `sign-off`, `revoke` (撤销审定, until the send starts, else 409), `reject` (with `reason`);
 * - `bundle` with `items: [{ relationTo, value }]` in the new order: reorder / add / remove;
 * - `send-date` with `date: "YYYY-MM-DD"` (or null to clear): this week's send day, picked by the
 *   leader (in the ISO week or the 7 days before it, not in the past; setSendDate).
 * Every answer is `{ ok, message, doc }` with `message` in Chinese saying what happened; a refusal is
 * `{ errors: [{ message, code, data? }] }` (a failed preview's `data`: `{ outcome, recipients, doc }`).
 */
export const pushActionEndpoint: Endpoint = {
  path: '/:id/action',
  method: 'post',
  handler: async (req) => {
    const id = req.routeParams?.id
    try {
      if (typeof id !== 'string') throw new ApiError(404, 'not-found', '推送不存在')
      const body = await readBody(req)
      if (body.action === 'preview') {
        requireLeader(req, { zh: '发送预览', en: 'send a preview' })
        const push = await readPush(req.payload, id)
        if (!push) throw new ApiError(404, 'not-found', '推送不存在')
        await assertMayActOnPush(req, push)
        if (itemRefs(push.items).length === 0) throw new ApiError(409, 'empty', '本周推送还没有内容，无法发送预览')
        const report = await previewBundle(req.payload, id, await wechatGateway(req.payload, idOf(push.account) ?? ''))
        const message = previewMessage(report)
        if (report.outcome !== 'sent' && report.outcome !== 'partial') {
          throw new ApiError(report.outcome === 'no-recipient' ? 409 : 502, report.outcome, message, {
            outcome: report.outcome,
            recipients: report.recipients,
            doc: report.push,
          })
        }
        return Response.json(
          { ok: report.outcome === 'sent', outcome: report.outcome, recipients: report.recipients, message, doc: report.push },
          { status: report.outcome === 'partial' ? 207 : 200 },
        )
      }
      if (body.action === 'send-date') {
        const { push, message } = await setSendDate(req, id, body.date)
        return Response.json({ ok: true, message, doc: push })
      }
      if (body.action === 'bundle') {
        const edit = await editBundle(req, id, parseRefs(body.items))
        const { push, ...rest } = edit
        return Response.json({ ok: true, message: bundleMessage(rest), doc: push })
      }
      const doc = await decideOnPush(req, id, body.action, body.reason)
      let message: string
      if (body.action === 'sign-off') {
        const settings = await loadPushSettings(req.payload, idOf(doc.account))
        const at = plannedSendAt(weekSlots(doc.week, settings, chinaDays, doc.sendDate), new Date())
        message = `已审定 ${itemRefs(doc.items).length} 条；${at ? `将于 ${formatShanghai(at)}（北京时间）发送` : '本周发送时段已过，不会再发送'}；发送开始前可以撤销审定`
      } else if (body.action === 'revoke') {
        message = '已撤销审定：本周推送回到「待审定」，不会发送，直到再次审定'
      } else {
        message = `本周不发送：原因已记录，${itemRefs(doc.items).length} 条内容已回到待推送池`
      }
      return Response.json({ ok: true, message, doc })
    } catch (error) {
      throw asPushError(error)
    }
  },
}

/**
 * `POST /api/weekly-pushes/generate` (立即生成本周推送): leaders and admins make the current week's
 * proposal now for one account, by the scheduled assemble's rules, and the previews go out as after
 * the scheduled one. The account is `account` (id or app id) in the JSON body or the query — the
 * account 本周推送 shows —; without it, the one 本周推送 opens for the user (accountForStaff: a
 * community's leader their community's account, else the default account). The user must work on
 * that account's pushes (assertMayActOnPush: a community's leader only its own, else 403
 * `other-account`). 201 `{ ok, message, doc, items, missing, preview }`; 409 when the week already
 * has a push; 404 for an unknown account or without a default account.
 */
export const generateWeekEndpoint: Endpoint = {
  path: '/generate',
  method: 'post',
  handler: async (req) => {
    try {
      requireLeader(req, { zh: '立即生成本周推送', en: "make this week's push now" })
      const body = await readBody(req)
      const fromQuery = req.searchParams?.get('account')
      const asked = typeof body.account === 'string' && body.account ? body.account : fromQuery || null
      const account = asked ? await findAccount(req.payload, asked) : await accountForStaff(req.payload, req.user)
      if (!account) {
        throw asked
          ? new ApiError(404, 'no-account', `公众号 ${asked} 不存在：请从 账号矩阵 或 本周推送 重新打开`)
          : new ApiError(404, 'no-account', '没有默认公众号：请管理员在 微信 → 公众号 中添加并设为默认')
      }
      await assertMayActOnPush(req, { account: account.id })
      const now = new Date()
      const week = isoWeekOf(now)
      if (await findPush(req.payload, account.id, week)) throw new ApiError(409, 'exists', `${week} 的推送已经生成，请刷新本页`)
      const settings = await loadPushSettings(req.payload, account.id)
      const result = await generateWeekNow(req.payload, { accountId: account.id, now, settings, gateway: () => wechatGateway(req.payload, account.id) })
      if (!result) throw new ApiError(409, 'exists', `${week} 的推送刚被生成（可能是定时任务），请刷新本页`)
      return Response.json(
        {
          ok: true,
          message: generatedMessage(week, result, settings),
          doc: result.push,
          items: result.selection.items.length,
          missing: result.selection.missing,
          preview: result.preview,
        },
        { status: 201 },
      )
    } catch (error) {
      throw asPushError(error)
    }
  },
}
