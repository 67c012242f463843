/**
 * `POST /api/wechat-menus/:id/publish` sends the row's saved menu to its account's WeChat (menu/create).
 * The admin sends the menu its form shows (`{ "expected": { "buttons": [...], "account": id } }`): when
 * that is not the saved menu (unsaved edits, or a save that failed) nothing is published (409), so
 * followers never get a menu other than the one on screen. The answer names the version published
 * (`savedAt`, Beijing time). `GET /api/wechat-menus/:id/compare` reads the account's live one (menu/get)
 * and lists the differences. Leaders and admins only, a community's leader only for its community's
 * account (403 `other-account`): the menu is what every follower sees. 404 for an unknown row.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'
import { idOf, requireStaff, type StaffUser } from '../../access/roles'
import { languageOf } from '../../shared/bilingual'
import { ApiError } from '../../http/api-error'
import { formatShanghai } from '../../shared/time'
import { AccountUnavailableError } from '../accounts/accounts'
import { WeChatApiError } from '../../wechat/client/errors'
import { compareMenus } from './compare'
import { toWeChatMenu } from './convert'
import { mayActOnAccountId } from '../push/account-scope'
import { findMenuRowById, rowButtons, type MenuRow } from './load'
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

/**
 * The row named by the route (`:id`), its saved menu (the defaults while its buttons are empty) and
 * the signed-in staff member, checked: 401/403 by role, 404 for no such row, 403 for another
 * community's account.
 */
async function routeMenu(req: PayloadRequest): Promise<{ staff: StaffUser; row: MenuRow; saved: SavedMenu }> {
  const staff = requireMenuStaff(req)
  const id = req.routeParams?.id
  const row = typeof id === 'string' && id !== '' ? await findMenuRowById(req.payload, id) : null
  if (!row) throw new ApiError(404, 'not-found', { zh: '没有这个公众号菜单', en: 'No such menu' })
  if (!(await mayActOnAccountId(req, row.account))) {
    throw new ApiError(403, 'other-account', {
      zh: '这是其他公众号的菜单：只有该号所属社区的审核领导、街道的审核领导或管理员可以发布和核对',
      en: "This is another account's menu: only its community's leaders, the street office's leaders or admins may publish or check it",
    })
  }
  const buttons = await rowButtons(req.payload, row)
  return { staff, row, saved: { account: row.account, buttons } }
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
      path: '/:id/publish',
      method: 'post',
      handler: async (req) => {
        const { staff, row, saved } = await routeMenu(req)
        const en = languageOf(req) === 'en'
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
        const version = row.updatedAt
        try {
          await (await remoteFor(req, saved.account as string | null)).create(menu)
        } catch (error) {
          wechatFailure(error)
        }
        req.payload.logger.info({ event: 'wechat.menu.published', by: staff.id, account: row.account, buttons: menu.button.length })
        const when = version ? formatShanghai(version) : null
        const message = en
          ? `Published the menu saved ${when ?? '(default, never saved)'} (Beijing time); WeChat clients update within about 5 minutes (re-following shows it at once)`
          : `菜单已发布（${when ? `${when} 保存的版本，北京时间` : '默认菜单，尚未保存过'}），微信客户端约 5 分钟内更新（重新关注可立即看到）`
        return Response.json({ message, menu, savedAt: version })
      },
    },
    {
      path: '/:id/compare',
      method: 'get',
      handler: async (req) => {
        const { saved } = await routeMenu(req)
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
