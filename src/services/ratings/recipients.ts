/** Who is told about a rectification item: the office head (科室负责人, `offices.head`), else the admins. */
import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { activeUsersWithRole, type Recipient } from '../notifications/notify'

/** The office head of `officeId` (`offices.head`), with email and name, or null when none is set or the account is inactive. */
export async function officeHead(payload: Payload, officeId: unknown): Promise<Recipient | null> {
  const id = idOf(officeId)
  if (!id) return null
  // depth 1: the head comes populated.
  const office = await payload.findByID({ collection: 'offices', id, depth: 1, overrideAccess: true, disableErrors: true })
  const head = office?.head
  if (!head || typeof head !== 'object' || head.active === false) return null
  return { id: String(head.id), email: head.email ?? null, name: head.name ?? null }
}

/** The office head, or (none set) the admins, who must name one: issue #14. */
export async function headOrAdmins(payload: Payload, officeId: unknown): Promise<{ recipients: Recipient[]; headless: boolean }> {
  const head = await officeHead(payload, officeId)
  if (head) return { recipients: [head], headless: false }
  return { recipients: await activeUsersWithRole(payload, 'admin'), headless: true }
}
