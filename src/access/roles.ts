import type { Access, PayloadRequest } from 'payload'

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
  const staff = user as unknown as StaffUser
  if (staff.active === false) return null
  if (!ROLES.includes(staff.role)) return null
  return staff
}

export const roleOf = (user: PayloadRequest['user'] | undefined | null): Role | null => staffOf(user)?.role ?? null

export const idOf = (value: unknown): string | null => {
  if (value == null) return null
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (typeof value === 'object' && 'id' in (value as object)) return idOf((value as { id: unknown }).id)
  return null
}

export const communityOf = (user: PayloadRequest['user'] | undefined | null): string | null =>
  idOf(staffOf(user)?.community)

export const isAdmin: Access = ({ req }) => roleOf(req.user) === 'admin'
export const isStaff: Access = ({ req }) => staffOf(req.user) !== null
export const isLeaderOrAdmin: Access = ({ req }) => {
  const role = roleOf(req.user)
  return role === 'leader' || role === 'admin'
}
