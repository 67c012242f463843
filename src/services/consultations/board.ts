/**
 * What staff see of 微问政 in the admin (issue 14, deliverable 8): the 微问政 board (topics with the
 * counts of their suggestions per state, the oldest waiting one against its reply deadline, overdue
 * first; per topic the waiting list), the nav badge (how many wait for this user) and the moderation
 * panel of one suggestion. Every read is made **as the user** (`overrideAccess: false`), so the board
 * shows exactly what the access rules let them read, masked where they mask.
 */
import type { Payload, PayloadRequest, Where } from 'payload'
import { idOf, roleOf } from '../../access/roles'
import type { Bilingual } from '../../shared/bilingual'
import { moderationActorOf } from './access'
import {
  availableModerationActions,
  isSubmissionState,
  SUBMISSION_ACTION_LABELS,
  waiting,
  type SubmissionAction,
  type SubmissionState,
  type Waiting,
} from './moderation'
import { loadConsultationSettings } from './settings'
import { topicPhase, TOPIC_PHASE_LABELS, type TopicPhase } from './topic-window'

type User = PayloadRequest['user']

/** How long a waiting suggestion has waited, ready to show. */
export interface WaitingView {
  receivedAt: string
  /** `已等待 N 个工作日 · 剩 N 天` / `已超期 N 个工作日`, or the calendar's warning. */
  label: Bilingual
  overdue: boolean
  /** Working days left (negative when late); null when the calendar does not know. */
  remaining: number | null
}

export interface BoardSubmission {
  id: string
  excerpt: string
  name: string | null
  source: string
  waiting: WaitingView
}

export interface BoardTopic {
  id: string
  title: string
  phase: TopicPhase
  phaseLabel: Bilingual
  counts: Record<'pending' | 'approved' | 'answered' | 'rejected', number>
  /** The oldest waiting suggestion's wait; null when none waits. */
  oldest: WaitingView | null
  overdue: number
  waitingList: BoardSubmission[]
}

/** `已等待 3 个工作日 · 剩 2 天`, `今天到期`, `已超期 2 个工作日`, or the calendar's warning. */
export function waitingView(receivedAt: string, now: number, workingDays: number): WaitingView {
  const result = waiting(Date.parse(receivedAt), now, workingDays)
  if (!result.ok) return { receivedAt, label: { zh: result.warning, en: `Deadline unknown: ${result.warning}` }, overdue: false, remaining: null }
  return { receivedAt, ...waitingLabel(result.value), remaining: result.value.remainingWorkingDays }
}

function waitingLabel(value: Waiting): { label: Bilingual; overdue: boolean } {
  const waited = { zh: `已等待 ${value.waitedWorkingDays} 个工作日`, en: `Waited ${value.waitedWorkingDays} working day(s)` }
  if (value.overdue) {
    const late = -value.remainingWorkingDays
    return { overdue: true, label: { zh: `${waited.zh} · 已超期 ${late} 个工作日`, en: `${waited.en} · overdue by ${late} working day(s)` } }
  }
  if (value.remainingWorkingDays === 0) return { overdue: false, label: { zh: `${waited.zh} · 今天到期`, en: `${waited.en} · due today` } }
  return {
    overdue: false,
    label: { zh: `${waited.zh} · 剩 ${value.remainingWorkingDays} 天`, en: `${waited.en} · ${value.remainingWorkingDays} working day(s) left` },
  }
}

const COUNTED = ['pending', 'approved', 'answered', 'rejected'] as const

/**
 * The board for `user`: the approved topics they may read that have suggestions they may read or
 * are still open, with counts per state, the waiting list (oldest first) and the oldest wait; topics
 * with an overdue suggestion first, then by the oldest wait, then by title. `topicId` narrows it to one.
 */
