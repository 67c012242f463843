/**
 * Booking a slot of a guide: the open slots with their free seats, and the booking itself — checks,
 * an atomic seat claim (seats.ts), the appointment with its booking code, and the first step of its
 * history. Residents book online through the residents' pages; staff book for a resident who calls or
 * walks in (no cut-off, no no-show block, openid optional).
 */
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { idOf, type StaffUser } from '../../access/roles'
import { ApiError } from '../../http/api-error'
import { shanghaiDate, addDays } from '../../shared/time'
import { APPROVED_GUIDE } from '../guides/access'
import { findRuleForGuide, toBookingRule } from './booking-rules'
import { generateBookingCode } from './booking-code'
import { noShowBlock, type NoShowStatus } from './no-show'
import { maskIdNumber, maskMobile, maskName, validateIdNumber, validateMobile, validateName } from './resident-data'
import { claimSeat, releaseSeat, seatsTaken } from './seats'
import { loadAppointmentSettings } from './settings'
import type { StoredAppointment } from './types'
import { tellResident } from './notices'
import { generateSlots, SLOT_DEFAULTS, type Slot, type SlotWarning } from './slots'

/** A guide as booking needs it (depth 0). */
export interface BookableGuide {
  id: string
  title: string
  office: string | null
  timeLimitDays: number | null
  bookingNeedsIdNumber: boolean
  /** 办理地点, shown on the booking page. */
  place: string | null
}

/** A slot with the seats still free. */
export interface OpenSlot extends Slot {
  free: number
}

export interface SlotsAnswer {
  guide: BookableGuide
  slots: OpenSlot[]
  /** Calendar warnings (a year chinese-days does not know), Chinese, for staff. */
  warnings: SlotWarning[]
  /** The rule's cut-off in minutes: residents book and cancel online only before it. */
  cutoffMinutes: number
}

/** Who books: a resident through the residents' pages, or staff for a resident. */
export type Booker = { kind: 'resident'; openid: string; accountId?: string | null } | { kind: 'staff'; user: StaffUser; openid?: string | null }

export interface BookingInput {
  guideId: string
  slotKey: string
  name: unknown
  mobile: unknown
  idNumber?: unknown
  /** The form's one-time key: the same submission twice gives the same appointment. */
  requestKey?: string
}

/** What the resident and staff are shown of a booking. */
export interface BookedAppointment {
  id: string
  bookingCode: string
  guideTitle: string
  slotDate: string
  slotStart: string
  slotEnd: string
  status: string
}

/** How many free slots a refusal suggests. */
const SUGGESTED_SLOTS = 3

/**
 * The approved, bookable guide `guideId`.
 * @throws ApiError 404 `guide-not-found` (missing or not approved), 409 `not-bookable`.
 */
