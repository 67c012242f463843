import type { MatterState } from '../../services/appointments/matter-status'

/** Payload Pill styles per matter status: waiting (warning), being handled (success), closed (grey). */
export const STATUS_PILL: Record<MatterState, 'success' | 'warning' | 'error' | 'light' | 'light-gray'> = {
  booked: 'light',
  checked_in: 'warning',
  accepted: 'success',
  in_progress: 'success',
  needs_more: 'warning',
  done: 'light-gray',
  rejected: 'error',
  cancelled: 'light-gray',
  no_show: 'light-gray',
}

/** The admin address of an appointment's edit view. */
export const appointmentHref = (id: string): string => `/admin/collections/appointments/${id}`

/** `?office=` of a view, when it is one of the offices the user may filter by. */
export function chosenOffice(value: unknown, choices: readonly { id: string }[]): string | null {
  const office = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : ''
  return choices.some((choice) => choice.id === office) ? office : null
}
