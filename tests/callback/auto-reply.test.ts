import { jest } from '@jest/globals'
import { windowLabel } from '../../src/admin/inbox/window-label'
import { matchAutoReply, type AutoReplyRule } from '../../src/services/auto-reply/auto-reply'
import { RE2JS } from 're2js'
import {
  compileAutoReplyPattern,
  createRegexBudget,
  MAX_REGEX_INPUT,
  MESSAGE_REGEX_BUDGET_CHARACTERS,
  MESSAGE_REGEX_BUDGET_MS,
  runRegex,
  validateRegexPattern,
} from '../../src/services/auto-reply/safe-regex'

const rule = (id: string, partial: Partial<AutoReplyRule>): AutoReplyRule => ({ id, kind: 'keyword', reply: { kind: 'text', text: id }, ...partial })

const RULES: AutoReplyRule[] = [
  rule('welcome', { kind: 'welcome' }),
  rule('default', { kind: 'default' }),
  rule('exact', { match: 'exact', keyword: '停水' }),
  rule('contains', { match: 'contains', keyword: '社保' }),
  rule('regex', { match: 'regex', keyword: '^(预约|办理).{0,10}证明$' }),
]

describe('matchAutoReply', () => {
  test.each([
    ['exact keyword, surrounding spaces ignored', { msgType: 'text', content: '  停水 ' }, 'exact'],
    ['exact does not match a longer text', { msgType: 'text', content: '明天停水吗' }, 'default'],
    ['contains', { msgType: 'text', content: '我想问社保缴费' }, 'contains'],
    ['regex', { msgType: 'text', content: '预约开具居住证明' }, 'regex'],
    ['no keyword: the default', { msgType: 'text', content: '你好' }, 'default'],
    ['an image gets the default', { msgType: 'image' }, 'default'],
    ['follow gets the welcome', { msgType: 'event', event: 'subscribe' }, 'welcome'],
  ])('%s', (_name, message, expected) => {
    expect(matchAutoReply(RULES, message)?.id).toBe(expected)
  })

  test('events other than follow, and unknown message types, get nothing', () => {
    expect(matchAutoReply(RULES, { msgType: 'event', event: 'unsubscribe' })).toBeNull()
    expect(matchAutoReply(RULES, { msgType: 'event', event: 'CLICK' })).toBeNull()
    expect(matchAutoReply(RULES, { msgType: 'hologram' })).toBeNull()
  })

  test('priority: larger first, ties keep their order; disabled rules are skipped', () => {
    const rules = [
      rule('low', { match: 'contains', keyword: '水', priority: 1 }),
      rule('high', { match: 'contains', keyword: '停水', priority: 5 }),
      rule('tie', { match: 'contains', keyword: '水', priority: 5 }),
    ]
    expect(matchAutoReply(rules, { msgType: 'text', content: '停水' })?.id).toBe('high')
    expect(matchAutoReply([{ ...rules[1]!, enabled: false }, rules[2]!, rules[0]!], { msgType: 'text', content: '停水' })?.id).toBe('tie')
  })

  test('no rules, no reply', () => {
    expect(matchAutoReply([], { msgType: 'text', content: '停水' })).toBeNull()
  })

  test('a pattern that would backtrack catastrophically is run by RE2 and answers with the default', () => {
    const evil = rule('evil', { match: 'regex', keyword: '^(a+)+$', priority: 10 })
    expect(matchAutoReply([evil, rule('default', { kind: 'default' })], { msgType: 'text', content: `${'a'.repeat(40)}!` })?.id).toBe('default')
  })
})

