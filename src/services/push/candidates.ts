import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { checkWeChatReadiness } from '../content/wechat-readiness'
import { CONTENT_COLLECTIONS, type ContentDoc } from '../content/types'
import { itemRefs, type ItemRef } from './item-refs'
import { accountCommunity } from './account-scope'
import type { Candidate } from './select'
import { shanghaiDate } from '../../shared/time'
import { reviewStateName } from './labels'

export function toCandidate(collection: Candidate['collection'], doc: ContentDoc): Candidate {
  const priority = doc.priority === 'pinned' || doc.priority === 'high' ? doc.priority : 'normal'
  return {
    collection,
    id: String(doc.id),
    title: String(doc.title ?? ''),
    priority,
    approvedAt: doc.approvedAt ?? null,
    community: idOf(doc.community),
    pushBy: doc.pushBy ?? null,
    reviewStatus: String(doc.reviewStatus ?? ''),
    pushedIn: idOf(doc.pushedIn),
    problems: checkWeChatReadiness(doc).map((problem) => problem.message),
  }
}

/** The review states of an item approved once (and neither returned, withdrawn nor archived since). */
const APPROVED_ONCE = ['approved', 'scheduled', 'sent']

/**
 * The pool of an account's proposal and its 待推送池, across the three content types:
 * - the street office's account (no community; and without `accountId`): every approved item not yet
 *   pushed (`reviewStatus` approved: the street's bundle moves its items to scheduled, then sent);
 * - a community's account: the items of that community and the street-wide ones (no community) approved
 *   once — whether or not the street office's push holds or sent them: a street-wide policy explainer goes
 *   out in the street office's push and in every community's — that no push of this account
 *   holds (open, sending, sent or failed; a skipped week gives its items back). They are shown as
 *   `approved` and not pushed, since their own review state follows the street office's push.
 */
export async function loadPool(payload: Payload, account?: string | null | AccountPushes): Promise<Candidate[]> {
  const { community, holders: taken } = await accountPushesOf(payload, account)
  const pools = await Promise.all(
    CONTENT_COLLECTIONS.map(async (collection) => {
      const found = await payload.find({
        collection,
        overrideAccess: true,
        depth: 0,
        limit: 500,
        pagination: false,
        where: community
          ? { and: [{ reviewStatus: { in: APPROVED_ONCE } }, { or: [{ community: { equals: community } }, { community: { exists: false } }] }] }
          : { reviewStatus: { equals: 'approved' } },
      })
      return found.docs
        .filter((doc) => !taken.has(`${collection}:${doc.id}`))
        .map((doc) => (community ? asCommunityCandidate(toCandidate(collection, doc)) : toCandidate(collection, doc)))
    }),
  )
  return pools.flat()
}

/** An item as a community account's pool and bundle see it: its street-wide push state does not count there. */
const asCommunityCandidate = (candidate: Candidate): Candidate =>
  APPROVED_ONCE.includes(candidate.reviewStatus) ? { ...candidate, reviewStatus: 'approved', pushedIn: null } : candidate

/**
 * What the pool and a bundle need to know of an account, read once per operation and passed to
 * `loadPool` / `loadBundle` in place of the account's id: its community (null: the street office's
 * account) and, for a community's account, which of its pushes that were not skipped hold each item
 * (`collection:id` → push ids; up to 1,000 pushes, read only for a community's account). A read taken
 * before a person confirms (the CLI's send) is not reused after: the holders may have changed by then.
 */
export interface AccountPushes {
  accountId: string | null
  community: string | null
  holders: ReadonlyMap<string, string[]>
}

const NO_HOLDERS: ReadonlyMap<string, string[]> = new Map()

/** Reads an account's `AccountPushes` (no account: the street office's pool, which needs none). */
export async function loadAccountPushes(payload: Payload, accountId?: string | null): Promise<AccountPushes> {
  const community = accountId ? await accountCommunity(payload, accountId) : null
  return { accountId: accountId ?? null, community, holders: community ? await refsInPushesOf(payload, accountId!) : NO_HOLDERS }
}

/** The `AccountPushes` a caller passed, or read now for the account id it passed. */
const accountPushesOf = (payload: Payload, account: string | null | undefined | AccountPushes): Promise<AccountPushes> =>
  typeof account === 'object' && account !== null ? Promise.resolve(account) : loadAccountPushes(payload, account)

/** `collection:id` of every item in a push of the account that was not skipped → the ids of those pushes. */
async function refsInPushesOf(payload: Payload, accountId: string): Promise<Map<string, string[]>> {
  const pushes = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 1000,
    pagination: false,
    where: { and: [{ account: { equals: accountId } }, { status: { not_equals: 'skipped' } }] },
  })
  const holders = new Map<string, string[]>()
  for (const push of pushes.docs) {
    for (const ref of itemRefs(push.items)) {
      const key = `${ref.relationTo}:${ref.value}`
      holders.set(key, [...(holders.get(key) ?? []), String(push.id)])
    }
  }
  return holders
}

/**
 * The bundle's items as they are now, in bundle order; a deleted item is reported as such. With the
 * push's account (its id, or its `AccountPushes` already read in this operation): a community
 * account's bundle sees its items as its pool does (`loadPool`), and with the push's own id (`pushId`)
 * an item another push of that account holds or sent carries that push in `pushedIn` (so it is refused
 * there as 已在其他推送中发出: each account sends an item once).
 */
export async function loadBundle(payload: Payload, refs: ItemRef[], account?: string | null | AccountPushes, pushId?: string | null): Promise<Candidate[]> {
  const read = await accountPushesOf(payload, account)
  const community = read.community
  const holders = pushId ? read.holders : NO_HOLDERS
  const items = await Promise.all(
    refs.map(async (ref) => {
      const doc = await payload.findByID({ collection: ref.relationTo, id: ref.value, overrideAccess: true, depth: 0, disableErrors: true })
      if (!doc) {
        return {
          collection: ref.relationTo,
          id: ref.value,
          title: '（已删除）',
          priority: 'normal',
          approvedAt: null,
          community: null,
          pushBy: null,
          reviewStatus: 'deleted',
          pushedIn: null,
          problems: ['内容已被删除'],
        } as Candidate
      }
      return toCandidate(ref.relationTo, doc)
    }),
  )
  if (!community) return items
  return items.map((item) => {
    const seen = asCommunityCandidate(item)
    const other = (holders.get(`${item.collection}:${item.id}`) ?? []).find((id) => id !== String(pushId))
    return other ? { ...seen, pushedIn: other } : seen
  })
}

/** An item in a bundle counts when it is scheduled (or approved) for it, unsent and ready. */
export function bundleProblems(item: Candidate, pushId: string, now: Date): string[] {
  const problems = [...item.problems]
  if (item.reviewStatus !== 'scheduled' && item.reviewStatus !== 'approved') problems.push(`状态为「${reviewStateName(item.reviewStatus)}」，不能推送`)
  if (item.pushedIn && item.pushedIn !== pushId) problems.push('已在其他推送中发出')
  if (item.pushBy && item.pushBy.slice(0, 10) < shanghaiDate(now)) problems.push('已过最晚推送日期')
  return problems
}
