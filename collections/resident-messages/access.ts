import type { Access, FieldAccess, Where } from 'payload'
import { idOf, roleOf, staffOf } from '../../src/access/roles'

/**
 * Residents' messages are personal data. Administrators and leaders see every message (leaders
 * to oversee, without openids); an editor sees the messages assigned to them and the unassigned
 * ones they may pick up.
 */
export const readResidentMessages: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (staff.role !== 'editor') return true
  const visible: Where = { or: [{ assignee: { equals: staff.id } }, { assignee: { exists: false } }] }
  return visible
}

export const updateResidentMessages: Access = readResidentMessages

/** The openid identifies a resident: only the staff who answer messages (editors, admins) see it. */
export const readOpenid: FieldAccess = ({ req }) => {
  const role = roleOf(req.user)
  return role === 'admin' || role === 'editor'
}

/** What the resident sent and the reply thread are written by the system only. */
export const systemOnly: FieldAccess = () => false

/** Editors may take a message or hand it back; leaders and admins assign anyone. */
export const updateAssignee: FieldAccess = ({ req, data }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (staff.role !== 'editor') return true
  const next = idOf(data?.assignee)
  return next === null || next === staff.id
}
