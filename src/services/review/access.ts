import type { Access, Where } from 'payload'
import { communityOf, staffOf } from '../../access/roles'
import { AUTHOR_EDITABLE_STATES, editableStates } from './state-machine'

/** Editors see their community's items and their own; leaders and admins see everything. */
export const canReadContent: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (staff.role !== 'editor') return true
  const community = communityOf(req.user)
  const own: Where = { createdBy: { equals: staff.id } }
  return community ? { or: [own, { community: { equals: community } }] } : own
}

export const canCreateContent: Access = ({ req }) => {
  const role = staffOf(req.user)?.role
  return role === 'editor' || role === 'admin'
}

/** Editors edit their own items before review; leaders edit items under review; admins any unsent item. */
export const canUpdateContent: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (staff.role === 'editor') {
    const own: Where = { createdBy: { equals: staff.id } }
    const editable: Where = { reviewStatus: { in: [...editableStates({ role: 'editor', isAuthor: true })] } }
    return { and: [own, editable] }
  }
  const editable: Where = { reviewStatus: { in: [...editableStates({ role: staff.role, isAuthor: false })] } }
  return editable
}

/** Authors may delete their own unsubmitted drafts; admins anything unsent; leaders archive instead. */
export const canDeleteContent: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (staff.role === 'admin') {
    const unsent: Where = { reviewStatus: { not_equals: 'sent' } }
    return unsent
  }
  if (staff.role === 'editor') {
    const own: Where = { createdBy: { equals: staff.id } }
    const unsubmitted: Where = { reviewStatus: { in: [...AUTHOR_EDITABLE_STATES] } }
    return { and: [own, unsubmitted] }
  }
  return false
}
