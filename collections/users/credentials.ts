import {
  AuthenticationError,
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeLoginHook,
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
  type PayloadRequest,
} from 'payload'
import { staffOf } from '../../src/access/roles'
import { verifyStoredPassword } from './password-hash'
import type { User } from '../../src/payload-types'

/** Passwords are at least this many characters (the demo accounts' `demo-password` has 13). */
const MIN_PASSWORD_LENGTH = 12

const english = (req: PayloadRequest) => req.i18n?.language === 'en'

const passwordTooShort = (req: PayloadRequest) =>
  english(req) ? `The password must have at least ${MIN_PASSWORD_LENGTH} characters` : `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`

function refuse(req: PayloadRequest, path: string, message: string): never {
  throw new ValidationError({ collection: 'users', errors: [{ path, message }], req }, req.t)
}

/**
 * `beforeValidate` on `users`: a new or changed password has at least MIN_PASSWORD_LENGTH characters.
 * Payload reads `data.password` before the collection's beforeValidate hooks run and hashes it only
 * after them, so refusing here stops create, update (REST, GraphQL, admin, Local API) and first-register.
 */
export const enforcePasswordLength: CollectionBeforeValidateHook<User> = ({ data, req }) => {
  const password = data?.password
  if (typeof password === 'string' && password !== '' && password.length < MIN_PASSWORD_LENGTH) {
    refuse(req, 'password', passwordTooShort(req))
  }
  return data
}

/** `beforeOperation` on `users`: the reset-password link sets a password without running beforeValidate. */
export const enforcePasswordLengthOnReset: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'resetPassword') return args
  const password = (args as { data?: { password?: unknown } }).data?.password
  if (typeof password === 'string' && password.length < MIN_PASSWORD_LENGTH) refuse(req, 'password', passwordTooShort(req))
  return args
}

/**
 * `beforeChange` on `users`: changing one's own email or password takes the current password
 * (`currentPassword`, never stored). An admin changing another account's email or password needs
 * none, and the change is logged (`users.credentials-changed`, who, whose, what).
 */
export const requireCurrentPassword: CollectionBeforeChangeHook<User> = async ({ data, originalDoc, operation, req }) => {
  const currentPassword = data.currentPassword
  delete data.currentPassword
  if (operation !== 'update' || !originalDoc) return data
  const changed: string[] = []
  if (typeof data.email === 'string' && data.email.toLowerCase().trim() !== String(originalDoc.email ?? '').toLowerCase()) changed.push('email')
  if (typeof data.password === 'string' && data.password !== '') changed.push('password')
  if (changed.length === 0) return data
  const actor = staffOf(req.user)
  if (actor && actor.id.toString() === String(originalDoc.id)) {
    if (typeof currentPassword !== 'string' || currentPassword === '') {
      refuse(req, 'currentPassword', english(req) ? 'Enter your current password to change your email or password' : '修改邮箱或密码需要输入当前密码')
    }
    const stored = await req.payload.db.findOne({ collection: 'users', where: { id: { equals: originalDoc.id } }, req })
    if (!(await verifyStoredPassword(stored as { hash?: unknown; salt?: unknown } | null, currentPassword))) {
      refuse(req, 'currentPassword', english(req) ? 'The current password is not correct' : '当前密码不正确')
    }
    return data
  }
  req.payload.logger.info({ event: 'users.credentials-changed', by: actor?.id ?? 'system', user: String(originalDoc.id), changed })
  return data
}

/**
 * `afterChange` on `users`: deactivating an account ends every session it has at once (Payload's
 * JWT strategy accepts a token only while its session is stored on the user).
 */
export const endSessionsOnDeactivation: CollectionAfterChangeHook<User> = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && doc.active === false && previousDoc?.active !== false) {
    await req.payload.db.updateOne({ collection: 'users', id: doc.id, data: { sessions: [] }, req, returning: false })
  }
  return doc
}

/** `beforeLogin` on `users`: a deactivated account never gets a session (the same 401 as a wrong password). */
export const refuseDeactivatedLogin: CollectionBeforeLoginHook = ({ req, user }) => {
  if ((user as { active?: boolean | null }).active === false) throw new AuthenticationError(req.t)
  return user
}
