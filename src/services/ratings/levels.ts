/**
 * The five levels of a 好差评 rating, the reasons a resident may tick for each, and the check of a
 * rating as the resident sends it. Pure: no database, no clock.
 *
 * Source: 《国务院办公厅关于建立政务服务"好差评"制度提高政务服务水平的意见》（国办发〔2019〕51号）: five
 * levels 非常满意、满意、基本满意、不满意、非常不满意; the last two are 差评 (they open a rectification,
 * see rectification.ts). The reasons are not fixed by that text: the defaults below follow the reasons
 * the provinces' 好差评 forms offer, and each office may configure its own per level.
 */

export const RATING_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const
export type RatingLevel = (typeof RATING_LEVELS)[number]

/** Labels (zh / en) and the score 5..1 of each level (非常满意 = 5 … 非常不满意 = 1, the stars of the forms). */
export const RATING_LEVEL_INFO: Record<RatingLevel, { zh: string; en: string; score: number }> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied', score: 5 },
  satisfied: { zh: '满意', en: 'Satisfied', score: 4 },
  basic: { zh: '基本满意', en: 'Fairly satisfied', score: 3 },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied', score: 2 },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied', score: 1 },
}

/** 差评: 不满意 and 非常不满意 (国办发〔2019〕51号). */
export const BAD_RATING_LEVELS = ['dissatisfied', 'very_dissatisfied'] as const satisfies readonly RatingLevel[]

/** True for one of the five level ids. */
export const isRatingLevel = (value: unknown): value is RatingLevel => typeof value === 'string' && (RATING_LEVELS as readonly string[]).includes(value)

/**
 * True for a 差评 (不满意 / 非常不满意, 国办发〔2019〕51号): such a rating opens a rectification item
 * (rectification.ts) — the national text sets 15 working days to verify and rectify a 实名差评; our
 * configurable default is 5 (issue #14). False for the other three levels and anything not a level.
 */
export function isBadRating(level: unknown): boolean {
  return isRatingLevel(level) && (BAD_RATING_LEVELS as readonly string[]).includes(level)
}

/** The reasons a resident may tick, per level (Chinese, shown as they are). Configurable per install. */
export type ReasonsConfig = Record<RatingLevel, readonly string[]>

/**
 * Default reasons, as the provinces' 好差评 forms word them: praise for the good levels, what went
 * wrong for the bad ones, a mix for 基本满意.
 */
export const DEFAULT_REASONS: ReasonsConfig = {
  very_satisfied: ['办事效率高', '服务态度好', '一次办成', '指南清楚准确', '主动帮办代办'],
  satisfied: ['办事效率高', '服务态度好', '一次办成', '指南清楚准确', '等候时间短'],
  basic: ['等候时间较长', '材料要求不够清楚', '流程较繁琐', '服务态度一般'],
  dissatisfied: ['材料要求不清', '多次跑腿', '等候时间长', '态度生硬', '办理超时', '解释不清楚'],
  very_dissatisfied: ['材料要求不清', '多次跑腿', '等候时间长', '态度生硬', '办理超时', '推诿扯皮', '吃拿卡要'],
}

/** The longest comment kept, in characters (after trimming). */
export const MAX_COMMENT_LENGTH = 500
/** At most this many reasons per rating unless the caller says otherwise. */
export const DEFAULT_MAX_REASONS = 5

/** A rating as the resident's form sends it: nothing is trusted. */
export interface RatingInput {
  level?: unknown
  reasons?: unknown
  comment?: unknown
}

/** A rating that passed `validateRating`. */
export interface ValidRating {
  level: RatingLevel
  /** Distinct, in the order ticked, each one of the level's configured reasons. */
  reasons: string[]
  /** Trimmed; null when empty. Not public unless staff approve it (summary.ts). */
  comment: string | null
}

export type RatingField = 'level' | 'reasons' | 'comment'

export type RatingValidation = { ok: true; value: ValidRating } | { ok: false; problems: Partial<Record<RatingField, string>> }

/**
 * Checks a rating from the residents' page. Rules: `level` is required and one of the five;
 * `reasons` (optional, an array of strings) must each be among `reasonsConfig[level]`, duplicates
 * dropped, at most `maxReasons` (default 5); `comment` (optional string) is trimmed and at most 500
 * characters (counted as characters, not UTF-16 units). Problems are Chinese, one per field, for the form.
 * Levels: 国办发〔2019〕51号 (five levels). Never throws.
 */
export function validateRating(input: RatingInput, reasonsConfig: ReasonsConfig = DEFAULT_REASONS, options: { maxReasons?: number } = {}): RatingValidation {
  const maxReasons = options.maxReasons ?? DEFAULT_MAX_REASONS
  const problems: Partial<Record<RatingField, string>> = {}
  const level = isRatingLevel(input.level) ? input.level : null
  if (input.level === undefined || input.level === null || input.level === '') problems.level = '请选择满意程度'
  else if (!level) problems.level = `满意程度只能是：${RATING_LEVELS.map((l) => RATING_LEVEL_INFO[l].zh).join('、')}`

  let reasons: string[] = []
  if (input.reasons !== undefined && input.reasons !== null) {
    if (!Array.isArray(input.reasons) || !input.reasons.every((r) => typeof r === 'string')) problems.reasons = '原因格式不正确'
    else {
      reasons = [...new Set(input.reasons.map((r: string) => r.trim()).filter((r) => r !== ''))]
      if (level) {
        const allowed = reasonsConfig[level] ?? []
        const unknown = reasons.filter((r) => !allowed.includes(r))
        if (unknown.length) problems.reasons = `"${unknown.join('、')}"不是"${RATING_LEVEL_INFO[level].zh}"可选的原因`
        else if (reasons.length > maxReasons) problems.reasons = `最多选择 ${maxReasons} 项原因`
      }
    }
  }

  let comment: string | null = null
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string') problems.comment = '意见格式不正确'
    else {
      const text = input.comment.trim()
      if (Array.from(text).length > MAX_COMMENT_LENGTH) problems.comment = `意见不能超过 ${MAX_COMMENT_LENGTH} 个字`
      else comment = text === '' ? null : text
    }
  }

  if (!level || Object.keys(problems).length) return { ok: false, problems }
  return { ok: true, value: { level, reasons, comment } }
}
