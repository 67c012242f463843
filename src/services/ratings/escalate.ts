/**
 * 督办: the notices a rectification item owes — to the leader(s) when it is overdue or appealed, to the
 * office head when it has no deadline — each sent once. Decide with the pure `escalationDue` (the keys
 * already sent left out), then act: the key is added to `escalationsSent` with a compare-and-set on the
 * value read, and only the instance whose write won sends the notice, so two schedulers (or the
 * appeal's immediate notice and the morning run) never send it twice. When the notice fails, the key is
 * taken out again (a compare-and-set on the value then read), so the next run sends it: never lost.
 * Source: issue #14 (逾期报领导, 申诉报领导).
 */
import type { Payload, Where } from 'payload'
import { compareAndSet } from '../../shared/cas'
import { shanghaiDate } from '../../shared/time'
import { activeUsersWithRole, notify } from '../notifications/notify'
import { escalationDue, FINAL_RECTIFICATION_STATES, type Escalation } from './rectification'
import type { RectificationWithCount } from './deadline-fields'
import { headOrAdmins } from './recipients'

/** The keys of `escalationsSent` (stored one per line: a top-level text column, so a compare-and-set can guard it). */
export const sentKeys = (value: string | null | undefined): string[] => (value ? value.split('\n').filter((key) => key !== '') : [])

/** The most tries per item: each lost write means another instance recorded a key; after a few, the rest is left to the next run. */
const MAX_ATTEMPTS = 5

/** What sends a notice: `notify` (tests pass one that fails). */
export interface EscalationDeps {
  notify?: typeof notify
}

/**
 * Takes `key` out of item `id`'s `escalationsSent` again (its notice failed), with a compare-and-set on
 * the value read each time, so a key another instance added meanwhile stays. Gives up after a few lost
 * writes (the key then stays: logged, so an admin can see the notice was not sent).
 */
async function releaseKey(payload: Payload, id: string | number, key: string): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await payload.find({ collection: 'rectifications', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: true })
    const value = found.docs[0]?.escalationsSent ?? ''
    const keys = sentKeys(value)
    if (!keys.includes(key)) return true
    const won = await compareAndSet(
      payload,
      'rectifications',
      { and: [{ id: { equals: id } }, { escalationsSent: { equals: value } }] },
      {
        escalationsSent: keys.filter((k) => k !== key).join('\n'),
      },
    )
    if (won) return true
  }
  payload.logger.error({ msg: 'rectification escalation failed and its key could not be released', rectification: String(id), key })
  return false
}

/**
 * Sends the notices item `id` owes on Beijing day `today`, each once: answers the escalations sent by
 * this call (those another instance claimed first are not in it). The notices carry no personal data.
 * @throws what `notify` throws, after taking the key out again (the next run sends the notice).
 */
export async function sendDueEscalations(payload: Payload, id: string, today: string, deps: EscalationDeps = {}): Promise<Escalation[]> {
  const send = deps.notify ?? notify
  const sent: Escalation[] = []
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const found = await payload.find({ collection: 'rectifications', where: { id: { equals: id } }, limit: 1, depth: 1, overrideAccess: true })
    const item = found.docs[0]
    if (!item) return sent
    const before = item.escalationsSent ?? ''
    const due = escalationDue({ state: item.state, deadline: item.deadline ?? null }, today, sentKeys(before))
    const next = due[0]
    if (!next) return sent
    const guard: Where =
      before === '' ? { or: [{ escalationsSent: { equals: '' } }, { escalationsSent: { exists: false } }] } : { escalationsSent: { equals: before } }
    const won = await compareAndSet(
      payload,
      'rectifications',
      { and: [{ id: { equals: item.id } }, guard] },
      {
        escalationsSent: [...sentKeys(before), next.key].join('\n'),
      },
    )
    // Lost: another instance recorded a key first; read again and decide again.
    if (!won) continue
    const recipients = next.to === 'leader' ? await activeUsersWithRole(payload, 'leader') : (await headOrAdmins(payload, item.office)).recipients
    // depth 1: the office and the guide come populated.
    const where = [typeof item.office === 'object' ? item.office.name : null, typeof item.guide === 'object' ? item.guide?.title : null]
      .filter(Boolean)
      .join(' · ')
    const estimated = (item as RectificationWithCount).deadlineEstimated === true
    try {
      await send(payload, {
        recipients,
        subject: `【差评整改${next.reason === 'overdue' ? '督办' : next.reason === 'appeal' ? '申诉' : '期限'}】${where}`,
        body: `${next.message}\n整改事项：${where}，${item.openedOn} 收到差评${
          item.deadline ? `，整改期限 ${item.deadline}${estimated ? '（按周一至周五推算）' : ''}` : ''
        }。请在管理后台"好差评"中查看。`,
        relatedCollection: 'rectifications',
        relatedId: String(item.id),
      })
    } catch (error) {
      // Not sent: the claim is given back so that the next run (or instance) sends it.
      await releaseKey(payload, item.id, next.key)
      throw error
    }
    sent.push(next)
    attempt = -1
  }
  return sent
}

/**
 * The morning run (jobs/ratings-daily.ts): every item not yet final gets the notices it owes on the
 * Beijing day of `now`. Answers how many notices this run sent and for how many items a notice failed
 * (their keys given back: the next run tries again).
 */
export async function escalateRectifications(
  payload: Payload,
  now: number = Date.now(),
  deps: EscalationDeps = {},
): Promise<{ checked: number; sent: number; failed: number }> {
  const today = shanghaiDate(now)
  const items = await payload.find({
    collection: 'rectifications',
    where: { state: { not_in: [...FINAL_RECTIFICATION_STATES] } },
    limit: 1000,
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let sent = 0
  let failed = 0
  for (const item of items.docs) {
    try {
      sent += (await sendDueEscalations(payload, String(item.id), today, deps)).length
    } catch (error) {
      // One item's failed notice (its key given back) does not stop the others'.
      failed++
      payload.logger.error({ msg: 'rectification escalation failed; retried at the next run', rectification: String(item.id), error: String(error) })
    }
  }
  return { checked: items.docs.length, sent, failed }
}
