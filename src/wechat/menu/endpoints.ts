/**
 * `POST /api/globals/wechat-menu/publish` sends the saved menu to WeChat (menu/create);
 * `GET /api/globals/wechat-menu/compare` reads the live one (menu/get) and lists the differences.
 * Leaders and admins only: the menu is what every follower sees.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { roleOf } from '../../access/roles'
import { WeChatApiError } from '../client/errors'
import { compareMenus } from './compare'
import { toWeChatMenu } from './convert'
import { loadSavedMenu } from './load'
import { validateMenu } from './validate'
import { menuRemoteFor, type MenuRemote } from './wechat'

export type MenuRemoteFactory = (req: PayloadRequest, accountId: string | null) => Promise<MenuRemote>

const defaultRemote: MenuRemoteFactory = (req, accountId) => menuRemoteFor(req.payload, accountId)
const failure = (status: number, message: string, extra: Record<string, unknown> = {}) => Response.json({ errors: [{ message }], ...extra }, { status })

function refuse(req: PayloadRequest): Response | null {
  const role = roleOf(req.user)
  if (!role) return failure(401, '请先登录')
  if (role !== 'leader' && role !== 'admin') return failure(403, '只有审核领导或管理员可以发布和核对菜单')
  return null
}

function wechatFailure(error: unknown): Response {
  if (error instanceof WeChatApiError) return failure(502, `微信接口失败：${error.meaning || error.errmsg}（${error.errcode ?? error.kind}）`)
  if (error instanceof Error && error.message.includes('公众号')) return failure(400, error.message)
  throw error
}

export function menuEndpoints(remoteFor: MenuRemoteFactory = defaultRemote): Endpoint[] {
  return [
    {
      path: '/publish',
      method: 'post',
      handler: async (req) => {
        const refused = refuse(req)
        if (refused) return refused
        const saved = await loadSavedMenu(req.payload)
        const menu = toWeChatMenu(saved)
        const problems = validateMenu(menu)
        if (problems.length) return failure(400, `菜单不符合微信的要求：${problems.join('；')}`, { problems })
        try {
          await (await remoteFor(req, saved.account as string | null)).create(menu)
        } catch (error) {
          return wechatFailure(error)
        }
        req.payload.logger.info({ event: 'wechat.menu.published', by: (req.user as { id?: unknown }).id, buttons: menu.button.length })
        return Response.json({ message: '菜单已发布，微信客户端约 5 分钟内更新（重新关注可立即看到）', menu })
      },
    },
    {
      path: '/compare',
      method: 'get',
      handler: async (req) => {
        const refused = refuse(req)
        if (refused) return refused
        const saved = await loadSavedMenu(req.payload)
        const menu = toWeChatMenu(saved)
        let live
        try {
          live = await (await remoteFor(req, saved.account as string | null)).get()
        } catch (error) {
          return wechatFailure(error)
        }
        const differences = compareMenus(menu, live)
        return Response.json({ same: differences.length === 0, differences, saved: menu, live })
      },
    },
  ]
}
