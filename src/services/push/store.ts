/**
 * The push store: the only code that writes a weekly push (and, for the push, the review state of
 * its items). Every change — the scheduler's steps, the leader's sign-off, skip and 撤销审定, the
 * 本周推送 bundle edit, a sign-off voided because an item changed or was deleted, the settle of a
 * past week, 立即生成 — goes through here, conditional on the state its caller read: a
 * compare-and-set through `payload.db.updateOne` (one `UPDATE … WHERE` on SQLite / Postgres, one
 * `findOneAndUpdate` on MongoDB), so of two writers that read the same push only one wins and the
 * other is told (null), never silently overwritten. The rules it applies (who may change a push in
 * which status, what voids a sign-off) live in ./rules.ts.
 *
 * People's plain saves of a push (REST / GraphQL / the Local API as a person) still go through
 * Payload's update and its guards (collections/weekly-pushes/hooks.ts), which ask the same rules
 * and hand the item states to this store (syncBundleItemStates).
 */
import type { CollectionSlug, DataFromCollectionSlug, Payload, PayloadRequest, Where } from 'payload'
import { compareAndSet } from '../../shared/cas'
import type { ContentCollection } from '../content/types'
import type { WeeklyPush } from '../../payload-types'
import { itemRefs, type ItemRef } from './item-refs'
import { SIGN_OFF_VOIDED, bundleChanged, bundleItemMoves, changeVoidsSignOff, signOffVoidedStep } from './rules'
import { OPEN_PUSH_STATUSES } from './status'
import { PUSH_SYSTEM_CONTEXT } from './system-context'
import { accountCommunity } from './account-scope'
import { idOf } from '../../access/roles'

/** A weekly push as stored (depth 0: relationships are ids). */
export type PushDoc = WeeklyPush

export interface StepEntry {
  step: string
  ok: boolean
  detail?: string
  /** When it happened (ISO 8601); the moment of writing when left out. */
  at?: string
}

/** A step-log entry as read back: `at` always set. */
export type StepLogEntry = StepEntry & { at: string }

/** A push with its step log read from `push-steps` (oldest first), as the write helpers answer it. */
export type PushWithSteps = PushDoc & { steps: StepLogEntry[] }

/** Reads a push as the system sees it, with its step log (`steps`, oldest first; see readSteps). */
export async function readPush(payload: Payload, id: string): Promise<PushWithSteps | null> {
  const doc = await payload.findByID({ collection: 'weekly-pushes', id, overrideAccess: true, depth: 0, disableErrors: true, joins: false })
  return doc ? withSteps(payload, doc) : null
}

const withSteps = async (payload: Payload, push: PushDoc, req?: PayloadRequest): Promise<PushWithSteps> => ({
  ...push,
  steps: await readSteps(payload, push.id, req),
})

/** The first push matching `where` (system read, depth 0, without its step log); null when none does. */
export async function findPushWhere(payload: Payload, where: Where): Promise<PushDoc | null> {
  const found = await payload.find({ collection: 'weekly-pushes', overrideAccess: true, depth: 0, limit: 1, joins: false, where })
  return found.docs[0] ?? null
}

/** The push of one account and ISO week (e.g. `2026-W48`), with its step log; null when there is none. */
export async function findPush(payload: Payload, accountId: string, week: string): Promise<PushWithSteps | null> {
  const push = await findPushWhere(payload, { key: { equals: `${accountId}:${week}` } })
  return push ? withSteps(payload, push) : null
}

/** The one compare-and-set on a push's own columns: `data` written only while the push matches `expect`. */
const setPushIf = (payload: Payload, pushId: string, expect: Where | null, data: Partial<PushDoc>, req?: PayloadRequest) =>
  compareAndSet(payload, 'weekly-pushes', expect ? { and: [{ id: { equals: pushId } }, expect] } : { id: { equals: pushId } }, data, req)

/**
 * Saves `data` only while the push still matches `expect` (an atomic compare-and-set on its
 * top-level fields; by default: the status it had when read), then appends one step-log entry.
 * Answers the saved push with its step log, or null when someone else changed it first (then
 * nothing is logged). Top-level (main-table) fields only: the bundle's items go through changeBundle.
 */
