/**
 * The public monthly page's data (月度公示, issue #14 deliverable 7): the ratings given in a Beijing
 * month and the rectifications opened in it, read without access (the page is public) and handed to
 * the pure `monthlySummary`, which copies only non-personal fields — no openid, name, mobile, staff
 * name or call-back record can reach the page, and comments only when approved.
 */
import type { DataFromCollectionSlug, Payload, Where } from 'payload'
import { idOf } from '../../access/roles'
import { shanghaiDayStart, shanghaiMonth } from '../../shared/time'
import { monthlySummary, type MonthlySummary } from './summary'

/** True for `YYYY-MM` with a real month. */
export const isMonth = (value: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(value)

/** The month before / after `month` (`YYYY-MM`). */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (m - 1) + by
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** The current Beijing month at `now`. */
export const currentMonth = (now: number = Date.now()): string => shanghaiMonth(now)

/** Rows read per query: a month of any size is read page by page, so no rating or item is left out. */
export const SUMMARY_PAGE_SIZE = 500

/**
 * Every document of `collection` matching `where`, read `pageSize` at a time in the order they were
 * stored (createdAt, then id), so a row stored while paging lands on a later page instead of shifting
 * one already read. Depth 1 (the office's name, the guide's title).
 */
async function readAll<S extends 'ratings' | 'rectifications'>(
  payload: Payload,
  collection: S,
  where: Where,
  pageSize: number,
): Promise<DataFromCollectionSlug<S>[]> {
  const docs: DataFromCollectionSlug<S>[] = []
  for (let page = 1; ; page++) {
    const found = await payload.find({
      collection,
      where,
      sort: ['createdAt', 'id'],
      limit: pageSize,
      page,
      depth: 1,
      overrideAccess: true,
    })
    docs.push(...found.docs)
    if (!found.hasNextPage) return docs
  }
}

/**
 * The summary of Beijing month `month` (`YYYY-MM`): see summary.ts for its shape and rules. Every
 * rating and item of the month is read, `pageSize` rows per query (default `SUMMARY_PAGE_SIZE`; tests pass a small one).
 * @throws RangeError when `month` is not `YYYY-MM`, or `pageSize` is not a whole number ≥ 1.
 */
export async function loadMonthlySummary(payload: Payload, month: string, options: { pageSize?: number } = {}): Promise<MonthlySummary> {
  const pageSize = options.pageSize ?? SUMMARY_PAGE_SIZE
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a whole number ≥ 1, got ${pageSize}`)
  if (!isMonth(month)) throw new RangeError(`month must be YYYY-MM, got ${JSON.stringify(month)}`)
  const from = new Date(shanghaiDayStart(`${month}-01`)).toISOString()
  const to = new Date(shanghaiDayStart(`${shiftMonth(month, 1)}-01`)).toISOString()
  const ratings = await readAll(payload, 'ratings', { and: [{ ratedAt: { greater_than_equal: from } }, { ratedAt: { less_than: to } }] }, pageSize)
  const items = await readAll(
    payload,
    'rectifications',
    { and: [{ openedOn: { greater_than_equal: `${month}-01` } }, { openedOn: { less_than: `${shiftMonth(month, 1)}-01` } }] },
    pageSize,
  )
  // depth 1: the office and the guide come populated.
  const name = (value: string | { name?: string | null } | null | undefined) => (value && typeof value === 'object' ? (value.name ?? '') : '')
  const title = (value: string | { title?: string | null } | null | undefined) => (value && typeof value === 'object' ? (value.title ?? null) : null)
  return monthlySummary(
    ratings.map((rating) => ({
      level: rating.level,
      ratedAt: Date.parse(rating.ratedAt),
      officeId: idOf(rating.office) ?? '',
      officeName: name(rating.office),
      guideId: idOf(rating.guide),
      guideTitle: title(rating.guide),
      comment: rating.comment ?? null,
      commentApproved: rating.commentApproved === true,
    })),
    items.map((item) => ({
      level: item.level,
      officeName: name(item.office),
      guideTitle: title(item.guide),
      openedOn: item.openedOn,
      deadline: item.deadline ?? null,
      state: item.state,
      reasons: item.reasons ?? [],
      publicFix: item.publicFix ?? null,
      fixedOn: item.fixedOn ?? null,
      closedOn: item.closedOn ?? null,
    })),
    month,
  )
}
