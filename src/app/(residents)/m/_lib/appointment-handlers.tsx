/**
 * The booking pages as functions of (Payload, Request), like handlers.tsx: 预约办理 (GET the form,
 * POST the booking), 我的预约, one appointment, and its cancellation. Every one needs the resident
 * (requireResident); a resident only ever sees their own appointments (by openid).
 */
import { randomUUID } from 'node:crypto'
import type { Payload } from 'payload'
import { ApiError } from '../../../../http/api-error'
import { bookAppointment, onlineBookingBlock, openSlots, type OpenSlot, type SlotsAnswer } from '../../../../services/appointments/book'
import { noticeForStep } from '../../../../services/appointments/notices'
import { SLOT_DEFAULTS } from '../../../../services/appointments/slots'
import { matterHistory, residentAppointment, residentAppointments, takeMatterStep } from '../../../../services/appointments/steps'
import { mayRateNow } from '../../../../services/ratings/rate'
import { residentRatingView } from '../../../../services/ratings/resident-view'
import { AppointmentPage, AppointmentsPage, BookPage, dayLabel, type BookingFormValues, type BookPageProps } from './appointments'
import { MyRatingSection } from './ratings'
import { readForm, SMALL_FORM_BODY, unreadableFormResponse } from './form-body'
import { htmlResponse } from './render'
import { publicOrigin, requireResident } from './session'
import { MessagePage, NotFoundPage } from './shell'

const ID = /^[0-9A-Za-z-]{1,64}$/

const notFound = (what: string) => htmlResponse(<NotFoundPage what={what} />, { status: 404, cache: 'personal' })

/**
 * A form post from anywhere but our own pages is refused (CSRF): the session cookie is SameSite=Lax,
 * which a sibling host of the same site gets past, so the origin is checked too — `Origin` when the
 * browser sends one (`null`, from a redirect or a sandbox, is refused), else `Sec-Fetch-Site`, else
 * the `Referer`; a post naming none of them is refused as well.
 */
export function foreignPost(request: Request): Response | null {
  const ours = publicOrigin(request)
  const origin = request.headers.get('origin')
  const fetchSite = request.headers.get('sec-fetch-site')
  const referer = request.headers.get('referer')
  let fromUs: boolean
  if (origin) fromUs = origin === ours
  else if (fetchSite) fromUs = fetchSite === 'same-origin'
  else if (referer) fromUs = URL.canParse(referer) && new URL(referer).origin === ours
  else fromUs = false
  if (fromUs) return null
  return htmlResponse(
    <MessagePage title="请求来源不正确" links={[{ href: '/m/appointments', label: '我的预约', primary: true }]}>
      <p>请从公众号菜单进入后再操作。</p>
    </MessagePage>,
    { status: 403, cache: 'personal' },
  )
}

const text = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value.slice(0, 200) : '')

