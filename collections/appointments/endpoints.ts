import type { Endpoint, PayloadRequest } from 'payload'
import { requireStaff } from '../../src/access/roles'
import { ApiError } from '../../src/http/api-error'
import { jsonBody } from '../../src/http/json-body'
import { mayHandleOffice } from '../../src/services/appointments/access'
import { bookAppointment, loadBookableGuide, openSlots } from '../../src/services/appointments/book'
import { findByBookingCode, takeMatterStep } from '../../src/services/appointments/steps'
import { noticeForStep } from '../../src/services/appointments/notices'
import { loadMatterPanel } from '../../src/services/appointments/staff-views'
import { exportAppointmentsCsv } from '../../src/services/appointments/export'

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** Staff may book and step only for their own office's guides (admins: every office). */
function requireOfficeStaff(req: PayloadRequest, officeId: unknown): ReturnType<typeof requireStaff> {
  const staff = requireStaff(req)
  if (!mayHandleOffice(req.user, officeId))
    throw new ApiError(403, 'forbidden', { zh: '只有承办科室的工作人员才能办理该事项的预约', en: "Only the office's staff handle these appointments" })
  return staff
}

/**
 * The appointments' endpoints for staff (the residents' pages call the same services directly):
 *
 * - GET  /api/appointments/slots?guide=ID — `{ guide, slots: [{ key, date, start, end, capacity, free, … }], warnings }`, no cut-off
 * - POST /api/appointments/book { guide, slotKey, name, mobile, idNumber?, requestKey? } — book for a resident who called or came in (no WeChat notices: no openid)
 * - POST /api/appointments/check-in { code } — 签到 by booking code
 * - POST /api/appointments/:id/step { action, note? } — any other step (matter-status.ts)
 * - GET  /api/appointments/export?from=YYYY-MM-DD&to=YYYY-MM-DD — CSV of the days, residents' data masked whoever asks
 * - GET  /api/appointments/:id/history — the steps, oldest first (with who took them), the status, the
 *   expected completion date and deadline, and the steps the user may take now (staff-views.ts MatterPanel)
 *
 * Refusals are ApiErrors with Chinese messages (see book.ts and steps.ts for the codes).
 */
export const appointmentEndpoints: Endpoint[] = [
  {
    path: '/export',
    method: 'get',
    handler: async (req) => {
      requireStaff(req)
      const from = req.searchParams.get('from')
      const to = req.searchParams.get('to') ?? from
      const csv = await exportAppointmentsCsv(req.payload, req.user, { from, to })
      const name = `预约-${from}${to !== from ? `_${to}` : ''}.csv`
      return new Response(csv, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="appointments-${from}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
          'Cache-Control': 'private, no-store',
        },
      })
    },
  },
  {
    path: '/slots',
    method: 'get',
    handler: async (req) => {
      requireStaff(req)
      const guideId = text(req.searchParams.get('guide'))
      const answer = await openSlots(req.payload, guideId, Date.now(), { forStaff: true })
      return Response.json(answer)
    },
  },
  {
    path: '/book',
    method: 'post',
    handler: async (req) => {
      // Signed in first: nobody learns which guides exist (401 before 404, as every endpoint answers).
      requireStaff(req)
      const body = await jsonBody(req)
      const guide = await loadBookableGuide(req.payload, text(body.guide))
      const staff = requireOfficeStaff(req, guide.office)
      const booked = await bookAppointment(
        req.payload,
        {
          guideId: guide.id,
          slotKey: text(body.slotKey),
          name: body.name,
          mobile: body.mobile,
          idNumber: body.idNumber,
          requestKey: text(body.requestKey) || undefined,
        },
        // No openid from staff: a resident's WeChat identity comes only from WeChat (a staff member could
        // otherwise file bookings, and no-shows, under anyone's account).
        { kind: 'staff', user: staff },
      )
      return Response.json({ ok: true, appointment: booked }, { status: 201 })
    },
  },
  {
    path: '/check-in',
    method: 'post',
    handler: async (req) => {
      const body = await jsonBody(req)
      requireStaff(req)
      const appointment = await findByBookingCode(req.payload, text(body.code))
      const staff = requireOfficeStaff(req, appointment.office)
      // The common slip at the window (the code scanned twice) gets its own plain answer.
      if (appointment.status === 'checked_in') {
        throw new ApiError(409, 'already-checked-in', {
          zh: `预约码 ${appointment.bookingCode} 已签到，无需重复签到`,
          en: `Booking ${appointment.bookingCode} is already checked in`,
        })
      }
      const step = await takeMatterStep(req.payload, String(appointment.id), 'check_in', { kind: 'staff', user: staff }, body.note)
      return Response.json({ ok: true, status: step.to, appointment: { id: String(appointment.id), bookingCode: appointment.bookingCode } })
    },
  },
  {
    path: '/:id/step',
    method: 'post',
    handler: async (req) => {
      const body = await jsonBody(req)
      const staff = requireStaff(req)
      const step = await takeMatterStep(req.payload, String(req.routeParams?.id ?? ''), body.action, { kind: 'staff', user: staff }, body.note)
      await noticeForStep(req.payload, step)
      return Response.json({
        ok: true,
        status: step.to,
        expectedCompletion: step.expectedCompletion,
        ...(step.calendarWarning ? { calendarWarning: step.calendarWarning } : {}),
      })
    },
  },
  {
    path: '/:id/history',
    method: 'get',
    handler: async (req) => {
      requireStaff(req)
      const id = String(req.routeParams?.id ?? '')
      // Read through access (staff-views.ts): staff who may not read it (another office, an editor) get a 404, as for a matter that does not exist.
      const panel = await loadMatterPanel(req.payload, req.user, id)
      if (!panel) throw new ApiError(404, 'not-found', { zh: '没有找到这条预约', en: 'Appointment not found' })
      return Response.json(panel)
    },
  },
]
