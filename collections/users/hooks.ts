import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook, type Payload } from 'payload'
import { publicError } from '../../src/shared/errors'
import { idOf } from '../../src/access/roles'
import type { User } from '../../src/payload-types'

async function otherActiveAdmins(payload: Payload, exceptId: string): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: 'users',
    overrideAccess: true,
    where: { and: [{ role: { equals: 'admin' } }, { active: { not_equals: false } }, { id: { not_equals: exceptId } }] },
  })
  return totalDocs
}

/** The office must never lock itself out: the last active admin stays an active admin. */
export const keepLastAdmin: CollectionBeforeChangeHook<User> = async ({ data, originalDoc, operation, req }) => {
  if (operation !== 'update' || originalDoc?.role !== 'admin' || originalDoc?.active === false) return data
  const losesAdmin = (data.role !== undefined && data.role !== 'admin') || data.active === false
  if (losesAdmin && (await otherActiveAdmins(req.payload, String(originalDoc.id))) === 0) {
    throw publicError('不能取消最后一个管理员的管理员身份或停用其账号', 409)
  }
  return data
}

export const preventDeletingLastAdmin: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const user = await req.payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0, disableErrors: true, req })
  if (user?.role === 'admin' && user.active !== false && (await otherActiveAdmins(req.payload, String(id))) === 0) {
    throw publicError('不能删除最后一个管理员', 409)
  }
}

/** An editor belongs to a community: their items are filed under it. */
export const requireEditorCommunity: CollectionBeforeChangeHook<User> = ({ data, originalDoc }) => {
  const role = data.role ?? originalDoc?.role
  const community = data.community !== undefined ? idOf(data.community) : idOf(originalDoc?.community)
  if (role === 'editor' && !community) {
    throw new ValidationError({
      collection: 'users',
      errors: [{ path: 'community', message: '所属社区：社区编辑必须选择所属社区' }],
    })
  }
  return data
}
