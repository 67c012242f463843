/**
 * The staff side of appointments in the admin: 今日预约 (a day's appointments by slot), 办件看板 (the
 * open matters by status, overdue first), the panel on an appointment (its steps, the expected
 * completion date, the steps the user may take now) and the guides a member of staff may book for a
 * resident. Pure helpers first (grouping, ordering, the overdue count), then the data functions.
 *
 * The data functions read appointments and steps **as the user** (`overrideAccess: false`): who sees
 * which appointment and whose full personal data is access.ts's rule alone — staff of the office and
 * admins get the full name and mobile, leaders only the masked copies, anyone else nothing. Nothing
 * here bypasses access for display.
 */
import { Forbidden, type Payload, type PayloadRequest, type Where } from 'payload'
import { idOf, roleOf, staffOf } from '../../access/roles'
import { shanghaiDate } from '../../shared/time'
import { workingDaysBetween } from '../calendar/calendar'
import { APPROVED_GUIDE } from '../guides/access'
import { officesOf } from './access'
import {
  availableMatterActions,
  isMatterState,
  isOverdue,
  MATTER_ACTION_LABELS,
  MATTER_STATE_LABELS,
  requiredNote,
  type MatterAction,
  type MatterState,
} from './matter-status'
import { staffMatterActor } from './steps'

type User = PayloadRequest['user']

/** The status columns of 办件看板, in the order a matter moves through them. */
export const BOARD_STATES = ['checked_in', 'accepted', 'in_progress', 'needs_more'] as const satisfies readonly MatterState[]
export type BoardState = (typeof BOARD_STATES)[number]

/** How an appointment was booked. */
export const CHANNEL_LABELS: Record<string, { zh: string; en: string }> = {
  online: { zh: '微信预约', en: 'Online' },
  staff: { zh: '工作人员代约', en: 'Booked by staff' },
}

/** One appointment as the staff views list it; `name`/`mobile` are full only where the user may read them. */
export interface StaffAppointmentRow {
  id: string
  bookingCode: string
  guideTitle: string
  office: string | null
  slotDate: string
  slotStart: string
  slotEnd: string
  /** ISO instant of the slot's start (for ordering). */
  slotStartsAt: string
  status: MatterState
  channel: string
  /** The masked name (张**) and mobile (138****1234), or `—`: lists never show the full values. */
  name: string
  mobile: string
  expectedCompletion: string | null
}

/** The appointments of one slot (start–end) of a day. */
export interface SlotGroup {
  start: string
  end: string
  rows: StaffAppointmentRow[]
}

/**
 * The rows grouped by slot time (`slotStart`–`slotEnd`), slots in time order, rows keeping their
 * order within a slot. Rows of different guides at the same time share a group.
 */
export function groupBySlot(rows: readonly StaffAppointmentRow[]): SlotGroup[] {
  const groups = new Map<string, SlotGroup>()
  for (const row of rows) {
    const key = `${row.slotStart}-${row.slotEnd}`
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { start: row.slotStart, end: row.slotEnd, rows: [] }))
    group.rows.push(row)
  }
  return [...groups.values()].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))
}

/**
 * Where a matter stands against its expected completion date on `today` (Beijing `YYYY-MM-DD`):
 * - `none`: no date (not yet accepted, or a guide without a time limit);
 * - `due`: running and not past the date;
 * - `overdue`: `isOverdue` (matter-status.ts) — `workingDays` working days after the date
 *   (`workingDaysBetween(date, today)`, counted as the time limit is), or null with the calendar's
 *   Chinese `calendarWarning` when the span reaches a year the calendar does not know.
 */
export type Deadline =
  { kind: 'none' } | { kind: 'due'; date: string } | { kind: 'overdue'; date: string; workingDays: number | null; calendarWarning?: string }

/** See `Deadline`. */
export function matterDeadline(status: MatterState, expectedCompletion: string | null | undefined, today: string): Deadline {
  if (!expectedCompletion) return { kind: 'none' }
  if (!isOverdue(status, expectedCompletion, today)) return { kind: 'due', date: expectedCompletion }
  const span = workingDaysBetween(expectedCompletion, today)
  return span.ok
    ? { kind: 'overdue', date: expectedCompletion, workingDays: span.value }
    : { kind: 'overdue', date: expectedCompletion, workingDays: null, calendarWarning: span.warning }
}

/**
 * The deadline as staff read it: 「已超期 N 个工作日」 (a day after the date but on a holiday: 0 working
 * days, still overdue — 「已超期（预计办结 2026-12-11）」), 「预计办结 2026-12-11」, or '' without a date.
 */