export async function loadBoard(payload: Payload, user: User, now: number = Date.now(), topicId?: string): Promise<BoardTopic[]> {
  const settings = await loadConsultationSettings(payload)
  const where: Where = { and: [{ reviewStatus: { equals: 'approved' } }, ...(topicId ? [{ id: { equals: topicId } }] : [])] }
  const topics = await payload.find({ collection: 'consultation-topics', user, overrideAccess: false, depth: 0, pagination: false, where, sort: '-opensOn' })
  const board: BoardTopic[] = []
  for (const topic of topics.docs) {
    const submissions = await payload
      .find({
        collection: 'consultation-submissions',
        user,
        overrideAccess: false,
        depth: 0,
        pagination: false,
        where: { topic: { equals: topic.id } },
        sort: 'receivedAt',
        select: { status: true, excerpt: true, nameMasked: true, receivedAt: true, source: true },
      })
      .catch(() => ({ docs: [] }))
    const rows = submissions.docs
    const phase = topicPhase(topic, now)
    if (rows.length === 0 && phase !== 'open') continue
    const counts = { pending: 0, approved: 0, answered: 0, rejected: 0 }
    for (const row of rows) if ((COUNTED as readonly string[]).includes(row.status)) counts[row.status as (typeof COUNTED)[number]] += 1
    const waitingList = rows
      .filter((row) => row.status === 'pending')
      .map((row) => ({
        id: String(row.id),
        excerpt: row.excerpt ?? '',
        name: row.nameMasked ?? null,
        source: row.source,
        waiting: waitingView(row.receivedAt, now, settings.replyWorkingDays),
      }))
    board.push({
      id: String(topic.id),
      title: topic.title,
      phase,
      phaseLabel: TOPIC_PHASE_LABELS[phase],
      counts,
      oldest: waitingList[0]?.waiting ?? null,
      overdue: waitingList.filter((row) => row.waiting.overdue).length,
      waitingList,
    })
  }
  return board.sort(
    (a, b) =>
      Number(b.overdue > 0) - Number(a.overdue > 0) ||
      (a.oldest?.receivedAt ?? '\uffff').localeCompare(b.oldest?.receivedAt ?? '\uffff') ||
      a.title.localeCompare(b.title, 'zh'),
  )
}

/**
 * The nav badge: how many suggestions wait (待审核) that `user` may moderate — those of their
 * community or offices for staff, all for leaders and admins. 0 for anyone else.
 */
export async function waitingCountFor(payload: Payload, user: User): Promise<number> {
  if (!roleOf(user)) return 0
  const { totalDocs } = await payload
    .count({ collection: 'consultation-submissions', user, overrideAccess: false, where: { status: { equals: 'pending' } } })
    .catch(() => ({ totalDocs: 0 }))
  return totalDocs
}

/** The moderation panel of one suggestion, as `user` reads it. */
export interface ModerationPanel {
  id: string
  topic: { id: string; title: string }
  status: SubmissionState
  body: string
  name: string | null
  phone: string | null
  source: string
  receivedAt: string
  rejectionReason: string | null
  reply: string | null
  photos: Array<{ id: string; url: string; alt: string }>
  waiting: WaitingView | null
  deadlineWarning: string | null
  actions: Array<{ action: SubmissionAction; label: Bilingual; needsText: boolean }>
}

/**
 * The panel (GET /api/consultation-submissions/:id/panel): the suggestion as the user reads it (the
 * full contact only where allowed, else the masked copies), its photos' URLs (served with the
 * photos' own read rule), how long it waited and the actions the user may take now. Null when the
 * user may not read it.
 */
export async function loadModerationPanel(payload: Payload, user: User, id: string, now: number = Date.now()): Promise<ModerationPanel | null> {
  const doc = await payload
    .findByID({ collection: 'consultation-submissions', id, user, overrideAccess: false, depth: 0, disableErrors: true })
    .catch(() => null)
  if (!doc) return null
  const topicId = idOf(doc.topic) ?? ''
  const topic = await payload.findByID({
    collection: 'consultation-topics',
    id: topicId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })
  const photos = await payload
    .find({ collection: 'consultation-photos', user, overrideAccess: false, depth: 0, pagination: false, where: { submission: { equals: id } } })
    .catch(() => ({ docs: [] }))
  const status = isSubmissionState(doc.status) ? doc.status : 'pending'
  const actor = moderationActorOf(user, { office: doc.office, community: doc.community })
  const settings = await loadConsultationSettings(payload)
  const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
  return {
    id: String(doc.id),
    topic: { id: topicId, title: topic?.title ?? '' },
    status,
    body: doc.body ?? '',
    name: str(doc.name) ?? str(doc.nameMasked),
    phone: str(doc.phone) ?? str(doc.phoneMasked),
    source: doc.source ?? '',
    receivedAt: doc.receivedAt ?? '',
    rejectionReason: str(doc.rejectionReason),
    reply: str(doc.reply),
    photos: photos.docs.map((photo) => ({
      id: String(photo.id),
      url: photo.url ?? '',
      alt: photo.filename ?? '',
    })),
    waiting: status === 'pending' && doc.receivedAt ? waitingView(doc.receivedAt, now, settings.replyWorkingDays) : null,
    deadlineWarning: str(doc.deadlineWarning),
    actions: actor
      ? availableModerationActions(status, actor)
          .filter((action) => action !== 'withdraw')
          .map((action) => ({ action, label: SUBMISSION_ACTION_LABELS[action], needsText: action !== 'approve' }))
      : [],
  }
}
