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
import { idOf, requireStaff } from '../../access/roles'
import { languageOf } from '../../shared/bilingual'
import { ApiError } from '../../http/api-error'
import { formatShanghai } from '../../shared/time'
import { AccountUnavailableError } from '../accounts/accounts'
import { WeChatApiError } from '../../wechat/client/errors'
import { compareMenus } from './compare'
import { toWeChatMenu } from './convert'
import { loadSavedMenu } from './load'
import type { SavedMenu, SavedMenuButton } from './types'
import { validateMenu } from './validate'
import { menuRemoteFor, type MenuRemote } from './wechat'

export type MenuRemoteFactory = (req: PayloadRequest, accountId: string | null) => Promise<MenuRemote>

const defaultRemote: MenuRemoteFactory = (req, accountId) => menuRemoteFor(req.payload, accountId)
/** Leaders and admins only: the menu is what every follower sees. */
const requireMenuStaff = (req: PayloadRequest) => requireStaff(req, ['leader', 'admin'], { action: { zh: '发布和核对菜单', en: 'publish and check the menu' } })

/** WeChat's refusal (502 `wechat-failed`) or an account that cannot be used (400, its own code), as an ApiError. */
function wechatFailure(error: unknown): never {
  if (error instanceof WeChatApiError) {
    const reason = `${error.meaning || error.errmsg}（${error.errcode ?? error.kind}）`
    throw new ApiError(502, 'wechat-failed', { zh: `微信接口失败：${reason}`, en: `The WeChat API failed: ${reason}` }, { errcode: error.errcode ?? null })
  }
  if (error instanceof AccountUnavailableError) throw new ApiError(400, error.code, error.message)
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
        const staff = requireMenuStaff(req)
        const en = languageOf(req) === 'en'
        const saved = await loadSavedMenu(req.payload)
        const expected = await expectedMenu(req)
        if (expected && !sameMenu(expected, saved)) {
          throw new ApiError(409, 'unsaved', {
            zh: '未发布：页面上的菜单与已保存的不一致（有未保存的修改，或上次保存没有成功）。请先保存成功再发布；微信上仍是之前的菜单。',
            en: 'Not published: the menu on screen is not the saved one (unsaved changes, or the last save failed). Save it successfully first; WeChat still has the previous menu.',
          })
        }
        const menu = toWeChatMenu(saved)
        const problems = validateMenu(menu)
        if (problems.length) {
          const list = problems.join('；')
          throw new ApiError(
            400,
            'menu-invalid',
            { zh: `未发布：已保存的菜单不符合微信的要求：${list}`, en: `Not published: the saved menu breaks WeChat rules: ${list}` },
            { problems },
          )
        }
        const version = await savedAt(req)
        try {
          await (await remoteFor(req, saved.account as string | null)).create(menu)
        } catch (error) {
          wechatFailure(error)
        }
        req.payload.logger.info({ event: 'wechat.menu.published', by: staff.id, buttons: menu.button.length })
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
        requireMenuStaff(req)
        const saved = await loadSavedMenu(req.payload)
        const menu = toWeChatMenu(saved)
        let live
        try {
          live = await (await remoteFor(req, saved.account as string | null)).get()
        } catch (error) {
          wechatFailure(error)
        }
        const differences = compareMenus(menu, live)
        return Response.json({ same: differences.length === 0, differences, saved: menu, live })
      },
    },
  ]
}
