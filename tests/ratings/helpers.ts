import type { Payload } from 'payload'
import type { StaffUser } from '../../src/access/roles'
import { createBookingWorld, type BookingWorld } from '../appointments/helpers'

/** 2026-09-30 10:00 Beijing: the day before the National Day holiday (10-01 … 10-08, make-up Saturday 10-10). */
export const SEPT_30_10AM = Date.parse('2026-09-30T10:00:00+08:00')

/** The booking world of tests/appointments with `clerk` as its office's head (科室负责人). */
export async function createRatingWorld(payload: Payload, prefix: string): Promise<BookingWorld> {
  const world = await createBookingWorld(payload, prefix)
  await payload.update({ collection: 'offices', id: world.office, data: { head: world.users.clerk.id } })
  return world
}

let counter = 0

/**
 * An appointment of `world.guide` booked by resident `openid`, stored directly in `status` (a fixture:
 * the steps that lead there are tested in tests/appointments). For `cancelled` after check-in, the
 * cancel step from 已签到 is recorded too, as steps.ts writes it.
 */
export async function closedAppointment(
  payload: Payload,
  world: BookingWorld,
  openid: string | null,
  status = 'done',
  options: { cancelledFrom?: string } = {},
): Promise<string> {
  counter++
  const code = `R${String(counter).padStart(5, '0')}`
  const created = await payload.create({
    collection: 'appointments',
    overrideAccess: true,
    data: {
      bookingCode: code,
      guide: world.guide,
      office: world.office,
      slotKey: `rule-${world.rule}|2026-09-29|09:00-10:00`,
      slotDate: '2026-09-29',
      slotStart: '09:00',
      slotEnd: '10:00',
      slotStartsAt: '2026-09-29T01:00:00.000Z',
      slotEndsAt: '2026-09-29T02:00:00.000Z',
      status,
      channel: 'online',
      openid,
      name: '王小明',
      mobile: '13912345678',
      nameMasked: '王**',
      mobileMasked: '139****5678',
      requestKey: `fixture-${code}`,
    } as never,
  })
  if (options.cancelledFrom) {
    await payload.create({
      collection: 'matter-steps',
      overrideAccess: true,
      data: {
        appointment: created.id,
        office: world.office,
        action: 'cancel',
        from: options.cancelledFrom,
        to: 'cancelled',
        actor: 'staff',
        at: new Date().toISOString(),
      } as never,
    })
  }
  return String(created.id)
}

/** A stored user as the services take it. */
export const staffUser = async (payload: Payload, world: BookingWorld, who: keyof BookingWorld['users']): Promise<StaffUser> =>
  ({ ...(await payload.findByID({ collection: 'users', id: world.users[who].id, depth: 0 })), collection: 'users' }) as unknown as StaffUser