export async function savePush(
  payload: Payload,
  push: PushDoc,
  data: Partial<PushDoc>,
  entry: StepEntry,
  expect: Where = { status: { equals: push.status } },
  req?: PayloadRequest,
): Promise<PushWithSteps | null> {
  const moved = await setPushIf(payload, push.id, expect, data, req)
  if (!moved) return null
  return appendStep(payload, push.id, entry, req)
}

/**
 * A person's plain save of a push (the admin form, REST, GraphQL) is Payload's update: it reads the
 * push, runs the hooks, then writes without a condition. Before that write, the guard holds the push
 * with this compare-and-set on the status and `updatedAt` it read, moving `updatedAt` only: a claim
 * or another save that came first makes it fail (the save is refused), and a claim that comes after
 * it fails its own compare-and-set (the scheduler decides again on the next tick, from the saved
 * bundle). Moving `updatedAt` changes nothing else, so a save that Payload's validation then refuses
 * loses nothing. Answers false when the push changed since it was read.
 */
export async function holdForPersonSave(payload: Payload, read: Pick<PushDoc, 'id' | 'status' | 'updatedAt'>, req?: PayloadRequest): Promise<boolean> {
  const held = await setPushIf(payload, read.id, { and: [{ status: { equals: read.status } }, { updatedAt: { equals: read.updatedAt } }] }, {}, req)
  return held !== null
}

/**
 * Records WeChat's final result of a mass send (the `result` group) on the push, whatever its status:
 * only those columns are written, so a status or claim saved meanwhile stays. Answers true when the
 * push exists.
 */
export async function savePushResult(payload: Payload, pushId: string, result: NonNullable<PushDoc['result']>): Promise<boolean> {
  return (await setPushIf(payload, pushId, null, { result })) !== null
}

/**
 * Records the previews sent to the leaders (the `previews` array): only that field is written (no
 * full rewrite of the push read before the WeChat calls), so a status, claim or msg_id a scheduler
 * saved meanwhile stays.
 */
export async function savePreviews(payload: Payload, pushId: string, previews: NonNullable<PushDoc['previews']>): Promise<void> {
  // `updatedAt` stays: a preview changes nothing the leader signs off, so a sign-off or claim decided
  // on the push as read goes on.
  await payload.db.updateOne({ collection: 'weekly-pushes', id: pushId, data: { previews } })
}

/**
 * Creates a push (the week's proposal, from the assembler or 立即生成; or a week closed without a
 * bundle, `closeMergedWeek`). A push of a street-level account (no community) then takes its items
 * out of the pool the street-level accounts share: each moves `approved` → `scheduled` by
 * compareAndSet, one atomic statement, so of two proposals chosen from the same pool at the same
 * moment (two scheduler processes assembling two such accounts) each item goes to the first claim
 * only. The items another push claimed first are taken out of this one again and answered in `lost`
 * (the push answered is as saved then). The unique (account, week) key refuses a second push for the
 * same week: the error is thrown as Payload raises it (assembleWeek then reads the first one).
 */
export async function createPush(
  payload: Payload,
  data: Pick<PushDoc, 'week' | 'account' | 'items'> & Partial<Pick<PushDoc, 'audience' | 'status' | 'signedOffAt' | 'statusReason'>>,
): Promise<{ push: PushDoc; lost: ItemRef[] }> {
  const push = await payload.create({ collection: 'weekly-pushes', overrideAccess: true, depth: 0, data, context: { [PUSH_SYSTEM_CONTEXT]: true } })
  if (!(await pushMovesItems(payload, push))) return { push, lost: [] }
  const refs = itemRefs(push.items)
  const lost: ItemRef[] = []
  for (const ref of refs) {
    const claimed = await setItem(
      payload,
      ref.relationTo,
      { and: [{ id: { equals: ref.value } }, { reviewStatus: { equals: 'approved' } }] },
      { reviewStatus: 'scheduled' },
    )
    if (!claimed) lost.push(ref)
  }
  if (lost.length === 0) return { push, lost }
  // The push is seconds old and only its creator knows it yet; written only while still as created.
  await payload.db.updateOne({
    collection: 'weekly-pushes',
    where: { and: [{ id: { equals: push.id } }, { updatedAt: { equals: push.updatedAt } }] },
    data: { items: refs.filter((ref) => !lost.includes(ref)) },
  })
  return { push: (await readPush(payload, String(push.id))) ?? push, lost }
}

