/** The shapes of stored appointments, shared by the booking, the steps and the notices. */

/** An appointment as stored (the fields read here). */
export interface StoredAppointment {
  id: string | number
  bookingCode: string
  guide: unknown
  office?: unknown
  account?: unknown
  slotKey: string
  slotDate: string
  slotStart: string
  slotEnd: string
  slotStartsAt: string
  slotEndsAt: string
  cutoffMinutes?: number | null
  status: string
  statusNote?: string | null
  expectedCompletion?: string | null
  openid?: string | null
  name?: string | null
  mobile?: string | null
  channel?: string
}
