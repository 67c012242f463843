/**
 * 督办: the notices a rectification item owes — to the leader(s) when it is overdue or appealed, to the
 * office head when it has no deadline — each sent once. Decide with the pure `escalationDue` (the keys
 * already sent left out), then act: the key is added to `escalationsSent` with a compare-and-set on the
 * value read, and only the instance whose write won sends the notice, so two schedulers (or the
 * appeal's immediate notice and the morning run) never send it twice. Source: issue #14 (逾期报领导, 申诉报领导).
 */
import type { Payload, Where } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { shanghaiDate } from '../../shared/time'
import { activeUsersWithRole, notify } from '../notifications/notify'
import { escalationDue, FINAL_RECTIFICATION_STATES, type Escalation } from './rectification'
import { headOrAdmins } from './recipients'
import type { StoredRectification } from './stored'

/** The keys of `escalationsSent` (stored one per line: a top-level text column, so a compare-and-set can guard it). */
export const sentKeys = (value: string | null | undefined): string[] => (value ? value.split('\n').filter((key) => key !== '') : [])

/** The most tries per item: each lost write means another instance recorded a key; after a few, the rest is left to the next run. */
const MAX_ATTEMPTS = 5

/**
 * Sends the notices item `id` owes on Beijing day `today`, each once: answers the escalations sent by
 * this call (those another instance claimed first are not in it). The notices carry no personal data.
 */
export async function sendDueEscalations(payload: Payload, id: string, today: string): Promise<Escalation[]> {
  const sent: Escalation[] = []
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await payload.find({ collection: 'rectifications' as never, where: { id: { equals: id } }, limit: 1, depth: 1, overrideAccess: true })
    const item = found.docs[0] as unknown as
      (StoredRectification & { office?: { id?: unknown; name?: string } | null; guide?: { title?: string } | null }) | undefined
    if (!item) return sent
    const before = item.escalationsSent ?? ''
    const due = escalationDue({ state: item.state, deadline: item.deadline ?? null }, today, sentKeys(before))
    const next = due[0]
    if (!next) return sent
    const guard: Where =
      before === '' ? { or: [{ escalationsSent: { equals: '' } }, { escalationsSent: { exists: false } }] } : { escalationsSent: { equals: before } }
    const won = await compareAndSet(payload, 'rectifications' as never, { and: [{ id: { equals: item.id } }, guard] }, {
      escalationsSent: [...sentKeys(before), next.key].join('\n'),
    } as never)
    // Lost: another instance recorded a key first; read again and decide again.
    if (!won) continue
    const recipients = next.to === 'leader' ? await activeUsersWithRole(payload, 'leader') : (await headOrAdmins(payload, item.office)).recipients
    const where = [item.office?.name, item.guide?.title].filter(Boolean).join(' · ')
    await notify(payload, {
      recipients,
      subject: `【差评整改${next.reason === 'overdue' ? '督办' : next.reason === 'appeal' ? '申诉' : '期限'}】${where}`,
      body: `${next.message}\n整改事项：${where}，${item.openedOn} 收到差评${item.deadline ? `，整改期限 ${item.deadline}${item.deadlineEstimated ? '（按周一至周五推算）' : ''}` : ''}。请在管理后台"好差评"中查看。`,
      relatedCollection: 'rectifications',
      relatedId: String(item.id),
    })
    sent.push(next)
    attempt = -1
  }
  return sent
}

/**
 * The morning run (jobs/ratings-daily.ts): every item not yet final gets the notices it owes on the
 * Beijing day of `now`. Answers how many notices this run sent.
 */
export async function escalateRectifications(payload: Payload, now: number = Date.now()): Promise<{ checked: number; sent: number }> {
  const today = shanghaiDate(now)
  const items = await payload.find({
    collection: 'rectifications' as never,
    where: { state: { not_in: [...FINAL_RECTIFICATION_STATES] } },
    limit: 1000,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let sent = 0
  for (const item of items.docs as unknown as StoredRectification[]) sent += (await sendDueEscalations(payload, String(item.id), today)).length
  return { checked: items.docs.length, sent }
}