/** A change of a push's bundle: the items in their new order and/or the audience. */
export type BundleChange = { items?: ItemRef[]; audience?: PushDoc['audience']; audienceCommunity?: string | null }

/**
 * Changes the bundle of an open push, only if the push is still exactly as the caller read it
 * (`push`: same status, same `updatedAt`): a scheduler that claimed the push for sending in the
 * meantime, a sign-off or another person's edit wins, and this answers null — the caller says so
 * (409) and nothing of the winner's write is lost. A change of a signed-off bundle voids the
 * sign-off in the deciding write (rules.changeVoidsSignOff) and says so in the step log; removed
 * items go back to the pool, added ones leave it. `by` names who changed it (the step log).
 * Answers the saved push and whether the sign-off was voided; an unchanged bundle is not written.
 */
export async function changeBundle(
  payload: Payload,
  push: PushDoc,
  change: BundleChange,
  by: string,
): Promise<{ push: PushWithSteps; voided: boolean } | null> {
  if (!bundleChanged(push, change)) {
    const current = await readPush(payload, push.id)
    return current ? { push: current, voided: false } : null
  }
  const voided = changeVoidsSignOff(push, change)
  const { items, ...columns } = change
  // 1. The decision, atomically: the push's own columns, only while it is exactly as read (status and
  //    `updatedAt`); `updatedAt` moves on, so whoever decided on the state read here (a scheduler's
  //    claim, a sign-off, another edit) now misses it, and a voided push can no longer be claimed.
  const decided = await setPushIf(
    payload,
    push.id,
    { and: [{ status: { equals: push.status } }, { updatedAt: { equals: push.updatedAt } }] },
    { ...columns, ...(voided ? SIGN_OFF_VOIDED : {}) },
  )
  if (!decided) return null
  if (voided) await appendStep(payload, push.id, signOffVoidedStep(`内容被 ${by} 修改`))
  if (items) {
    // 2. The item list (relationship rows on SQL adapters: no single-statement compare-and-set there),
    //    only while the push is still as step 1 left it; else the edit is not saved (null).
    const stamp = { updatedAt: { equals: decided.updatedAt } }
    const written = await payload.db.updateOne({
      collection: 'weekly-pushes',
      where: { and: [{ id: { equals: push.id } }, stamp] },
      data: { items },
      returning: true,
    })
    if (!written) return null
    // 3. Nobody changed the push while its items were written (then a new `updatedAt` seals them);
    //    else a sign-off slipped in between and approved the old list: it is voided, and logged.
    const sealed = (await setPushIf(payload, push.id, stamp, {})) !== null
    if (!sealed) {
      const current = await readPush(payload, push.id)
      if (current?.status === 'signed_off') {
        await savePush(payload, current, SIGN_OFF_VOIDED, signOffVoidedStep(`审定时内容正被 ${by} 修改`), {
          and: [{ status: { equals: 'signed_off' } }, { updatedAt: { equals: current.updatedAt } }],
        })
      }
    }
    if (await pushMovesItems(payload, push)) await syncBundleItemStates(payload, itemRefs(push.items), items)
  }
  const after = await readPush(payload, push.id)
  return after ? { push: after, voided } : null
}

/**
 * After a person's save of a push through Payload (REST, GraphQL, the admin form), which the
 * collection's guard let through: logs a sign-off the change voided, and moves the items the change
 * added or removed (syncBundleItemStates). Called by the collection's afterChange hook only.
 */