/** 「2 小时」/「30 分钟」 */
const minutesText = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`)

/** The calendar's warning as residents read it: which day the bookable days stop at. */
const residentNote = (answer: SlotsAnswer): string[] =>
  answer.warnings.map((warning) => `${warning.year} 年的节假日安排尚未公布，暂时只能预约 ${dayLabel(warning.from).split(' ')[0]} 之前的时段。`)

async function bookForm(
  payload: Payload,
  request: Request,
  guideId: string,
  openid: string,
  now: number,
  extra: { values?: BookingFormValues; error?: BookPageProps['error']; status?: number; day?: string } = {},
): Promise<Response> {
  let answer: SlotsAnswer
  try {
    answer = await openSlots(payload, guideId, now)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return notFound('办事事项')
    if (error instanceof ApiError && error.status === 409) {
      return htmlResponse(
        <MessagePage title="暂不能网上预约" links={[{ href: `/m/guides/${guideId}`, label: '返回办事指南', primary: true }]}>
          <p>{error.message}</p>
        </MessagePage>,
        { cache: 'personal' },
      )
    }
    throw error
  }
  const days: { date: string; free: number }[] = []
  for (const slot of answer.slots) {
    const last = days.at(-1)
    if (last?.date === slot.date) last.free += slot.free
    else days.push({ date: slot.date, free: slot.free })
  }
  const asked = new URL(request.url).searchParams.get('day') ?? (extra.day || null)
  const day = days.find((entry) => entry.date === asked)?.date ?? days.find((entry) => entry.free > 0)?.date ?? days[0]?.date ?? null
  const block = await onlineBookingBlock(payload, openid, now)
  const closed = block.blocked ? (
    <>
      <h2>暂停网上预约</h2>
      <p>{block.reason}</p>
    </>
  ) : days.length === 0 ? (
    <p>近期没有可预约的时段，请稍后再来，或拨打咨询电话。</p>
  ) : undefined
  return htmlResponse(
    <BookPage
      guideId={answer.guide.id}
      guideTitle={answer.guide.title}
      place={answer.guide.place}
      needsIdNumber={answer.guide.bookingNeedsIdNumber}
      days={days}
      day={day}
      slots={answer.slots.filter((slot: OpenSlot) => slot.date === day)}
      requestKey={randomUUID()}
      values={extra.values}
      error={extra.error}
      closed={closed}
      notes={residentNote(answer)}
    />,
    { status: extra.status ?? 200, cache: 'personal' },
  )
}

/** `GET /m/book/<guide>?day=`: the days, the slots of the day, the form. */
export async function bookPageResponse(payload: Payload, request: Request, guideId: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(guideId)) return notFound('办事事项')
  const gate = await requireResident(payload, request)
  if (gate.response) return gate.response
  return bookForm(payload, request, guideId, gate.identity.openid, options.now ?? Date.now())
}

/**
 * `POST /m/book/<guide>`: books, then 303 to the appointment (`?booked=1`); a refusal shows the form
 * again with what was typed, the message and, for a full slot, the next free ones.
 */
export async function bookSubmitResponse(payload: Payload, request: Request, guideId: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(guideId)) return notFound('办事事项')
  const refused = foreignPost(request)
  if (refused) return refused
  const gate = await requireResident(payload, request)
  if (gate.response) return gate.response
  const now = options.now ?? Date.now()
  const read = await readForm(request, SMALL_FORM_BODY)
  if (!read.ok) return unreadableFormResponse(read.reason, `/m/book/${guideId}`)
  const form = read.form
  const values: BookingFormValues = {
    name: text(form.get('name')),
    mobile: text(form.get('mobile')),
    idNumber: text(form.get('idNumber')),
    slotKey: text(form.get('slotKey')),
  }
  try {
    const booked = await bookAppointment(
      payload,
      {
        guideId,
        slotKey: values.slotKey ?? '',
        name: values.name,
        mobile: values.mobile,
        idNumber: values.idNumber,
        requestKey: text(form.get('requestKey')) || undefined,
      },
      { kind: 'resident', openid: gate.identity.openid, accountId: gate.accountId },
      now,
    )
    return new Response(null, { status: 303, headers: { Location: `/m/appointments/${booked.id}?booked=1`, 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.code === 'already-booked') {
      const existing = (error.details?.appointment as { id?: string } | undefined)?.id
      if (existing) return new Response(null, { status: 303, headers: { Location: `/m/appointments/${existing}?already=1`, 'Cache-Control': 'no-store' } })
    }
    const problems = error.details?.problems as Record<string, string> | undefined
    // The day the resident was looking at (the form's hidden field, else the slot's own day).
    const day = text(form.get('day')) || (values.slotKey ?? '').split('|')[1] || ''
    if (error.code === 'slot-full' || error.code === 'slot-unavailable') values.slotKey = undefined
    return bookForm(payload, request, guideId, gate.identity.openid, now, {
      values,
      day,
      // The message names the next free slots (book.ts).
      error: { message: error.message, problems },
      status: error.status,
    })
  }
}

/** `GET /m/appointments` (我的预约): the resident's appointments, newest first. */
export async function myAppointmentsResponse(payload: Payload, request: Request): Promise<Response> {
  const gate = await requireResident(payload, request)
  if (gate.response) return gate.response
  const rows = await residentAppointments(payload, gate.identity.openid)
  return htmlResponse(
    <AppointmentsPage
      rows={rows.map((row) => ({
        id: String(row.id),
        guideTitle: row.guideTitle,
        slotDate: row.slotDate,
        slotStart: row.slotStart,
        slotEnd: row.slotEnd,
        status: row.status,
        bookingCode: row.bookingCode,
      }))}
    />,
    { cache: 'personal' },
  )
}

const FLASH: Record<string, { tone: 'ok' | 'error'; text: string }> = {
  booked: { tone: 'ok', text: '预约成功！请按时携带材料到窗口，出示预约码。' },
  already: { tone: 'error', text: '您已预约过这个事项，如需改期请先取消下面这条预约。' },
  cancelled: { tone: 'ok', text: '预约已取消。' },
  accept: { tone: 'ok', text: '感谢您认可整改结果。' },
  dispute: { tone: 'ok', text: '已记录您的意见，科室将再次整改。' },
  appeal: { tone: 'ok', text: '申诉已提交，街道领导将复核。' },
}

async function appointmentPage(
  payload: Payload,
  openid: string,
  id: string,
  now: number,
  flash?: { tone: 'ok' | 'error'; text: string },
  status = 200,
): Promise<Response> {
  const appointment = await residentAppointment(payload, id, openid)
  if (!appointment) return notFound('预约')
  const guide = appointment.guide as { place?: string | null; consultPhone?: string | null } | null
  const cutoff = appointment.cutoffMinutes ?? SLOT_DEFAULTS.cutoffMinutes
  const ref = { kind: 'appointment' as const, id: String(appointment.id) }
  const ratingView = await residentRatingView(payload, ref, openid)
  const rateHref = !ratingView && (await mayRateNow(payload, ref, openid)) ? `/m/rate/appointment/${appointment.id}` : null
  return htmlResponse(
    <AppointmentPage
      row={{
        id: String(appointment.id),
        guideTitle: appointment.guideTitle,
        slotDate: appointment.slotDate,
        slotStart: appointment.slotStart,
        slotEnd: appointment.slotEnd,
        status: appointment.status,
        bookingCode: appointment.bookingCode,
        statusNote: appointment.statusNote ?? null,
        expectedCompletion: appointment.expectedCompletion ?? null,
        place: guide?.place ?? null,
        phone: guide?.consultPhone ?? null,
      }}
      history={await matterHistory(payload, String(appointment.id))}
      cancellable={appointment.status === 'booked' && now < Date.parse(appointment.slotStartsAt) - cutoff * 60_000}
      cutoffText={minutesText(cutoff)}
      flash={flash}
      rating={<MyRatingSection view={ratingView} rateHref={rateHref} />}
    />,
    { status, cache: 'personal' },
  )
}

/** `GET /m/appointments/<id>`: the resident's own appointment (404 for anyone else's). */
export async function appointmentResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('预约')
  const gate = await requireResident(payload, request)
  if (gate.response) return gate.response
  const query = new URL(request.url).searchParams
  const flash = Object.keys(FLASH).find((key) => query.get(key) === '1')
  return appointmentPage(payload, gate.identity.openid, id, options.now ?? Date.now(), flash ? FLASH[flash] : undefined)
}

/** `POST /m/appointments/<id>/cancel`: the resident cancels before the cut-off; 303 back with `?cancelled=1`, or the page with the refusal. */
export async function cancelResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('预约')
  const refused = foreignPost(request)
  if (refused) return refused
  const gate = await requireResident(payload, request, { next: `/m/appointments/${id}` })
  if (gate.response) return gate.response
  const now = options.now ?? Date.now()
  try {
    const step = await takeMatterStep(payload, id, 'cancel', { kind: 'resident', openid: gate.identity.openid }, undefined, now)
    await noticeForStep(payload, step)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 404) return notFound('预约')
    return appointmentPage(payload, gate.identity.openid, id, now, { tone: 'error', text: error.message }, error.status)
  }
  return new Response(null, { status: 303, headers: { Location: `/m/appointments/${id}?cancelled=1`, 'Cache-Control': 'no-store' } })
}
