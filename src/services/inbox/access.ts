import { ValidationError, type Access, type CollectionBeforeChangeHook, type FieldAccess, type PayloadRequest, type Where } from 'payload'
import { idOf, roleOf, staffOf, type StaffUser } from '../../access/roles'
import { say, type Bilingual } from '../../shared/bilingual'
import type { ResidentMessage, User } from '../../payload-types'

/**
 * Who handles residents' messages. Each message sits in one queue: the community it was routed to
 * (`community`, see src/services/inbox/route-message.ts) or, when no community could be told, the
 * street office's general queue (`community` empty).
 *
 * - Administrators: every message.
 * - Leaders: the messages of their community's queue (a leader without a community — the street
 *   office's — every queue), to oversee: with the content and files (they need to judge what
 *   residents ask and how it is answered), never with the openid (readOpenid below).
 * - Editors: their community's queue (editors without a community — street office staff — the
 *   general queue), plus the messages assigned to them. Nothing of any other queue: not the
 *   message, not its files, not its conversation, no notice.
 *
 * Changing a message (status, assignee, …) is narrower for editors: only the unassigned messages of
 * their queue (to take them) and the messages assigned to them. A colleague's message is theirs
 * until a leader reassigns it or they hand it back. These are Where queries, so REST, GraphQL, the
 * Local API and bulk `PATCH ?where=…` all stay inside them, on SQLite and MongoDB alike.
 */

/** `community` empty: the general queue (`exists: false` also matches null on both adapters). */
const queueOf = (community: string | null): Where => (community ? { community: { equals: community } } : { community: { exists: false } })

/** The messages `staff` may read: `true` for all of them. */
export function readableMessages(staff: StaffUser): Where | true {
  const community = idOf(staff.community)
  if (staff.role === 'admin') return true
  if (staff.role === 'leader') return community ? { or: [queueOf(community), { assignee: { equals: staff.id } }] } : true
  return { or: [queueOf(community), { assignee: { equals: staff.id } }] }
}

/** The messages `staff` may change (take, hand back, set the status): `true` for all of them. */
export function updatableMessages(staff: StaffUser): Where | true {
  if (staff.role !== 'editor') return readableMessages(staff)
  const community = idOf(staff.community)
  return { or: [{ assignee: { equals: staff.id } }, { and: [queueOf(community), { assignee: { exists: false } }] }] }
}

export const readResidentMessages: Access = ({ req }) => {
  const staff = staffOf(req.user)
  return staff ? readableMessages(staff) : false
}

export const updateResidentMessages: Access = ({ req }) => {
  const staff = staffOf(req.user)
  return staff ? updatableMessages(staff) : false
}

/**
 * A rule on messages as a rule on what points at them (`message` in resident-media): every field
 * path gets `prefix`, so `{ community: … }` becomes `{ 'message.community': … }`.
 */
export function throughRelation(where: Where, prefix: string): Where {
  const out: Where = {}
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) out[key] = (value as Where[]).map((inner) => throughRelation(inner, prefix))
    else out[`${prefix}${key}`] = value as Where[string]
  }
  return out
}

/** The openid identifies a resident: only the staff who answer messages (editors, admins) see it. */
export const readOpenid: FieldAccess = ({ req }) => {
  const role = roleOf(req.user)
  return role === 'admin' || role === 'editor'
}

/** What the resident sent and the reply thread are written by the system only. */
export const systemOnly: FieldAccess = () => false

/** 转交社区: only leaders and admins move a message to another queue (editors' changes are dropped). */
export const updateCommunity: FieldAccess = ({ req }) => {
  const role = roleOf(req.user)
  return role === 'leader' || role === 'admin'
}

/**
 * Whether `user` belongs to the queue of a message in `community` (null: the general queue), i.e.
 * could read it without being its assignee. Admins and street-office leaders belong to every queue.
 */
function handlesQueue(user: Pick<StaffUser, 'role' | 'community'>, community: string | null): boolean {
  if (user.role === 'admin') return true
  const own = idOf(user.community)
  if (user.role === 'leader' && !own) return true
  return own === community
}