export async function afterPersonSavedPush(
  payload: Payload,
  saved: { doc: PushDoc; previousDoc?: PushDoc | null; operation: 'create' | 'update'; by: string },
  req?: PayloadRequest,
): Promise<void> {
  const { doc, previousDoc, operation } = saved
  if (operation === 'update' && previousDoc?.status === 'signed_off' && doc.status === 'proposed') {
    await appendStep(payload, String(doc.id), signOffVoidedStep(`内容被 ${saved.by} 修改`), req)
  }
  if (!OPEN_PUSH_STATUSES.some((status) => status === doc.status)) return
  if (!(await pushMovesItems(payload, doc))) return
  await syncBundleItemStates(payload, itemRefs(previousDoc?.items), itemRefs(doc.items), req)
}

/**
 * Whether a push's items follow it in their review state (`scheduled` in an open bundle, `sent` once it
 * went out): pushes of the street office's account (no community). A community account's push takes
 * items already approved — possibly already in or sent by the street office's push — and leaves their
 * state alone; what it sent is read from its own pushes (candidates.ts `loadPool`).
 */
export async function pushMovesItems(payload: Payload, push: { account?: unknown }): Promise<boolean> {
  return (await accountCommunity(payload, idOf(push.account))) === null
}

/**
 * Items in an open bundle are `scheduled`; an item taken out goes back to the pool as `approved`.
 * Each item moves only if it is still in the state the move starts from (compare-and-set).
 */
export async function syncBundleItemStates(payload: Payload, before: ItemRef[], after: ItemRef[], req?: PayloadRequest): Promise<void> {
  const { removed, added } = bundleItemMoves(before, after)
  await setItemStates(payload, removed, 'scheduled', { reviewStatus: 'approved' }, req)
  await setItemStates(payload, added, 'approved', { reviewStatus: 'scheduled' }, req)
}

/**
 * Moves the push's items between review states, each only if it is still in `from` (a
 * compare-and-set on the item: no hooks run, so the push's own item writes never reach the content
 * guards or void a sign-off). `data`: the review state, and `pushedIn` once sent.
 */
export async function setItemStates(
  payload: Payload,
  refs: ItemRef[],
  from: string,
  data: { reviewStatus: 'approved' | 'scheduled' | 'sent'; pushedIn?: string },
  req?: PayloadRequest,
): Promise<void> {
  for (const ref of refs) {
    await setItem(payload, ref.relationTo, { and: [{ id: { equals: ref.value } }, { reviewStatus: { equals: from } }] }, data, req)
  }
}

/** Records the address WeChat gave a sent article on its item (`articleUrl`). */
export async function saveArticleUrl(payload: Payload, ref: ItemRef, url: string): Promise<void> {
  await setItem(payload, ref.relationTo, { id: { equals: ref.value } }, { articleUrl: url })
}

const setItem = (payload: Payload, collection: ContentCollection, where: Where, data: Record<string, unknown>, req?: PayloadRequest) =>
  // The push's columns of every content type (reviewStatus, pushedIn, articleUrl) are the same.
  compareAndSet(payload, collection as CollectionSlug, where, data as Partial<DataFromCollectionSlug<CollectionSlug>>, req)

/** The open pushes (at most 20: one per account and week) whose bundle holds `ref`. */
async function openPushesHolding(payload: Payload, ref: ItemRef, statuses: readonly string[], req?: PayloadRequest): Promise<PushDoc[]> {
  const open = await payload.find({
    collection: 'weekly-pushes',
    overrideAccess: true,
    depth: 0,
    limit: 20,
    joins: false,
    where: { status: { in: [...statuses] } },
    req,
  })
  return open.docs.filter((push) => itemRefs(push.items).some((held) => held.relationTo === ref.relationTo && held.value === ref.value))
}

/**
 * An item of a signed-off bundle was edited (rules.itemEditVoidsSignOff): the sign-off of every
 * signed-off push holding it is voided, by compare-and-set on `signed_off` (a push a scheduler has
 * just claimed is not touched: the claim checked the bundle as it was signed off), with the reason
 * in the step log. `why` names the item and who changed it; `req`: the edit's request.
 */
