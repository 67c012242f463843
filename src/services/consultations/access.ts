/**
 * Who reads and writes what of 微问政 (issue 14), through REST, GraphQL and the Local API with
 * `overrideAccess: false`:
 *
 * - Topics (`consultation-topics`): reviewed like the service guides (editor → leader). Anyone (the
 *   public, residents) reads **approved** topics **already opened** (`opensOn` ≤ today, Beijing) only; staff read what they read of any reviewed item
 *   (editors: their community's and their own; leaders and admins: all), the topics of their offices,
 *   and every approved topic. Editors write their own before review, leaders under review, admins
 *   anything (src/services/review/access.ts); staff of the handling office may also edit an approved
 *   topic's outcome (the hook keeps them to the outcome fields).
 * - Suggestions (`consultation-submissions`): admins and leaders read all; staff read those of their
 *   community (the topic's community) and of their offices (the topic's handling office); nobody else.
 *   The full openid, name and phone (and the fingerprint, derived from the openid) only for admins and
 *   staff of the handling office (`personalDataField` of the appointments, on the office copied onto
 *   the suggestion); everyone else reads the masked copies. No write through the API: the residents'
 *   page stores through submit.ts, staff moderate through `POST /:id/moderate`.
 * - Photos (`consultation-photos`): read by those who read their suggestion; no write through the API.
 */
import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'
import { communityOf, idOf, roleOf, staffOf } from '../../access/roles'
import { shanghaiDate } from '../../shared/time'
import { mayHandleOffice, officesOf } from '../appointments/access'
import { canReadContent, canUpdateContent } from '../review/access'
import type { ModerationActor } from './moderation'

/** What anyone (signed in or not) reads of topics: those a leader approved. */
export const APPROVED_TOPIC: Where = { reviewStatus: { equals: 'approved' } }

/**
 * What the public reads of topics at `now` (epoch ms): approved and already opened (`opensOn` on or
 * before the Beijing day), as the residents' pages show them — an announced topic is not listed by
 * REST or GraphQL before its day either.
 */
export const publicTopicWhere = (now: number): Where => ({ and: [APPROVED_TOPIC, { opensOn: { less_than_equal: shanghaiDate(now) } }] })

/** Topics: see the module's notes. */
export const canReadTopics: Access = async (args) => {
  const staff = staffOf(args.req.user)
  if (!staff) return publicTopicWhere(Date.now())
  const staffRule = await canReadContent(args)
  if (staffRule === true) return true
  const offices = officesOf(args.req.user)
  const ors: Where[] = [APPROVED_TOPIC]
  if (staffRule !== false) ors.push(staffRule)
  if (offices.length > 0) ors.push({ office: { in: offices } })
  return { or: ors }
}

/**
 * Topics: the review's rule (editors their own drafts, leaders under review, admins unsent), and staff
 * of the handling office on an approved topic (for its outcome; the hook refuses other fields).
 */
export const canUpdateTopics: Access = async (args) => {
  const contentRule = await canUpdateContent(args)
  if (contentRule === true) return true
  const offices = officesOf(args.req.user)
  if (offices.length === 0) return contentRule
  const outcome: Where = { and: [{ office: { in: offices } }, APPROVED_TOPIC] }
  return contentRule === false ? outcome : { or: [contentRule, outcome] }
}

/** Who wrote and reviewed a topic, and its history: staff only (reviewStatus stays readable, residents filter on it). */
export const staffOnlyField: FieldAccess = ({ req }) => staffOf(req.user) !== null

/** Nobody writes the field through the API: the endpoints set it (overrideAccess). */
export const nobody: FieldAccess = () => false

/** Suggestions: see the module's notes. */
export const canReadSubmissions: Access = ({ req }) => {
  const role = roleOf(req.user)
  if (role === 'admin' || role === 'leader') return true
  if (!role) return false
  const ors: Where[] = []
  const community = communityOf(req.user)
  if (community) ors.push({ community: { equals: community } })
  const offices = officesOf(req.user)
  if (offices.length > 0) ors.push({ office: { in: offices } })
  return ors.length === 0 ? false : { or: ors }
}

/**
 * The full openid, name and phone of a suggestion: admins and staff of the topic's handling office
 * (the `office` copied onto the suggestion). Without a document (a query's path check, a list column
 * filter) only admins pass, so nobody filters by what they may not read.
 */
export const personalSubmissionField: FieldAccess = ({ req, doc }) => mayHandleOffice(req.user, (doc as { office?: unknown } | undefined)?.office)

/** Photos: read by those who read their suggestion (the same rule, through the photo's `submission`). */
export const canReadPhotos: Access = ({ req }) => {
  const role = roleOf(req.user)
  if (role === 'admin' || role === 'leader') return true
  if (!role) return false
  const ors: Where[] = []
  const community = communityOf(req.user)
  if (community) ors.push({ 'submission.community': { equals: community } })
  const offices = officesOf(req.user)
  if (offices.length > 0) ors.push({ 'submission.office': { in: offices } })
  return ors.length === 0 ? false : { or: ors }
}

/** The suggestion's (or topic's) community and handling office, as ids. */
export interface TopicPlace {
  community?: unknown
  office?: unknown
}

/** True when the staff member belongs to the topic's community or its handling office. */
export function isOfTopic(user: PayloadRequest['user'] | undefined | null, place: TopicPlace): boolean {
  if (!staffOf(user)) return false
  const community = idOf(place.community)
  const office = idOf(place.office)
  return (community !== null && communityOf(user) === community) || (office !== null && officesOf(user).includes(office))
}

/** The moderation actor (moderation.ts) of a signed-in staff member for a suggestion; null when nobody is signed in. */
export function moderationActorOf(user: PayloadRequest['user'] | undefined | null, place: TopicPlace): ModerationActor | null {
  const role = roleOf(user)
  if (role === 'admin') return { kind: 'admin' }
  if (role === 'leader') return { kind: 'leader' }
  if (!role) return null
  return { kind: 'staff', ofTopic: isOfTopic(user, place) }
}

/** Who may publish a topic's outcome, turn it into an article or pin it: admins, leaders and staff of the handling office. */
export function mayManageOutcome(user: PayloadRequest['user'] | undefined | null, topic: TopicPlace): boolean {
  const role = roleOf(user)
  if (role === 'admin' || role === 'leader') return true
  return mayHandleOffice(user, topic.office)
}
