/**
 * Who sees which appointments and whose personal data (issue 13: 「完整信息仅承办科室工作人员和管理员可见」).
 *
 * - Admins: every appointment, every field.
 * - Staff of an office (users whose `offices` lists it, set by an admin): the appointments of that
 *   office, with the resident's full name, mobile, ID number and openid.
 * - Leaders: every appointment, personal data masked only (statistics, supervision).
 * - Anyone else (other staff, the public): nothing.
 *
 * The full values are read-guarded fields (`personalDataField`), so the rule holds through REST,
 * GraphQL and the Local API with `overrideAccess: false`; lists and exports show the masked copies
 * (`nameMasked`, …) the collection keeps beside them.
 */
import type { Access, FieldAccess, PayloadRequest, Where } from 'payload'
import { idOf, roleOf, staffOf, type StaffUser } from '../../access/roles'

/** The ids of the offices a signed-in staff member belongs to (empty for anyone else). */
export function officesOf(user: PayloadRequest['user'] | undefined | null): string[] {
  return staffOffices(staffOf(user))
}

/** The ids of the offices of a member of staff as `staffOf` / `requireStaff` answer them (empty for null). */
function staffOffices(staff: StaffUser | null): string[] {
  // `offices` is a field of `users` that StaffUser (src/access, no domain words) does not name.
  const offices = (staff as { offices?: unknown } | null)?.offices
  if (!Array.isArray(offices)) return []
  return offices.map(idOf).filter((id): id is string => id !== null)
}

/** True when `user` is an admin or belongs to office `officeId`. */
export function mayHandleOffice(user: PayloadRequest['user'] | undefined | null, officeId: unknown): boolean {
  const staff = staffOf(user)
  return staff !== null && staffHandlesOffice(staff, officeId)
}

/** `mayHandleOffice` for a member of staff already checked (`staffOf`, `requireStaff`): an admin, or of office `officeId`. */
export function staffHandlesOffice(staff: StaffUser, officeId: unknown): boolean {
  if (staff.role === 'admin') return true
  const office = idOf(officeId)
  return office !== null && staffOffices(staff).includes(office)
}

/** The appointments (and their steps) a user may read: see the module's notes. */
export const readAppointments: Access = ({ req }) => {
  const role = roleOf(req.user)
  if (role === 'admin' || role === 'leader') return true
  const offices = officesOf(req.user)
  if (offices.length === 0) return false
  const where: Where = { office: { in: offices } }
  return where
}

/** Steps name their appointment's office too (copied when written), so the same rule applies. */
export const readMatterSteps: Access = readAppointments

/**
 * Read access of a resident's full personal data on an appointment: admins and staff of the
 * appointment's office. Without a document (a query path check) only admins pass, so nobody else can
 * filter or sort by a value they may not see.
 */
export const personalDataField: FieldAccess = ({ req, doc }) => mayHandleOffice(req.user, (doc as { office?: unknown } | undefined)?.office)

/**
 * Booking rules are read by any staff member (opening hours and closures are public information the
 * residents' slots show anyway); who writes them is decided in collections/booking-rules.ts (admins,
 * and staff of the rule's office).
 */
export const readBookingRules: Access = ({ req }) => staffOf(req.user) !== null

/**
 * `admin.hidden` of the appointments' sections: listed for admins, leaders and staff of an office;
 * hidden from everyone else, who could not read them anyway (the access rules above stay the boundary).
 */
export const hiddenUnlessServingOffices = ({ user }: { user: unknown }): boolean => {
  const role = roleOf(user as PayloadRequest['user'])
  if (role === 'admin' || role === 'leader') return false
  return officesOf(user as PayloadRequest['user']).length === 0
}
