import type { ReadinessProblem } from '../content/wechat-readiness'
import { isChinesePhone } from './phone'

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === ''

/**
 * What a guide must say before it is submitted or approved (a draft may be incomplete): the office
 * that handles it, 受理条件, at least one step, the committed time limit in working days, the fee and a
 * phone for questions. Each problem names its field; the review service refuses with all of them.
 */
export function checkGuideReadiness(guide: Record<string, unknown>): ReadinessProblem[] {
  const problems: ReadinessProblem[] = []
  if (blank(guide.title)) problems.push({ field: 'title', message: '事项名称：不能为空' })
  if (guide.office == null || guide.office === '') problems.push({ field: 'office', message: '承办科室：请选择' })
  if (blank(guide.conditions)) problems.push({ field: 'conditions', message: '受理条件：不能为空' })
  if (!Array.isArray(guide.steps) || guide.steps.length === 0) problems.push({ field: 'steps', message: '办理流程：至少填写一个步骤' })
  const days = guide.timeLimitDays
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0)
    problems.push({ field: 'timeLimitDays', message: '承诺时限：请填写工作日天数（0 表示即办）' })
  if (blank(guide.fee)) problems.push({ field: 'fee', message: '收费标准：不能为空（不收费请填“不收费”）' })
  if (blank(guide.consultPhone)) problems.push({ field: 'consultPhone', message: '咨询电话：不能为空' })
  else if (!isChinesePhone(String(guide.consultPhone))) problems.push({ field: 'consultPhone', message: '咨询电话：电话号码格式不正确' })
  return problems
}

/** The review refusal's opening words for a guide (see ReviewReadiness in services/review). */
export const GUIDE_READINESS_REFUSAL = '办事指南信息不完整'