export function deadlineText(deadline: Deadline, lang: string): string {
  const en = lang === 'en'
  if (deadline.kind === 'none') return ''
  if (deadline.kind === 'due') return en ? `Expected by ${deadline.date}` : `预计办结 ${deadline.date}`
  if (deadline.workingDays !== null && deadline.workingDays > 0) {
    return en ? `Overdue by ${deadline.workingDays} working day(s)` : `已超期 ${deadline.workingDays} 个工作日`
  }
  return en ? `Overdue (expected by ${deadline.date})` : `已超期（预计办结 ${deadline.date}）`
}

/** A row of 办件看板 with its deadline. */
export interface BoardRow extends StaffAppointmentRow {
  deadline: Deadline
}

/** One column of 办件看板. */
export interface BoardColumn {
  status: BoardState
  count: number
  overdue: number
  rows: BoardRow[]
}

/** Overdue first (most working days first; unknown counts by the oldest date), then the nearest date, then no date; ties by slot. */
function compareBoardRows(a: BoardRow, b: BoardRow): number {
  const rank = (row: BoardRow) => (row.deadline.kind === 'overdue' ? 0 : row.deadline.kind === 'due' ? 1 : 2)
  if (rank(a) !== rank(b)) return rank(a) - rank(b)
  if (a.deadline.kind === 'overdue' && b.deadline.kind === 'overdue') {
    const byCount = (b.deadline.workingDays ?? -1) - (a.deadline.workingDays ?? -1)
    if (byCount !== 0) return byCount
  }
  const dateOf = (row: BoardRow) => (row.deadline.kind === 'none' ? '' : row.deadline.date)
  return dateOf(a).localeCompare(dateOf(b)) || a.slotStartsAt.localeCompare(b.slotStartsAt) || a.bookingCode.localeCompare(b.bookingCode)
}

/**
 * The open matters in the board's columns (BOARD_STATES; rows in another state are left out), each
 * column overdue first (see `compareBoardRows`), with its count and how many are overdue, on `today`
 * (Beijing `YYYY-MM-DD`).
 */
export function boardColumns(rows: readonly StaffAppointmentRow[], today: string): BoardColumn[] {
  return BOARD_STATES.map((status) => {
    const inColumn = rows
      .filter((row) => row.status === status)
      .map((row) => ({ ...row, deadline: matterDeadline(row.status, row.expectedCompletion, today) }))
      .sort(compareBoardRows)
    return { status, count: inColumn.length, overdue: inColumn.filter((row) => row.deadline.kind === 'overdue').length, rows: inColumn }
  })
}

/** What a user may do on the staff views. */
export interface StaffViewAccess {
  /** Reads appointments at all: admins, leaders (masked), staff with offices. */
  canSee: boolean
  /** May check in, take steps and book (admins and staff with offices; leaders read only). */
  canAct: boolean
  /** Sees every office (admins, leaders), so gets the office filter. */
  allOffices: boolean
}

/** See `StaffViewAccess`; the endpoints and the collection's access are what enforce it. */
export function staffViewAccess(user: User | undefined | null): StaffViewAccess {
  const role = roleOf(user)
  const hasOffices = officesOf(user).length > 0
  return {
    canSee: role === 'admin' || role === 'leader' || hasOffices,
    canAct: role === 'admin' || hasOffices,
    allOffices: role === 'admin' || role === 'leader',
  }
}

/** An appointment as read through access (full values absent when not readable). */
interface ReadAppointment {
  id: string | number
  bookingCode: string
  guide?: unknown
  office?: unknown
  slotDate: string
  slotStart: string
  slotEnd: string
  slotStartsAt: string
  status: string
  channel?: string | null
  name?: string | null
  mobile?: string | null
  nameMasked?: string | null
  mobileMasked?: string | null
  expectedCompletion?: string | null
}

function toRow(doc: ReadAppointment): StaffAppointmentRow {
  const guide = doc.guide as { title?: unknown } | null | undefined
  return {
    id: String(doc.id),
    bookingCode: doc.bookingCode,
    guideTitle: guide && typeof guide === 'object' && typeof guide.title === 'string' ? guide.title : '—',
    office: idOf(doc.office),
    slotDate: doc.slotDate,
    slotStart: doc.slotStart,
    slotEnd: doc.slotEnd,
    slotStartsAt: typeof doc.slotStartsAt === 'string' ? doc.slotStartsAt : new Date(doc.slotStartsAt as unknown as Date).toISOString(),
    status: isMatterState(doc.status) ? doc.status : 'booked',
    channel: doc.channel ?? 'online',
    // Lists show the masked copies to everyone (the issue: 「列表和导出一律脱敏」); the full values are
    // on the appointment itself, for the office's staff and admins.
    name: doc.nameMasked || '—',
    mobile: doc.mobileMasked || '—',
    expectedCompletion: doc.expectedCompletion ?? null,
  }
}