export async function voidSignOffsHolding(payload: Payload, ref: ItemRef, why: string, req?: PayloadRequest): Promise<void> {
  // Found within the edit's request (its transaction, where there is one); the void itself is its own write.
  for (const push of await openPushesHolding(payload, ref, ['signed_off'], req)) {
    await savePush(payload, push, SIGN_OFF_VOIDED, signOffVoidedStep(why), { status: { equals: 'signed_off' } })
  }
}

/**
 * An item about to be deleted leaves every open bundle it is in (before the database drops the
 * reference on its own); a signed-off bundle then needs signing off again. The sign-off is voided
 * first, by compare-and-set (a scheduler cannot claim a `proposed` push), and only the bundle's
 * item list is then written, only while the push is still open: never a full rewrite of the push
 * that could put back a status or claim a scheduler saved in between. Pass the delete's `req`.
 */
export async function removeFromOpenBundles(payload: Payload, ref: ItemRef, req?: PayloadRequest): Promise<void> {
  for (const push of await openPushesHolding(payload, ref, OPEN_PUSH_STATUSES, req)) {
    const kept = itemRefs(push.items).filter((held) => !(held.relationTo === ref.relationTo && held.value === ref.value))
    const voided =
      push.status === 'signed_off' && (await setPushIf(payload, push.id, { status: { equals: 'signed_off' } }, { ...SIGN_OFF_VOIDED }, req)) !== null
    const written = await payload.db.updateOne({
      collection: 'weekly-pushes',
      where: { and: [{ id: { equals: push.id } }, { status: { in: [...OPEN_PUSH_STATUSES] } }] },
      data: { items: kept, updatedAt: new Date().toISOString() },
      req,
      returning: true,
    })
    if (!written) continue
    await appendStep(payload, push.id, { step: 'item-removed', ok: true, detail: '一条内容已被删除，已从本周推送中移除' }, req)
    if (voided) await appendStep(payload, push.id, signOffVoidedStep('一条内容被删除'), req)
  }
}

// Strictly increasing within this process, so entries written one after another keep their order
// even within one millisecond; across processes the clock orders them.
let lastSeq = 0
const nextSeq = (): number => {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000)
  return lastSeq
}

/**
 * Adds one entry to a push's step log: a new `push-steps` document, never an update of the push or
 * of earlier entries, so concurrent writers (several schedulers, the callback, people's edits)
 * cannot collide. The log is evidence: a failure to write it is logged and never thrown, so it
 * cannot block or abort a send. Pass `req` inside a hook (same transaction where there is one).
 * Answers the push with its step log (oldest first), or null when the push does not exist.
 */
export async function appendStep(payload: Payload, pushId: string, entry: StepEntry, req?: PayloadRequest): Promise<PushWithSteps | null> {
  try {
    await payload.create({
      collection: 'push-steps',
      overrideAccess: true,
      depth: 0,
      req,
      data: { push: pushId, step: entry.step, ok: entry.ok, detail: entry.detail ?? null, at: entry.at ?? new Date().toISOString(), seq: nextSeq() },
    })
  } catch (error) {
    payload.logger.warn({
      msg: 'push step log entry not written (the push goes on)',
      pushId,
      step: entry.step,
      error: String((error as Error)?.message ?? error),
    })
  }
  return readPush(payload, pushId)
}

/**
 * A push's step log, oldest first (in the order the entries were written). Each entry: `step`,
 * `ok`, `detail` (when there is one) and `at` (ISO 8601). Empty for an unknown push.
 */
export async function readSteps(payload: Payload, pushId: string, req?: PayloadRequest): Promise<StepLogEntry[]> {
  const found = await payload.find({
    collection: 'push-steps',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    req,
    sort: 'seq',
    where: { push: { equals: pushId } },
  })
  return found.docs.map((entry) => ({ step: entry.step, ok: Boolean(entry.ok), at: entry.at, ...(entry.detail != null ? { detail: entry.detail } : {}) }))
}
