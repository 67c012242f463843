import type { Access, PayloadRequest } from 'payload'
import type { Bilingual } from '../shared/bilingual'
import { ApiError } from '../http/api-error'

export const ROLES = ['editor', 'leader', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  editor: { zh: '社区编辑', en: 'Community editor' },
  leader: { zh: '审核领导', en: 'Reviewing leader' },
  admin: { zh: '管理员', en: 'Administrator' },
}

export interface StaffUser {
  id: string
  role: Role
  community?: string | { id: string } | null
  active?: boolean | null
  email?: string
  name?: string | null
}

/** Only active staff accounts from the `users` collection count as signed in. */
export function staffOf(user: PayloadRequest['user'] | undefined | null): StaffUser | null {
  if (!user || user.collection !== 'users') return null
  const staff: StaffUser = user
  if (staff.active === false) return null
  if (!ROLES.includes(staff.role)) return null
  return staff
}

/** The 401 of every endpoint: nobody, or a deactivated account, is signed in. */
const NOT_SIGNED_IN: Bilingual = { zh: '请先登录', en: 'Please log in' }

/** 「只有审核领导或管理员可以…」: who may, from the roles' labels. */
function onlyRoles(roles: readonly Role[], action: Bilingual): Bilingual {
  return {
    zh: `只有${roles.map((role) => ROLE_LABELS[role].zh).join('或')}可以${action.zh}`,
    en: `Only ${roles.map((role) => `${ROLE_LABELS[role].en.toLowerCase()}s`).join(' or ')} may ${action.en}`,
  }
}

/**
 * The one role check of the project's endpoints and of the services they call: the signed-in staff
 * member (`staffOf`: a deactivated account is nobody), else ApiError 401 `unauthenticated`; with
 * `roles`, one of them, else ApiError 403 `forbidden` saying who may `action` (「只有审核领导或管理员
 * 可以发布和核对菜单」) — or the `forbidden` text itself when the rule is not about roles alone.
 */
export function requireStaff(
  req: Pick<PayloadRequest, 'user'>,
  roles?: readonly Role[],
  refusal: { action: Bilingual } | { forbidden: Bilingual } = { action: { zh: '执行此操作', en: 'do this' } },
): StaffUser {
  const staff = staffOf(req.user)
  if (!staff) throw new ApiError(401, 'unauthenticated', NOT_SIGNED_IN)
  if (roles && !roles.includes(staff.role)) throw new ApiError(403, 'forbidden', 'forbidden' in refusal ? refusal.forbidden : onlyRoles(roles, refusal.action))
  return staff
}

export const roleOf = (user: PayloadRequest['user'] | undefined | null): Role | null => staffOf(user)?.role ?? null

export const idOf = (value: unknown): string | null => {
  if (value == null) return null
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (typeof value === 'object' && 'id' in (value as object)) return idOf((value as { id: unknown }).id)
  return null
}

export const communityOf = (user: PayloadRequest['user'] | undefined | null): string | null => idOf(staffOf(user)?.community)

export const isAdmin: Access = ({ req }) => roleOf(req.user) === 'admin'
export const isStaff: Access = ({ req }) => staffOf(req.user) !== null
export const isLeaderOrAdmin: Access = ({ req }) => {
  const role = roleOf(req.user)
  return role === 'leader' || role === 'admin'
}

/**
 * Which roles see each admin section (collection or global slug) in the navigation and on the
 * dashboard. A section is listed for a role only when that role has something to do there; the
 * access rules above stay the security boundary (an entry hidden here is still guarded by them).
 * Slugs not listed are shown to every role. Weekly pushes stay visible to editors: 本周推送 and
 * 推送日历 link to them, and editors may read them.
 */
export const NAV_ROLES: Record<string, readonly Role[]> = {
  communities: ['admin'],
  offices: ['admin'],
  users: ['admin'],
  'wechat-accounts': ['admin'],
  'wechat-tokens': ['admin'],
  'wechat-uploads': ['admin'],
  'wechat-inbound': ['admin'],
  followers: ['admin'],
  'resident-notices': ['admin'],
  'menu-click-log': ['admin'],
  'binding-codes': ['admin'],
  'push-settings': ['admin'],
  'appointment-settings': ['admin'],
  'consultation-settings': ['admin'],
  'rating-settings': ['admin'],
  // Read where they belong (the push's step log, the message's files); listed for admins only.
  'push-steps': ['admin'],
  'pending-mass-results': ['admin'],
  'resident-media': ['admin'],
  // A suggestion's photos are shown on it (the moderation panel).
  'consultation-photos': ['admin'],
  'login-throttles': ['admin'],
  'scheduled-runs': ['admin'],
  'binding-attempts': ['admin'],
  // 运行状态's records (the page itself, /admin/health, is linked for admins by HealthNavLink).
  'scheduler-heartbeats': ['admin'],
  'health-alerts': ['admin'],
  'wechat-api-errors': ['admin'],
  // The analytics sync's state per day and endpoint: for admins checking a failed day.
  'analytics-sync-days': ['admin'],
  // 统计分析 (the /admin/analytics view, not a collection): the dashboard and the monthly report.
  analytics: ['leader', 'admin'],
  'auto-replies': ['leader', 'admin'],
  'menu-clicks': ['leader', 'admin'],
  'wechat-menus': ['leader', 'admin'],
}

/** `admin.hidden` for a section: true (hidden) unless the signed-in user's role may use it. */
export function hiddenFromNav(slug: string): (args: { user: unknown }) => boolean {
  const roles = NAV_ROLES[slug]
  return ({ user }) => {
    if (!roles) return false
    const role = (user as { role?: string } | null)?.role
    return !roles.includes(role as Role)
  }
}