/** Most appointments one view lists: a day of a busy office is a few hundred. */
const VIEW_LIMIT = 1000

/** Reads appointments as `user`; a user with no read access at all reads none (not an error). */
async function readAsUser(payload: Payload, user: User, where: Where, sort: string[]): Promise<StaffAppointmentRow[]> {
  if (!staffOf(user)) return []
  try {
    const found = await payload.find({
      collection: 'appointments',
      where,
      sort,
      limit: VIEW_LIMIT,
      pagination: false,
      depth: 1,
      // Only the guide's title is shown: fetch nothing else of it.
      populate: { 'service-guides': { title: true } },
      user,
      overrideAccess: false,
    })
    return (found.docs as unknown as ReadAppointment[]).map(toRow)
  } catch (error) {
    if (error instanceof Forbidden) return []
    throw error
  }
}

const officeWhere = (office: string | null | undefined): Where[] => (office ? [{ office: { equals: office } }] : [])

/**
 * 今日预约: the appointments of Beijing day `date` (`YYYY-MM-DD`) the user may read, optionally of one
 * `office`, by slot start then booking time. Full name and mobile only where access.ts allows.
 */
export async function loadDayAppointments(payload: Payload, user: User, options: { date: string; office?: string | null }): Promise<StaffAppointmentRow[]> {
  return readAsUser(payload, user, { and: [{ slotDate: { equals: options.date } }, ...officeWhere(options.office)] }, ['slotStartsAt', 'createdAt'])
}

/** 办件看板: the open matters (BOARD_STATES) the user may read, optionally of one `office`. */
export async function loadOpenMatters(payload: Payload, user: User, options: { office?: string | null } = {}): Promise<StaffAppointmentRow[]> {
  return readAsUser(payload, user, { and: [{ status: { in: [...BOARD_STATES] } }, ...officeWhere(options.office)] }, ['slotStartsAt'])
}

/** The offices the user's views may filter by: every office for admins and leaders, else the user's own. */
export async function officeChoices(payload: Payload, user: User): Promise<{ id: string; name: string }[]> {
  const access = staffViewAccess(user)
  if (!access.canSee) return []
  const own = officesOf(user)
  const found = await payload.find({
    collection: 'offices',
    where: access.allOffices ? {} : { id: { in: own } },
    limit: 200,
    pagination: false,
    depth: 0,
    sort: 'name',
    user,
    overrideAccess: false,
  })
  return (found.docs as unknown as { id: string | number; name?: string }[]).map((office) => ({
    id: String(office.id),
    name: office.name ?? String(office.id),
  }))
}

/** A guide staff may book for a resident. */
export interface StaffBookableGuide {
  id: string
  title: string
  office: string | null
  bookingNeedsIdNumber: boolean
}

/**
 * The approved, bookable guides of the user's offices (admins: of every office), by title: the
 * choice of 代约. The booking endpoint checks the office again.
 */
export async function bookableGuidesFor(payload: Payload, user: User): Promise<StaffBookableGuide[]> {
  const staff = staffOf(user)
  if (!staff) return []
  const admin = roleOf(user) === 'admin'
  const offices = officesOf(user)
  if (!admin && offices.length === 0) return []
  const found = await payload.find({
    collection: 'service-guides',
    where: { and: [APPROVED_GUIDE, { bookable: { equals: true } }, ...(admin ? [] : [{ office: { in: offices } }])] },
    sort: 'title',
    limit: 500,
    pagination: false,
    depth: 0,
    user,
    overrideAccess: false,
  })
  return (found.docs as unknown as { id: string | number; title: string; office?: unknown; bookingNeedsIdNumber?: boolean | null }[]).map((guide) => ({
    id: String(guide.id),
    title: guide.title,
    office: idOf(guide.office),
    bookingNeedsIdNumber: guide.bookingNeedsIdNumber === true,
  }))
}

/** One step of the timeline on an appointment. */
export interface PanelStep {
  action: string
  /** The step's label (预约, 签到, 受理 …). */
  label: { zh: string; en: string }
  from: string | null
  to: string
  toLabel: { zh: string; en: string }
  note: string | null
  /** For 受理: the expected completion date it set. */
  expectedCompletion: string | null
  at: string
  actor: string
  /** The staff member's name, when a member of staff took the step and the reader may see it. */
  byName: string | null
  calendarWarning: string | null
}

/** A step the user may take now, for the panel's buttons. */
export interface PanelAction {
  action: MatterAction
  label: { zh: string; en: string }
  /** What the note must say (Chinese) when it is required; null when optional. */
  noteRequired: string | null
  /** Why the button is disabled now (Chinese), e.g. a no-show before the slot ended. */
  disabledReason: string | null
}