const GENERAL_QUEUE: Bilingual = { zh: '街道综合队列', en: 'street office general queue' }

async function loadUser(req: PayloadRequest, id: string): Promise<User | null> {
  return req.payload.findByID({ collection: 'users', id, overrideAccess: true, depth: 0, disableErrors: true, req })
}

async function queueName(req: PayloadRequest, community: string | null): Promise<string> {
  const general = say(req, GENERAL_QUEUE)
  if (!community) return general
  const doc = await req.payload.findByID({ collection: 'communities', id: community, overrideAccess: true, depth: 0, disableErrors: true, req })
  return (doc as { name?: string } | null)?.name ?? general
}

/** Refuses the save with `message` (in the admin's language) on the 负责人 field. */
const refuse = (req: PayloadRequest, message: Bilingual): never => {
  throw new ValidationError({ collection: 'resident-messages', errors: [{ path: 'assignee', message: say(req, message) }] })
}

/**
 * beforeChange: who may be assigned a message, checked on every staff write (the admin form, REST,
 * GraphQL, bulk PATCH — each document on its own):
 * - an editor only takes an unassigned message of their queue or hands back their own;
 * - a leader or admin assigns only someone who could read the message in its (new) queue — an
 *   editor of that community, a street-office editor for the general queue, or an admin — never a
 *   leader (leaders do not reply to residents) nor a deactivated account;
 * - moving a message to another queue (转交社区) without naming an assignee clears an assignee who
 *   does not belong to the new queue, so the message does not stay with someone who lost it.
 * Writes by the system (no signed-in user: the callback, a reply being recorded) are not checked.
 * Errors are Chinese, on the 负责人 field.
 */
export const checkAssignment: CollectionBeforeChangeHook<ResidentMessage> = async ({ data, originalDoc, req, operation }) => {
  const staff = staffOf(req.user)
  if (!staff || operation !== 'update') return data
  const community = data.community !== undefined ? idOf(data.community) : idOf(originalDoc?.community)
  const current = idOf(originalDoc?.assignee)
  const movedQueue = community !== idOf(originalDoc?.community)

  // Payload hands the hook the stored value of fields the request left out: "unchanged" is
  // "the same id as before", whether or not the request named it.
  const next = data.assignee !== undefined ? idOf(data.assignee) : current
  if (next === current) {
    if (movedQueue && current) {
      const assignee = await loadUser(req, current)
      if (!assignee || !handlesQueue(assignee, community)) data.assignee = null
    }
    return data
  }

  if (staff.role === 'editor') {
    if (next === null && current === staff.id) return data
    if (next === staff.id && current === null && handlesQueue(staff, community)) return data
    return refuse(req, {
      zh: '负责人：社区编辑只能领取本社区队列中未分配的留言，或交回自己负责的留言；改派请找审核领导或管理员',
      en: 'Assignee: an editor may only take an unassigned message of their queue or hand back their own; ask a reviewing leader or an admin to reassign it',
    })
  }
  if (next === null) return data
  const assignee = await loadUser(req, next)
  if (!assignee || assignee.active === false)
    return refuse(req, { zh: '负责人：该用户不存在或已停用', en: 'Assignee: this user does not exist or is deactivated' })
  if (assignee.role === 'leader') {
    return refuse(req, {
      zh: '负责人：审核领导不回复居民留言，请指派社区编辑或管理员',
      en: 'Assignee: reviewing leaders do not reply to residents; assign a community editor or an admin',
    })
  }
  if (!handlesQueue(assignee, community)) {
    const who = assignee.name || assignee.email || ''
    const queue = await queueName(req, community)
    return refuse(req, {
      zh: `负责人：${who || '该用户'} 不属于这条留言所在的「${queue}」，看不到这条留言；请指派该社区的编辑，或先转交社区`,
      en: `Assignee: ${who || 'this user'} does not belong to this message's queue (${queue}) and cannot see it; assign an editor of that community, or move the message to another community first`,
    })
  }
  return data
}
