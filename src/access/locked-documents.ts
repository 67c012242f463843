/**
 * Payload's edit locks (`payload-locked-documents`): who is editing which document. Payload 3.90
 * adds this collection itself while it sanitizes the config (payload/dist/locked-documents/config.js)
 * with "any signed-in user may create, read, update and delete any lock", and offers no option to
 * change that — so any staff member could lock the leader out (423) in anyone's name. The admin
 * creates and refreshes its own locks through the database adapter (`handleFormStateLocking`), which
 * these rules do not touch; they hold for REST, GraphQL and the Local API with `overrideAccess: false`,
 * which the admin uses only to take a lock over (PATCH to its own name) and to release its own.
 *
 * Rules: only active staff; a lock is created or kept only in one's own name, on a document (or
 * global) one can read; one deletes only one's own locks (admins any).
 */
import type { Access, PayloadRequest, SanitizedConfig, Where } from 'payload'
import { idOf, staffOf } from './roles'

interface LockData {
  user?: unknown
  document?: unknown
  globalSlug?: unknown
}

/** A polymorphic `user` value (`{ relationTo, value }`, populated or not, or a bare id) names `staffId`. */
function namesStaff(user: unknown, staffId: string): boolean {
  if (user && typeof user === 'object' && 'relationTo' in user) {
    const { relationTo, value } = user as { relationTo?: unknown; value?: unknown }
    return relationTo === 'users' && idOf(value) === staffId
  }
  return idOf(user) === staffId
}

/** True when the user of `req` may read the locked document or global. */
async function canReadTarget(req: PayloadRequest, document: unknown, globalSlug: unknown): Promise<boolean> {
  const { payload } = req
  if (document && typeof document === 'object' && 'relationTo' in document) {
    const { relationTo, value } = document as { relationTo?: unknown; value?: unknown }
    const id = idOf(value)
    if (typeof relationTo !== 'string' || !id || relationTo === 'payload-locked-documents') return false
    // The lock names its collection as a string from the request: one of ours, or nothing to read.
    const collection = payload.config.collections.find((candidate) => candidate.slug === relationTo)
    if (!collection || collection.lockDocuments === false) return false
    const found = await payload.findByID({ collection: collection.slug, id, depth: 0, overrideAccess: false, user: req.user, disableErrors: true, req })
    return found != null
  }
  if (typeof globalSlug === 'string' && globalSlug !== '') {
    const global = payload.config.globals.find((candidate) => candidate.slug === globalSlug)
    if (!global || global.lockDocuments === false) return false
    try {
      await payload.findGlobal({ slug: global.slug, depth: 0, overrideAccess: false, user: req.user, req })
      return true
    } catch {
      return false
    }
  }
  return false
}

/** The lock as it would be after the write (`existing` overlaid with `data`) is the user's own, on something readable. */
async function lockIsOwnAndReadable(req: PayloadRequest, data: LockData | undefined, existing: LockData | null): Promise<boolean> {
  const staff = staffOf(req.user)
  if (!staff) return false
  const pick = <K extends keyof LockData>(key: K) => (data && data[key] !== undefined ? data[key] : existing?.[key])
  if (!namesStaff(pick('user'), String(staff.id))) return false
  // Exactly one target: a readable document must not carry a global along with it (or the reverse).
  const hasDocument = pick('document') != null
  const hasGlobal = typeof pick('globalSlug') === 'string' && pick('globalSlug') !== ''
  if (hasDocument === hasGlobal) return false
  return canReadTarget(req, pick('document'), pick('globalSlug'))
}

const ownLocks = (staffId: string): Where => ({ 'user.value': { equals: staffId } })

const canCreateLock: Access = ({ req, data }) => lockIsOwnAndReadable(req, data as LockData | undefined, null)

const canUpdateLock: Access = async ({ req, id, data }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  if (id == null) {
    // Bulk updates and the admin's permission check: one's own locks only.
    if (data && (data as LockData).user !== undefined && !namesStaff((data as LockData).user, String(staff.id))) return false
    // A bulk write is never checked lock by lock, so it may not move a lock to another target.
    if (data && ((data as LockData).document != null || (data as LockData).globalSlug != null)) return false
    return ownLocks(String(staff.id))
  }
  const existing = (await req.payload.findByID({
    collection: 'payload-locked-documents',
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })) as LockData | null
  if (!existing) return false
  return lockIsOwnAndReadable(req, data as LockData | undefined, existing)
}

const canDeleteLock: Access = ({ req }) => {
  const staff = staffOf(req.user)
  if (!staff) return false
  return staff.role === 'admin' ? true : ownLocks(String(staff.id))
}

const canReadLocks: Access = ({ req }) => staffOf(req.user) !== null

/**
 * Applies the rules above to the sanitized config (`buildConfig(...).then(guardLockedDocuments)`):
 * the only place the generated collection can be reached.
 */
export function guardLockedDocuments(config: SanitizedConfig): SanitizedConfig {
  const locks = config.collections.find((collection) => collection.slug === 'payload-locked-documents')
  if (locks) {
    locks.access = { ...locks.access, create: canCreateLock, read: canReadLocks, update: canUpdateLock, delete: canDeleteLock }
  }
  return config
}
