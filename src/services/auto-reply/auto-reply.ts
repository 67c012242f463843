/** Picks the auto-reply for a message: welcome on follow, keywords for text, otherwise the default. */
import { createRegexBudget, runRegex, type RegexBudget } from './safe-regex'
import type { PassiveReply } from '../../wechat/callback/types'

export interface AutoReplyRule {
  id: string
  kind: 'welcome' | 'keyword' | 'default'
  match?: 'exact' | 'contains' | 'regex' | null
  keyword?: string | null
  /** Larger first; equal priorities keep the given order. */
  priority?: number | null
  enabled?: boolean | null
  reply: PassiveReply
}

export interface AutoReplyMessage {
  msgType: string
  event?: string
  content?: string
}

/** Resident-sent message types that a default reply answers (events never get one). */
const RESIDENT_MESSAGE_TYPES = new Set(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link', 'file'])

/**
 * The rule that answers `message`: the welcome rule for a follow, else the first keyword rule (by
 * priority) that matches a text message, else the default rule for a resident's message; null if none.
 * Regex keywords run through RE2 with one time/size budget for the whole message (see safe-regex.ts).
 */
export function matchAutoReply(rules: readonly AutoReplyRule[], message: AutoReplyMessage): AutoReplyRule | null {
  const active = byPriority(rules.filter((rule) => rule.enabled !== false))
  if (message.msgType === 'event') {
    return message.event === 'subscribe' ? (active.find((rule) => rule.kind === 'welcome') ?? null) : null
  }
  if (!RESIDENT_MESSAGE_TYPES.has(message.msgType)) return null
  if (message.msgType === 'text') {
    const text = (message.content ?? '').trim()
    // One budget for all regex rules of this message, however many the account has.
    const budget = createRegexBudget()
    const keyword = active.find((rule) => rule.kind === 'keyword' && keywordMatches(rule, text, budget))
    if (keyword) return keyword
  }
  return active.find((rule) => rule.kind === 'default') ?? null
}

function byPriority(rules: AutoReplyRule[]): AutoReplyRule[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.index - b.index)
    .map(({ rule }) => rule)
}

function keywordMatches(rule: AutoReplyRule, text: string, budget: RegexBudget): boolean {
  const keyword = (rule.keyword ?? '').trim()
  if (!keyword || !text) return false
  switch (rule.match ?? 'exact') {
    case 'exact':
      return text.toLowerCase() === keyword.toLowerCase()
    case 'contains':
      return text.toLowerCase().includes(keyword.toLowerCase())
    case 'regex':
      // Run by RE2 (linear time). A pattern RE2 cannot compile, or one reached after the message's
      // budget is spent, counts as no match: the resident still gets a later rule or the default.
      return runRegex(keyword, text, budget) === 'match'
    default:
      return false
  }
}

/**
 * The rule whose passive reply answered a resident's message, for marking it 已自动回复 in the
 * inbox; null when no rule matches or the matching rule's reply is empty (the callback then
 * answered `success`, as buildPassiveReplyXml builds nothing for it).
 */
export function answeringRule(rules: readonly AutoReplyRule[], message: AutoReplyMessage): AutoReplyRule | null {
  const rule = matchAutoReply(rules, message)
  if (!rule) return null
  const { reply } = rule
  const answers =
    (reply.kind === 'text' && Boolean(reply.text)) ||
    (reply.kind === 'image' && Boolean(reply.mediaId)) ||
    (reply.kind === 'news' && Boolean(reply.article?.url))
  return answers ? rule : null
}
