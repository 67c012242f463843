/**
 * `POST /api/globals/wechat-menu/publish` sends the saved menu to WeChat (menu/create). The admin sends
 * the menu its form shows (`{ "expected": { "buttons": [...], "account": id } }`): when that is not the
 * saved menu (unsaved edits, or a save that failed) nothing is published (409), so followers never get a
 * menu other than the one on screen. The answer names the version published (`savedAt`, Beijing time).
 * `GET /api/globals/wechat-menu/compare` reads the live one (menu/get) and lists the differences.
 * Leaders and admins only: the menu is what every follower sees.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'
import { idOf, roleOf } from '../../access/roles'
import { languageOf } from '../../errors'
import { formatShanghai } from '../../time'
import { WeChatApiError } from '../client/errors'
import { compareMenus } from './compare'
import { toWeChatMenu } from './convert'
import { loadSavedMenu } from './load'
import type { SavedMenu, SavedMenuButton } from './types'
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

/** The saved menu's last save time, the version a publish sends. */
async function savedAt(req: PayloadRequest): Promise<string | null> {
  const doc = await req.payload.findGlobal({ slug: 'wechat-menu', overrideAccess: true, depth: 0 })
  return doc?.updatedAt ?? null
}

/** The menu the admin's form showed, if the request carried one (`expected`), else null. */
async function expectedMenu(req: PayloadRequest): Promise<SavedMenu | null> {
  try {
    await addDataAndFileToRequest(req)
  } catch {
    return null
  }
  const expected = (req.data as { expected?: { buttons?: unknown; account?: unknown } } | undefined)?.expected
  if (!expected || typeof expected !== 'object') return null
  return { account: idOf(expected.account) ?? null, buttons: Array.isArray(expected.buttons) ? (expected.buttons as SavedMenuButton[]) : [] }
}

/** Same menu for WeChat (names, types, keys, addresses) and same account. */
function sameMenu(a: SavedMenu, b: SavedMenu): boolean {
  return JSON.stringify(toWeChatMenu(a)) === JSON.stringify(toWeChatMenu(b)) && (idOf(a.account) ?? null) === (idOf(b.account) ?? null)
}

export function menuEndpoints(remoteFor: MenuRemoteFactory = defaultRemote): Endpoint[] {
  return [
    {
      path: '/publish',
      method: 'post',
      handler: async (req) => {
        const refused = refuse(req)
        if (refused) return refused
        const en = languageOf(req) === 'en'
        const saved = await loadSavedMenu(req.payload)
        const expected = await expectedMenu(req)
        if (expected && !sameMenu(expected, saved)) {
          return failure(
            409,
            en
              ? 'Not published: the menu on screen is not the saved one (unsaved changes, or the last save failed). Save it successfully first; WeChat still has the previous menu.'
              : '未发布：页面上的菜单与已保存的不一致（有未保存的修改，或上次保存没有成功）。请先保存成功再发布；微信上仍是之前的菜单。',
            { reason: 'unsaved' },
          )
        }
        const menu = toWeChatMenu(saved)
        const problems = validateMenu(menu)
        if (problems.length) return failure(400, `${en ? 'Not published: the saved menu breaks WeChat rules: ' : '未发布：已保存的菜单不符合微信的要求：'}${problems.join('；')}`, { problems })
        const version = await savedAt(req)
        try {
          await (await remoteFor(req, saved.account as string | null)).create(menu)
        } catch (error) {
          return wechatFailure(error)
        }
        req.payload.logger.info({ event: 'wechat.menu.published', by: (req.user as { id?: unknown }).id, buttons: menu.button.length })
        const when = version ? formatShanghai(version) : null
        const message = en
          ? `Published the menu saved ${when ?? '(default, never saved)'} (Beijing time); WeChat clients update within about 5 minutes (re-following shows it at once)`
          : `菜单已发布（${when ? `${when} 保存的版本，北京时间` : '默认菜单，尚未保存过'}），微信客户端约 5 分钟内更新（重新关注可立即看到）`
        return Response.json({ message, menu, savedAt: version })
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
