/**
 * A consultation topic's (征集话题) phase at an instant, from its open and close dates, and the topic
 * categories. Pure: no database, `now` is a parameter.
 *
 * Dates are Beijing calendar days `YYYY-MM-DD`, both inclusive: a topic open 2026-10-08..2026-10-20
 * takes suggestions from 2026-10-08 00:00 to 2026-10-20 23:59:59 Beijing time.
 *
 *   未开始 not_open (before the open date) → 征集中 open (open..close) → 已截止 closed (after close)
 *   → 结果已公开 outcome_published (once the outcome is published, whatever the dates)
 */
import type { Bilingual } from '../../shared/bilingual'
import { isIsoDate, shanghaiDate } from '../../shared/time'

export const TOPIC_PHASES = ['not_open', 'open', 'closed', 'outcome_published'] as const
export type TopicPhase = (typeof TOPIC_PHASES)[number]

export const TOPIC_PHASE_LABELS: Record<TopicPhase, Bilingual> = {
  not_open: { zh: '未开始', en: 'Not open yet' },
  open: { zh: '征集中', en: 'Open' },
  closed: { zh: '已截止', en: 'Closed' },
  outcome_published: { zh: '结果已公开', en: 'Outcome published' },
}

export const TOPIC_CATEGORIES = ['municipal', 'transport', 'governance', 'sanitation', 'community', 'other'] as const
export type TopicCategory = (typeof TOPIC_CATEGORIES)[number]

/** The categories of issue 14, in the order the editor's select shows them. */
export const TOPIC_CATEGORY_LABELS: Record<TopicCategory, Bilingual> = {
  municipal: { zh: '市政设施', en: 'Municipal facilities' },
  transport: { zh: '交通出行', en: 'Transport' },
  governance: { zh: '城市治理', en: 'Urban governance' },
  sanitation: { zh: '环境卫生', en: 'Sanitation' },
  community: { zh: '社区服务', en: 'Community services' },
  other: { zh: '其他', en: 'Other' },
}

export const isTopicCategory = (value: unknown): value is TopicCategory => typeof value === 'string' && (TOPIC_CATEGORIES as readonly string[]).includes(value)

/** The dates of a topic as stored: Beijing `YYYY-MM-DD`. */
export interface TopicDates {
  opensOn: string
  closesOn: string
  /** Set when the outcome (结果公开) has been published; any non-null value counts. */
  outcomePublishedAt?: string | number | null
}

/**
 * The phase of a topic at `now` (epoch ms). `outcomePublishedAt` wins over the dates: a published
 * outcome closes the topic even if published before the close date (the office has answered).
 * @throws RangeError when a date is not a real `YYYY-MM-DD` (a programming error: validate first).
 */
export function topicPhase(topic: TopicDates, now: number): TopicPhase {
  if (!isIsoDate(topic.opensOn) || !isIsoDate(topic.closesOn)) throw new RangeError('opensOn and closesOn must be YYYY-MM-DD')
  if (topic.outcomePublishedAt !== undefined && topic.outcomePublishedAt !== null) return 'outcome_published'
  const today = shanghaiDate(now)
  if (today < topic.opensOn) return 'not_open'
  if (today > topic.closesOn) return 'closed'
  return 'open'
}

/** True when the topic takes suggestions at `now` (phase 征集中 only). */
export function acceptsSubmissions(topic: TopicDates, now: number): boolean {
  return topicPhase(topic, now) === 'open'
}

/**
 * The Chinese problems of a topic's dates, per field (empty when fine): both real dates, the close date
 * not before the open date. `today` (Beijing `YYYY-MM-DD`), when given, refuses a close date already
 * past — for a new topic only (an old topic stays editable).
 */
export function validateTopicDates(input: { opensOn?: unknown; closesOn?: unknown }, today?: string): Partial<Record<'opensOn' | 'closesOn', string>> {
  const problems: Partial<Record<'opensOn' | 'closesOn', string>> = {}
  if (!isIsoDate(input.opensOn)) problems.opensOn = '请填写征集开始日期（年-月-日）'
  if (!isIsoDate(input.closesOn)) problems.closesOn = '请填写征集截止日期（年-月-日）'
  if (problems.opensOn || problems.closesOn) return problems
  const opensOn = input.opensOn as string
  const closesOn = input.closesOn as string
  if (closesOn < opensOn) problems.closesOn = '征集截止日期不能早于开始日期'
  else if (today !== undefined && closesOn < today) problems.closesOn = '征集截止日期已经过去，请重新选择'
  return problems
}
