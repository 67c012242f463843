/**
 * Staff-written regular expressions run against residents' text, so no pattern may be able to
 * freeze the callback (WeChat waits 5 s for the answer, and Node has one thread) or the admin.
 *
 * Choice: auto-reply patterns are compiled and run by `re2js`, a pure-JavaScript port of RE2. RE2
 * matches in time linear in the input for every pattern, so a pattern such as `(a|ac|c)*z` or
 * `(a+)+$` cannot backtrack at all; V8's backtracking engine never sees a staff pattern. (The native
 * `re2` binding would be faster but needs a binary download at install.) The price is RE2's syntax:
 * backreferences (`\1`) and lookaround (`(?=…)`, `(?<=…)`) do not exist there, so such patterns are
 * refused when the rule is saved, with a message saying why. JavaScript spellings RE2 lacks
 * (`\u4e2d`, `\/`) are translated first, so patterns written for the old engine keep working.
 *
 * Linear is not free: a message is matched against every regex rule of the account, so each message
 * also gets one budget across all its rules (MESSAGE_REGEX_BUDGET_MS of time and
 * MESSAGE_REGEX_BUDGET_CHARACTERS of scanned text); once it is spent, the remaining regex rules count
 * as no match and the resident gets the next matching rule or the default.
 */
import { RE2JS } from 're2js'

export const MAX_PATTERN_LENGTH = 200
/** Characters of a message a pattern is run against; WeChat text messages are at most 2,048 bytes anyway. */
export const MAX_REGEX_INPUT = 2048
/** Wall-clock budget for all regex rules of one message, in milliseconds. */
export const MESSAGE_REGEX_BUDGET_MS = 200
/** Characters scanned for all regex rules of one message (40 rules of a full-length message). */
export const MESSAGE_REGEX_BUDGET_CHARACTERS = 40 * MAX_REGEX_INPUT

/** A compiled pattern, or the Chinese reason it cannot be used. */
export type CompiledPattern = { ok: true; regex: RE2JS } | { ok: false; message: string }

const MAX_CACHED_PATTERNS = 500
/** Keyed by the pattern text: a rule's new version with a new pattern compiles once, on first use. */
const compiled = new Map<string, CompiledPattern>()

/**
 * Compiles an auto-reply pattern with RE2 (case-insensitive, as keywords are), once per distinct
 * pattern text; later calls return the cached result. Never throws: an unusable pattern comes back
 * as `{ ok: false, message }` with a Chinese explanation (backreference, lookaround, syntax, length).
 */
export function compileAutoReplyPattern(pattern: string): CompiledPattern {
  const cached = compiled.get(pattern)
  if (cached) return cached
  const result = compileUncached(pattern)
  if (compiled.size >= MAX_CACHED_PATTERNS) compiled.clear()
  compiled.set(pattern, result)
  return result
}

const BACKREFERENCE_REFUSED = '正则表达式不支持反向引用（如 \\1、\\k<名称>），请改写'

function hasNamedBackreference(pattern: string): boolean {
  for (let index = 0; index < pattern.length; index++) {
    if (pattern[index] !== '\\') continue
    if (pattern[index + 1] === 'k' && pattern[index + 2] === '<') return true
    index++ // skip the escaped character, so `\\k<` (a backslash, then "k<") is not a reference
  }
  return false
}

function compileUncached(pattern: string): CompiledPattern {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, message: `正则表达式不能超过 ${MAX_PATTERN_LENGTH} 个字符` }
  // translateRegExp would quietly turn JavaScript's named backreference `\k<name>` into the text "k<name>".
  if (hasNamedBackreference(pattern)) return { ok: false, message: BACKREFERENCE_REFUSED }
  try {
    return { ok: true, regex: RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE) }
  } catch (error) {
    // RE2's parser names the construct it stopped at, e.g. "invalid escape sequence: `\1`".
    const detail = error instanceof Error ? error.message : ''
    if (/`\\([1-9]|k)/.test(detail)) return { ok: false, message: BACKREFERENCE_REFUSED }
    if (/`\(\?<?[=!]/.test(detail)) return { ok: false, message: '正则表达式不支持前后查找断言（如 (?=…)、(?!…)、(?<=…)），请改写' }
    return { ok: false, message: '正则表达式语法有误' }
  }
}

/**
 * What is left of one message's regex budget. Create one per message with `createRegexBudget()` and
 * pass it to every `runRegex` call for that message.
 */
export interface RegexBudget {
  /** `Date.now()` after which no further pattern runs. */
  deadline: number
  /** Characters that may still be scanned. */
  characters: number
}

/** A fresh budget for one message: MESSAGE_REGEX_BUDGET_MS from now, MESSAGE_REGEX_BUDGET_CHARACTERS. */
export function createRegexBudget(now = Date.now()): RegexBudget {
  return { deadline: now + MESSAGE_REGEX_BUDGET_MS, characters: MESSAGE_REGEX_BUDGET_CHARACTERS }
}

export type RegexOutcome = 'match' | 'no-match' | 'invalid' | 'over-budget'

/**
 * Tests whether `pattern` occurs in `input` (first MAX_REGEX_INPUT characters) with RE2, charging
 * `budget`. 'invalid' for a pattern RE2 cannot compile; 'over-budget' when the message's budget was
 * already spent, so the pattern was not run.
 */
export function runRegex(pattern: string, input: string, budget: RegexBudget = createRegexBudget()): RegexOutcome {
  const compiledPattern = compileAutoReplyPattern(pattern)
  if (!compiledPattern.ok) return 'invalid'
  const text = input.slice(0, MAX_REGEX_INPUT)
  if (Date.now() > budget.deadline || budget.characters < text.length) return 'over-budget'
  budget.characters -= text.length
  return compiledPattern.regex.test(text) ? 'match' : 'no-match'
}

/** Payload field validator: true, or a Chinese message explaining why the pattern is refused. */
export function validateRegexPattern(pattern: unknown): true | string {
  if (typeof pattern !== 'string' || pattern.trim() === '') return '请填写正则表达式'
  const result = compileAutoReplyPattern(pattern)
  return result.ok ? true : result.message
}