describe('regular expressions (RE2 through re2js)', () => {
  afterEach(() => jest.restoreAllMocks())

  test('runRegex: match, no match, case-insensitive, invalid', () => {
    expect(runRegex('停水', '明天停水')).toBe('match')
    expect(runRegex('停电', '明天停水')).toBe('no-match')
    expect(runRegex('wifi', '小区 WiFi 坏了')).toBe('match')
    expect(runRegex('(', 'x')).toBe('invalid')
    // JavaScript spellings RE2 lacks are translated, so patterns saved for the old engine still match.
    expect(runRegex('\\u505c\\/水', '停/水')).toBe('match')
  })

  test('every auto-reply pattern is compiled by re2js, once per pattern text', () => {
    const evil = compileAutoReplyPattern('(a|ac|c)*z')
    expect(evil.ok).toBe(true)
    expect(evil.ok && evil.regex).toBeInstanceOf(RE2JS)
    expect(compileAutoReplyPattern('(a|ac|c)*z')).toBe(evil)
  })

  test('ten rules with (a|ac|c)*z on an adversarial message: each is matched by RE2, none by the backtracking engine, the default answers', () => {
    const re2Test = jest.spyOn(RE2JS.prototype, 'test')
    const nativeExec = jest.spyOn(RegExp.prototype, 'exec')
    const evilRules = Array.from({ length: 10 }, (_, index) => rule(`evil-${index}`, { match: 'regex', keyword: `(a|ac|c)*z${index}`, priority: 10 }))
    const adversarial = `${'ac'.repeat(1000)}!`
    expect(matchAutoReply([...evilRules, rule('default', { kind: 'default' })], { msgType: 'text', content: adversarial })?.id).toBe('default')
    expect(re2Test).toHaveBeenCalledTimes(10)
    expect(re2Test.mock.calls.every(([input]) => input === adversarial)).toBe(true)
    expect(nativeExec.mock.calls.some(([input]) => input === adversarial)).toBe(false)
  })

  test('one size budget per message across all rules: rules past it count as no match without running', () => {
    const re2Test = jest.spyOn(RE2JS.prototype, 'test')
    const full = '停'.repeat(MAX_REGEX_INPUT)
    const rulesThatMiss = Array.from({ length: 45 }, (_, index) => rule(`miss-${index}`, { match: 'regex', keyword: `缺${index}`, priority: 100 - index }))
    const wouldMatch = rule('would-match', { match: 'regex', keyword: '停+', priority: 1 })
    expect(matchAutoReply([...rulesThatMiss, wouldMatch, rule('default', { kind: 'default' })], { msgType: 'text', content: full })?.id).toBe('default')
    expect(re2Test).toHaveBeenCalledTimes(MESSAGE_REGEX_BUDGET_CHARACTERS / MAX_REGEX_INPUT)
    // The same pattern on its own message, with a fresh budget, matches.
    expect(matchAutoReply([wouldMatch], { msgType: 'text', content: full })?.id).toBe('would-match')
  })

  test('one time budget per message: once the deadline passed, no pattern runs', () => {
    const re2Test = jest.spyOn(RE2JS.prototype, 'test')
    const budget = createRegexBudget(Date.now() - MESSAGE_REGEX_BUDGET_MS - 1)
    expect(runRegex('停水', '明天停水', budget)).toBe('over-budget')
    expect(re2Test).not.toHaveBeenCalled()
  })

  test('validateRegexPattern accepts what RE2 runs in linear time, refuses what RE2 cannot compile, in Chinese', () => {
    expect(validateRegexPattern('^(预约|办理).*证明$')).toBe(true)
    expect(validateRegexPattern('(a+)+$')).toBe(true)
    expect(validateRegexPattern('(a|ac|c)*z')).toBe(true)
    expect(validateRegexPattern('(a)\\1')).toMatch(/不支持反向引用/)
    expect(validateRegexPattern('(?<n>a)\\k<n>')).toMatch(/不支持反向引用/)
    expect(validateRegexPattern('\\\\k<n>')).toBe(true)
    for (const lookaround of ['(?=a)b', '(?!a)b', '(?<=a)b', '(?<!a)b']) expect(validateRegexPattern(lookaround)).toMatch(/不支持前后查找断言/)
    expect(validateRegexPattern('([')).toBe('正则表达式语法有误')
    expect(validateRegexPattern('a'.repeat(201))).toMatch(/不能超过 200/)
    expect(validateRegexPattern('')).toBe('请填写正则表达式')
  })
})

describe('reply window label', () => {
  test.each([
    [0, '已超过 48 小时回复时限，无法回复；居民再次发来消息后可回复。'],
    [59_000, '还可回复 1 分钟'],
    [3 * 3600_000, '还可回复 3 小时'],
    [47 * 3600_000 + 5 * 60_000, '还可回复 47 小时 5 分钟'],
  ])('%d ms', (ms, label) => expect(windowLabel({ open: ms > 0, expiresAt: null }, ms)).toBe(label))

  test('in English, and stopped with the reason once WeChat refused a reply', () => {
    expect(windowLabel({ open: true, expiresAt: null }, 47 * 3600_000 + 5 * 60_000, 'en')).toBe('47 h 5 min left to reply')
    const refused = { open: false, expiresAt: null, refusal: { errcode: 45047, at: '2026-11-30T01:00:00.000Z' } }
    // Time left in the 48 hours no longer counts: WeChat will refuse until the resident writes again.
    expect(windowLabel(refused, 40 * 3600_000)).toBe(
      '微信拒绝了回复（45047）：客服消息条数已达上限：居民每发来一条消息，48 小时内最多可回复 5 条。倒计时已停止，居民再次发来消息后才能回复。',
    )
    expect(windowLabel(refused, 40 * 3600_000, 'en')).toMatch(/^WeChat refused the reply \(45047\): the reply limit is used up/)
    expect(windowLabel({ ...refused, refusal: { errcode: 48001, at: refused.refusal.at } }, 1000)).toMatch(/没有客服消息接口的权限/)
  })
})
