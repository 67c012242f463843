import { addDataAndFileToRequest, type Endpoint } from 'payload'
import { idOf, roleOf } from '../../src/access/roles'
import { sendPreviews } from '../../src/push/previews'
import { decideOnPush } from '../../src/push/sign-off'
import { readPush } from '../../src/push/store'
import { wechatGateway } from '../../src/push/wechat-gateway'
import { ReviewError } from '../../src/review/service'

const fail = (error: ReviewError) =>
  Response.json({ errors: [{ message: error.message, code: error.code }] }, { status: error.status })

/**
 * `POST /api/weekly-pushes/:id/action` with `{ "action": "sign-off" | "reject" | "preview", "reason"? }`:
 * the leader's review step. The bundle itself (order, items, audience) is edited as the document.
 */
export const pushActionEndpoint: Endpoint = {
  path: '/:id/action',
  method: 'post',
  handler: async (req) => {
    const id = req.routeParams?.id
    try {
      if (typeof id !== 'string') throw new ReviewError(404, 'not-found', '推送不存在')
      await addDataAndFileToRequest(req).catch(() => {
        throw new ReviewError(400, 'bad-body', '请求体必须是 JSON：{"action": "sign-off" | "reject" | "preview"}')
      })
      const body = (req.data ?? {}) as { action?: unknown; reason?: unknown }
      if (body.action === 'preview') {
        const role = roleOf(req.user)
        if (role !== 'leader' && role !== 'admin') throw new ReviewError(403, 'forbidden', '只有审核领导或管理员可以发送预览')
        const push = await readPush(req.payload, id)
        if (!push) throw new ReviewError(404, 'not-found', '推送不存在')
        const doc = await sendPreviews(req.payload, id, await wechatGateway(req.payload, idOf(push.account) ?? ''))
        return Response.json({ doc, message: '预览已发送' })
      }
      const doc = await decideOnPush(req, id, body.action, body.reason)
      return Response.json({ doc, message: '操作成功' })
    } catch (error) {
      if (error instanceof ReviewError) return fail(error)
      throw error
    }
  },
}
