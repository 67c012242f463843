import type { Access, FieldAccess, Where } from 'payload'
import { communityOf, roleOf, staffOf } from '../../src/access/roles'

/** Admins and leaders see all staff; editors see themselves and their community's colleagues. */
export const canReadUsers: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (staff.role !== 'editor') return true
  const community = communityOf(req.user)
  const self: Where = { id: { equals: staff.id } }
  return community ? { or: [self, { community: { equals: community } }] } : self
}

/** Admins manage every account; others only their own profile (name, password). */
export const canUpdateUsers: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  return staff.role === 'admin' ? true : { id: { equals: staff.id } }
}

export const adminOnlyField: FieldAccess = ({ req }) => roleOf(req.user) === 'admin'