/** The panel on an appointment's edit view. */
export interface MatterPanel {
  id: string
  status: MatterState
  statusLabel: { zh: string; en: string }
  expectedCompletion: string | null
  deadline: Deadline
  /** `deadlineText` in both languages ('' without a date). */
  deadlineLabel: { zh: string; en: string }
  steps: PanelStep[]
  actions: PanelAction[]
}

const BOOK_LABEL = { zh: '预约', en: 'Book' }

/**
 * The display names of the staff who took steps. Only the name, as src/admin/user-names.ts shows
 * names on documents: whoever may read the matter sees who handled it, even without access to
 * that colleague's account.
 */
async function staffNames(payload: Payload, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))]
  if (wanted.length === 0) return new Map()
  const found = await payload.find({
    collection: 'users',
    where: { id: { in: wanted } },
    select: { name: true },
    limit: wanted.length,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  return new Map((found.docs as unknown as { id: string | number; name?: string | null }[]).map((user) => [String(user.id), user.name || '—']))
}

/**
 * The panel of appointment `id` for `user` at `now` (epoch ms): `null` when the user may not read it
 * (nor its steps). Actions are availableMatterActions for the user's actor (staffMatterActor: leaders
 * and other offices get none), with the note each requires; 登记未到 is disabled until the slot ends.
 */
export async function loadMatterPanel(payload: Payload, user: User, id: string, now: number = Date.now()): Promise<MatterPanel | null> {
  const staff = staffOf(user)
  if (!staff) return null
  // No read access at all (Payload throws Forbidden) reads as nothing, like a matter that does not exist.
  const readable = async (read: () => Promise<{ docs: unknown[] }>): Promise<unknown[]> =>
    read().then(
      (found) => found.docs,
      (error: unknown) => {
        if (error instanceof Forbidden) return []
        throw error
      },
    )
  const found = await readable(() =>
    payload.find({ collection: 'appointments', where: { id: { equals: id } }, limit: 1, depth: 0, user, overrideAccess: false }),
  )
  const doc = found[0] as (ReadAppointment & { slotEndsAt: string }) | undefined
  if (!doc || !isMatterState(doc.status)) return null
  const stepsFound = await readable(() =>
    payload.find({
      collection: 'matter-steps',
      where: { appointment: { equals: doc.id } },
      sort: ['at', 'createdAt', 'id'],
      limit: 200,
      pagination: false,
      depth: 0,
      user,
      overrideAccess: false,
    }),
  )
  type ReadStep = {
    action: string
    from?: string | null
    to: string
    note?: string | null
    expectedCompletion?: string | null
    at: string
    actor: string
    by?: unknown
    calendarWarning?: string | null
  }
  const readSteps = stepsFound as ReadStep[]
  const names = await staffNames(
    payload,
    readSteps.map((step) => idOf(step.by)),
  )
  const steps = readSteps.map((step) => ({
    action: step.action,
    label: step.action === 'book' ? BOOK_LABEL : (MATTER_ACTION_LABELS[step.action as MatterAction] ?? { zh: step.action, en: step.action }),
    from: step.from ?? null,
    to: step.to,
    toLabel: isMatterState(step.to) ? MATTER_STATE_LABELS[step.to] : { zh: step.to, en: step.to },
    note: step.note ?? null,
    expectedCompletion: step.expectedCompletion ?? null,
    at: typeof step.at === 'string' ? step.at : new Date(step.at as unknown as Date).toISOString(),
    actor: step.actor,
    byName: names.get(idOf(step.by) ?? '') ?? null,
    calendarWarning: step.calendarWarning ?? null,
  }))
  const actor = staffMatterActor(staff, doc.office)
  const slotEnded = now >= Date.parse(String(doc.slotEndsAt))
  const actions = availableMatterActions(doc.status, actor).map((action) => ({
    action,
    label: MATTER_ACTION_LABELS[action],
    noteRequired: requiredNote(action, actor),
    disabledReason: action === 'mark_no_show' && !slotEnded ? '预约时段结束后才能登记未到' : null,
  }))
  const today = shanghaiDate(now)
  const deadline = matterDeadline(doc.status, doc.expectedCompletion, today)
  return {
    id: String(doc.id),
    status: doc.status,
    statusLabel: MATTER_STATE_LABELS[doc.status],
    expectedCompletion: doc.expectedCompletion ?? null,
    deadline,
    deadlineLabel: { zh: deadlineText(deadline, 'zh'), en: deadlineText(deadline, 'en') },
    steps,
    actions,
  }
}