export async function loadBookableGuide(payload: Payload, guideId: string): Promise<BookableGuide> {
  const found = await payload.find({
    collection: 'service-guides',
    where: { and: [{ id: { equals: guideId } }, APPROVED_GUIDE] },
    limit: 1,
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  const guide = found.docs[0] as unknown as
    | {
        id: string | number
        title: string
        office?: unknown
        timeLimitDays?: number | null
        bookable?: boolean | null
        bookingNeedsIdNumber?: boolean | null
        place?: string | null
      }
    | undefined
  if (!guide) throw new ApiError(404, 'guide-not-found', '没有找到这个办事事项')
  if (!guide.bookable) throw new ApiError(409, 'not-bookable', `“${guide.title}”暂不支持网上预约，请直接到窗口办理或电话咨询`)
  return {
    id: String(guide.id),
    title: guide.title,
    office: idOf(guide.office),
    timeLimitDays: guide.timeLimitDays ?? null,
    bookingNeedsIdNumber: guide.bookingNeedsIdNumber === true,
    place: guide.place ?? null,
  }
}

/**
 * The slots of guide `guideId` open at `now`, with their free seats (full slots included, `free: 0`).
 * Staff (`forStaff`) see slots up to their start (no cut-off).
 * @throws ApiError as loadBookableGuide; 409 `no-booking-rule` when no rule applies to the guide.
 */
export async function openSlots(payload: Payload, guideId: string, now: number, options: { forStaff?: boolean } = {}): Promise<SlotsAnswer> {
  const guide = await loadBookableGuide(payload, guideId)
  const stored = await findRuleForGuide(payload, guide.id, guide.office)
  if (!stored) throw new ApiError(409, 'no-booking-rule', `“${guide.title}”还没有设置预约时间，请电话咨询或直接到窗口办理`)
  const rule = toBookingRule(stored)
  const generated = generateSlots(rule, now, options.forStaff ? { cutoffMinutes: 0 } : {})
  const taken = await seatsTaken(
    payload,
    generated.slots.map((slot) => slot.key),
  )
  const slots = generated.slots.map((slot) => ({ ...slot, free: Math.max(0, slot.capacity - (taken.get(slot.key) ?? 0)) }))
  return { guide, slots, warnings: generated.warnings, cutoffMinutes: rule.cutoffMinutes ?? SLOT_DEFAULTS.cutoffMinutes }
}

/** The free slots to offer instead of `wanted`: the next ones after it, then (none left) the earliest. */
const suggestions = (slots: readonly OpenSlot[], wanted: string) => {
  const free = slots.filter((slot) => slot.free > 0 && slot.key !== wanted)
  const after = slots.find((slot) => slot.key === wanted)?.startMs ?? -Infinity
  return [...free.filter((slot) => slot.startMs > after), ...free.filter((slot) => slot.startMs <= after)].slice(0, SUGGESTED_SLOTS)
}

const slotLabel = (slot: Pick<Slot, 'date' | 'start' | 'end'>) => `${slot.date} ${slot.start}–${slot.end}`

/** The resident's data checked; Chinese messages per field on a 400 `invalid-resident-data`. */
function checkResidentData(input: BookingInput, guide: BookableGuide): { name: string; mobile: string; idNumber: string | null } {
  const name = validateName(input.name)
  const mobile = validateMobile(input.mobile)
  // Only a guide that needs it gets the ID number: one sent anyway is not kept (least data).
  const idNumber = guide.bookingNeedsIdNumber ? validateIdNumber(input.idNumber) : ({ ok: true, value: '' } as const)
  const problems: Record<string, string> = {}
  if (!name.ok) problems.name = name.message
  if (!mobile.ok) problems.mobile = mobile.message
  if (!idNumber.ok) problems.idNumber = idNumber.message
  if (!name.ok || !mobile.ok || !idNumber.ok) throw new ApiError(400, 'invalid-resident-data', Object.values(problems).join('；'), { problems })
  return { name: name.value, mobile: mobile.value, idNumber: idNumber.value === '' ? null : idNumber.value }
}

/** Who books, as the prefix of their request keys: `r:<openid>` or `s:<staff id>`. */
const bookerScope = (booker: Booker): string => (booker.kind === 'resident' ? `r:${booker.openid}` : `s:${booker.user.id}`)

async function findByRequestKey(payload: Payload, requestKey: string): Promise<BookedAppointment | null> {
  const found = await payload.find({ collection: 'appointments', where: { requestKey: { equals: requestKey } }, limit: 1, depth: 1, overrideAccess: true })
  const doc = found.docs[0]
  return doc ? summarize(doc as unknown as StoredAppointment) : null
}

/** The booking as residents and staff are shown it. */
export function summarize(doc: StoredAppointment): BookedAppointment {
  const guide = doc.guide as { title?: string } | string | number
  return {
    id: String(doc.id),
    bookingCode: doc.bookingCode,
    guideTitle: typeof guide === 'object' && guide !== null ? (guide.title ?? '') : '',
    slotDate: doc.slotDate,
    slotStart: doc.slotStart,
    slotEnd: doc.slotEnd,
    status: doc.status,
  }
}

/**
 * Whether `openid` may book online at `now` under the no-show rule of 预约设置 (no-show.ts): the
 * answer carries the reason in Chinese when blocked. Staff booking for the resident is never blocked.
 */
export async function onlineBookingBlock(payload: Payload, openid: string, now: number): Promise<NoShowStatus> {
  const settings = await loadAppointmentSettings(payload)
  const today = shanghaiDate(now)
  const since = addDays(today, -(settings.noShow.withinDays + settings.noShow.blockDays))
  const noShows = await payload.find({
    collection: 'appointments',
    where: { and: [{ openid: { equals: openid } }, { status: { equals: 'no_show' } }, { slotDate: { greater_than_equal: since } }] },
    limit: 100,
    depth: 0,
    pagination: false,
    overrideAccess: true,
  })
  return noShowBlock(
    (noShows.docs as unknown as StoredAppointment[]).map((doc) => doc.slotDate),
    today,
    settings.noShow,
  )
}

/**
 * Books `input.slotKey` of guide `input.guideId` for the resident, at `now` (epoch ms).
 *
 * Refusals (ApiError, Chinese): 400 `invalid-resident-data` (`data.problems` per field), 404/409 as
 * openSlots, 403 `no-show-blocked` (online only; `data.resumesOn`), 409 `already-booked` (an open
 * booking of the same guide; `data.appointment`), 409 `slot-unavailable` (not offered now) and 409
 * `slot-full` (the last seat went to someone else) — both with `data.nextSlots`, the next free slots —
 * and 503 `busy` when the seat could not be claimed under extreme contention.
 * The same `requestKey` twice answers the first booking. The resident is told by template message
 * (notices.ts) unless `options.notify` is false (the demo seed, before any WeChat is reachable).
 */
export async function bookAppointment(
  payload: Payload,
  input: BookingInput,
  booker: Booker,
  now: number = Date.now(),
  options: { notify?: boolean } = {},
): Promise<BookedAppointment> {
  // The form's key, scoped to who books: a key never finds someone else's booking.
  const requestKey = input.requestKey ? `${bookerScope(booker)}:${input.requestKey.slice(0, 64)}` : null
  if (requestKey) {
    const earlier = await findByRequestKey(payload, requestKey)
    if (earlier) return earlier
  }
  const { guide, slots, cutoffMinutes } = await openSlots(payload, input.guideId, now, { forStaff: booker.kind === 'staff' })
  const person = checkResidentData(input, guide)
  const openid = booker.kind === 'resident' ? booker.openid : (booker.openid ?? null)
  if (booker.kind === 'resident') {
    const block = await onlineBookingBlock(payload, booker.openid, now)
    if (block.blocked) throw new ApiError(403, 'no-show-blocked', block.reason, { resumesOn: block.resumesOn })
  }
  if (openid) {
    const open = await payload.find({
      collection: 'appointments',
      where: { and: [{ openid: { equals: openid } }, { guide: { equals: guide.id } }, { status: { equals: 'booked' } }] },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    const existing = open.docs[0] as unknown as StoredAppointment | undefined
    if (existing) {
      throw new ApiError(
        409,
        'already-booked',
        `您已预约“${guide.title}”（${slotLabel({ date: existing.slotDate, start: existing.slotStart, end: existing.slotEnd })}，预约码 ${existing.bookingCode}），如需改期请先取消原预约`,
        { appointment: summarize({ ...existing, guide: { title: guide.title } }) },
      )
    }
  }

  const slot = slots.find((candidate) => candidate.key === input.slotKey)
  if (!slot) {
    throw new ApiError(409, 'slot-unavailable', '这个时段已不能预约（已过截止时间或已调整），请选择其他时段', { nextSlots: suggestions(slots, input.slotKey) })
  }
  // A slot already full when the page was built is refused without a claim; the claim decides the rest.
  const claim = slot.free > 0 ? await claimSeat(payload, slot.key, slot.date, slot.capacity) : ({ ok: false, reason: 'full' } as const)
  if (!claim.ok) {
    // A double tap: the twin request took the seat for this very submission.
    const twin = requestKey ? await findByRequestKey(payload, requestKey) : null
    if (twin) return twin
    if (claim.reason === 'busy') throw new ApiError(503, 'busy', '预约的人较多，请稍后再试', {}, { 'Retry-After': '2' })
    const taken = await seatsTaken(
      payload,
      slots.map((candidate) => candidate.key),
    )
    const next = suggestions(
      slots.map((candidate) => ({ ...candidate, free: Math.max(0, candidate.capacity - (taken.get(candidate.key) ?? 0)) })),
      slot.key,
    )
    const hint = next.length > 0 ? `，还可预约：${next.map(slotLabel).join('、')}` : '，近期暂无空余时段'
    throw new ApiError(409, 'slot-full', `${slotLabel(slot)} 已约满${hint}`, { nextSlots: next })
  }

  let booked: { appointment: StoredAppointment; stepId: string }
  try {
    booked = await createAppointment(payload, {
      guide,
      slot,
      cutoffMinutes,
      person,
      openid,
      booker,
      requestKey: requestKey ?? `${bookerScope(booker)}:${randomUUID()}`,
      now,
    })
  } catch (error) {
    await releaseSeat(payload, slot.key)
    if (requestKey) {
      const earlier = await findByRequestKey(payload, requestKey)
      if (earlier) return earlier
    }
    throw error
  }
  if (options.notify !== false) await tellResident(payload, 'booked', { ...booked.appointment, guideTitle: guide.title }, `step:${booked.stepId}`)
  return summarize({ ...booked.appointment, guide: { title: guide.title } })
}

interface NewAppointment {
  guide: BookableGuide
  slot: OpenSlot
  cutoffMinutes: number
  person: { name: string; mobile: string; idNumber: string | null }
  openid: string | null
  booker: Booker
  /** The scoped key (booker + form key), always set: unique in the collection. */
  requestKey: string
  now: number
}

/** Codes drawn before giving up on a free one (32^6 ≈ 10^9 codes: a collision is rare, five in a row is not). */
const CODE_ATTEMPTS = 5

async function createAppointment(payload: Payload, a: NewAppointment): Promise<{ appointment: StoredAppointment; stepId: string }> {
  const at = new Date(a.now).toISOString()
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const bookingCode = generateBookingCode()
    let stored: StoredAppointment
    try {
      const created = await payload.create({
        collection: 'appointments',
        overrideAccess: true,
        depth: 0,
        data: {
          bookingCode,
          guide: a.guide.id,
          office: a.guide.office,
          account: a.booker.kind === 'resident' ? (a.booker.accountId ?? null) : null,
          slotKey: a.slot.key,
          slotDate: a.slot.date,
          slotStart: a.slot.start,
          slotEnd: a.slot.end,
          slotStartsAt: a.slot.startsAt,
          slotEndsAt: a.slot.endsAt,
          cutoffMinutes: a.cutoffMinutes,
          status: 'booked',
          statusChangedAt: at,
          channel: a.booker.kind === 'resident' ? 'online' : 'staff',
          bookedBy: a.booker.kind === 'staff' ? a.booker.user.id : null,
          openid: a.openid,
          name: a.person.name,
          mobile: a.person.mobile,
          idNumber: a.person.idNumber,
          nameMasked: maskName(a.person.name),
          mobileMasked: maskMobile(a.person.mobile),
          idNumberMasked: a.person.idNumber ? maskIdNumber(a.person.idNumber) : null,
          requestKey: a.requestKey,
        },
      })
      stored = created as unknown as StoredAppointment
    } catch (error) {
      // The unique index refused the code (already used): draw another. Anything else (the same
      // submission made by a twin request, the database) goes to the caller.
      const clash = await payload.count({ collection: 'appointments', where: { bookingCode: { equals: bookingCode } }, overrideAccess: true })
      if (clash.totalDocs > 0) continue
      throw error
    }
    try {
      const step = await payload.create({
        collection: 'matter-steps',
        overrideAccess: true,
        depth: 0,
        data: {
          appointment: String(stored.id),
          office: a.guide.office,
          action: 'book',
          to: 'booked',
          note: a.booker.kind === 'staff' ? '工作人员代为预约' : null,
          actor: a.booker.kind === 'resident' ? 'resident' : 'staff',
          by: a.booker.kind === 'staff' ? a.booker.user.id : null,
          at,
        },
      })
      return { appointment: stored, stepId: String(step.id) }
    } catch (error) {
      // No booking without its first step: undone, so the caller gives the seat back and nothing
      // holds it. (SQLite and MongoDB without a replica set have no transaction to lean on.)
      await payload.delete({ collection: 'appointments', id: stored.id, overrideAccess: true })
      throw error
    }
  }
  throw new Error('createAppointment: no free booking code after several draws')
}
