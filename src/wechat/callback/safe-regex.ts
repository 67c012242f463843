/**
 * Staff-written regular expressions run against residents' text, so a catastrophic pattern such
 * as `(a+)+$` must not freeze the callback (WeChat gives us 5 s, and Node has one thread).
 *
 * Choice: every test runs inside `node:vm` with a hard time budget (V8 interrupts a backtracking
 * regex when the timeout fires), on input capped at 2,048 characters, with patterns capped at 200
 * characters. On save, the pattern is also tried against adversarial probes and refused if any
 * probe exhausts the budget, so staff hear about a slow pattern at once instead of it silently
 * never matching. (`re2` would avoid backtracking altogether, but is a native build we avoid.)
 */
import vm from 'node:vm'

export const MAX_PATTERN_LENGTH = 200
export const MAX_REGEX_INPUT = 2048
export const REGEX_BUDGET_MS = 100

const context = vm.createContext(Object.create(null))
const testScript = new vm.Script('pattern.test(input)')
const compiled = new Map<string, RegExp | null>()

function compile(pattern: string): RegExp | null {
  if (compiled.has(pattern)) return compiled.get(pattern)!
  let regex: RegExp | null = null
  try {
    regex = pattern.length <= MAX_PATTERN_LENGTH ? new RegExp(pattern, 'iu') : null
  } catch {
    regex = null
  }
  if (compiled.size > 500) compiled.clear()
  compiled.set(pattern, regex)
  return regex
}

export type RegexOutcome = 'match' | 'no-match' | 'invalid' | 'timeout'

/** Tests `input` against `pattern` within the time budget. */
export function runRegex(pattern: string, input: string, budgetMs = REGEX_BUDGET_MS): RegexOutcome {
  const regex = compile(pattern)
  if (!regex) return 'invalid'
  regex.lastIndex = 0
  context.pattern = regex
  context.input = input.slice(0, MAX_REGEX_INPUT)
  try {
    return testScript.runInContext(context, { timeout: budgetMs }) === true ? 'match' : 'no-match'
  } catch {
    return 'timeout'
  } finally {
    context.pattern = undefined
    context.input = undefined
  }
}

/** Inputs that make backtracking patterns explode: long runs of one character, then a mismatch. */
function probesFor(pattern: string): string[] {
  const characters = new Set([...pattern.replace(/\\[a-z]/gi, '')].filter((ch) => /[\p{L}\p{N} ]/u.test(ch)))
  for (const ch of ['a', '1', ' ', '中']) characters.add(ch)
  const probes: string[] = []
  for (const ch of characters) probes.push(`${ch.repeat(MAX_REGEX_INPUT - 1)}\u0000`)
  probes.push(`${'ab'.repeat(MAX_REGEX_INPUT / 2 - 1)}\u0000`)
  return probes
}

/** Payload field validator: true, or a Chinese message explaining why the pattern is refused. */
export function validateRegexPattern(pattern: unknown): true | string {
  if (typeof pattern !== 'string' || pattern.trim() === '') return '请填写正则表达式'
  if (pattern.length > MAX_PATTERN_LENGTH) return `正则表达式不能超过 ${MAX_PATTERN_LENGTH} 个字符`
  if (!compile(pattern)) return '正则表达式语法有误'
  for (const probe of probesFor(pattern)) {
    if (runRegex(pattern, probe, REGEX_BUDGET_MS * 5) === 'timeout') return '正则表达式可能导致匹配极慢（存在灾难性回溯），请简化，例如避免 (a+)+ 这类嵌套重复'
  }
  return true
}
