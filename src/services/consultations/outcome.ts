/**
 * The outcome of a topic (结果公开): the actions taken as dated milestones with before/after photos and
 * a closing statement; and who is told, once, that it is published. Pure.
 *
 * Rules (issue 14, deliverable 4, decided here where the issue is silent):
 * - at least one milestone and a closing statement of 1–2000 characters (`Array.from`);
 * - a milestone: a real Beijing date not after today (the outcome reports what **was** done), a text of
 *   1–500 characters, at most 6 photos before and 6 after (ids of stored, already cleaned images);
 * - milestones are shown oldest first; on the same date, in the order entered.
 * - who is told: every resident with a suggestion on the topic in any state **but 已撤回** — pending,
 *   published, answered and rejected suggestions all took part (a rejected suggestion is still a
 *   resident who spoke, and is owed the result); a resident who withdrew every suggestion took it back
 *   and is not contacted again. Each openid once, whatever the number of suggestions, minus those already
 *   told (the caller's record of sent notices, so a retry tells nobody twice).
 */
import { isIsoDate } from '../../shared/time'
import type { SubmissionState } from './moderation'

export const MAX_STATEMENT_LENGTH = 2000
export const MAX_MILESTONE_TEXT = 500
export const MAX_MILESTONE_PHOTOS = 6

export interface Milestone {
  /** Beijing `YYYY-MM-DD`. */
  date: string
  text: string
  /** Photo ids before the work. */
  before?: readonly string[]
  /** Photo ids after the work. */
  after?: readonly string[]
}

export interface OutcomeInput {
  milestones?: readonly Partial<Milestone>[] | null
  statement?: unknown
}

/** The problems of an outcome: `statement` and `milestones` (the list as a whole), and per milestone by index. */
export interface OutcomeProblems {
  statement?: string
  milestones?: string
  milestone?: Record<number, string[]>
}

const count = (text: string): number => Array.from(text).length

/**
 * Checks an outcome before publishing; `today` is Beijing `YYYY-MM-DD`. Returns the milestones in
 * display order (trimmed texts) or the Chinese problems.
 */
export function validateOutcome(
  input: OutcomeInput,
  today: string,
): { ok: true; value: { milestones: Milestone[]; statement: string } } | { ok: false; problems: OutcomeProblems } {
  const problems: OutcomeProblems = {}
  const statement = typeof input.statement === 'string' ? input.statement.trim() : ''
  if (statement === '') problems.statement = '请填写结果说明'
  else if (count(statement) > MAX_STATEMENT_LENGTH) problems.statement = `结果说明不能超过 ${MAX_STATEMENT_LENGTH} 个字，现在是 ${count(statement)} 个字`
  const milestones = input.milestones ?? []
  if (milestones.length === 0) problems.milestones = '请至少填写一项已采取的措施'
  const perMilestone: Record<number, string[]> = {}
  const cleaned: Milestone[] = []
  milestones.forEach((milestone, index) => {
    const own: string[] = []
    const text = typeof milestone.text === 'string' ? milestone.text.trim() : ''
    if (!isIsoDate(milestone.date)) own.push('请填写日期（年-月-日）')
    else if (milestone.date > today) own.push('日期不能晚于今天：结果公开只写已经完成的措施')
    if (text === '') own.push('请填写措施内容')
    else if (count(text) > MAX_MILESTONE_TEXT) own.push(`措施内容不能超过 ${MAX_MILESTONE_TEXT} 个字`)
    if ((milestone.before?.length ?? 0) > MAX_MILESTONE_PHOTOS) own.push(`整改前照片最多 ${MAX_MILESTONE_PHOTOS} 张`)
    if ((milestone.after?.length ?? 0) > MAX_MILESTONE_PHOTOS) own.push(`整改后照片最多 ${MAX_MILESTONE_PHOTOS} 张`)
    if (own.length > 0) perMilestone[index] = own
    else cleaned.push({ date: milestone.date as string, text, before: [...(milestone.before ?? [])], after: [...(milestone.after ?? [])] })
  })
  if (Object.keys(perMilestone).length > 0) problems.milestone = perMilestone
  if (problems.statement || problems.milestones || problems.milestone) return { ok: false, problems }
  return { ok: true, value: { milestones: orderMilestones(cleaned), statement } }
}

/** Milestones oldest first; the same date keeps the order entered (a stable sort). */
export function orderMilestones<T extends { date: string }>(milestones: readonly T[]): T[] {
  return [...milestones].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/**
 * The openids to tell that the outcome is published: residents with a suggestion in any state but
 * withdrawn, each once (in the order of their first suggestion), minus `alreadyTold`. Empty openids are
 * skipped.
 */
export function participantsToTell(submissions: readonly { openid: string; state: SubmissionState }[], alreadyTold: Iterable<string>): string[] {
  const told = new Set(alreadyTold)
  const out: string[] = []
  const seen = new Set<string>()
  for (const submission of submissions) {
    if (submission.state === 'withdrawn' || submission.openid === '') continue
    if (seen.has(submission.openid) || told.has(submission.openid)) continue
    seen.add(submission.openid)
    out.push(submission.openid)
  }
  return out
}
