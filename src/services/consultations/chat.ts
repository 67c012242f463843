/**
 * Suggestions from the account's chat (issue 14, deliverable 2: 「a text that starts with the topic's
 * keyword goes to the topic」). Two halves, as the inbound layer splits every message:
 *
 * - the callback's passive reply (`chatSuggestionReply`, within WeChat's 5 s, nothing written): the
 *   text matched against the open topics' keywords (read through a 10 s cache by the caller) and
 *   checked (validateSubmission), answered 「已收到您对「<title>」的建议，审核后公开。查看：<link>」 or
 *   what is wrong with it;
 * - the worker (`submitFromChat`), after WeChat has its answer: the same match against the database,
 *   stored through submitSuggestion (source `chat`, no photos; stored once by fingerprint, so a WeChat
 *   retry or the same text from the page is one suggestion).
 */
import { publicBaseUrl } from '../../http/admin-url'
import type { Payload } from 'payload'
import { shanghaiDate } from '../../shared/time'
import { matchChatKeyword, normalizeChatText, type KeywordTopic } from './chat-keyword'
import { precheckSuggestion, submitSuggestion, type SubmitResult } from './submit'
import { validateSubmission } from './submission'
import { topicPhase } from './topic-window'

/** An open topic as the chat needs it. */
export interface ChatTopic extends KeywordTopic {
  title: string
}

/** Where residents open a topic: `${PUBLIC_URL}/m/topics/<id>` (src/http/admin-url.ts publicBaseUrl: read when called, the local demo's address unset). */
export function topicPageUrl(topicId: string | number, publicUrl: string | undefined = process.env.PUBLIC_URL): string {
  return `${publicBaseUrl(publicUrl)}/m/topics/${String(topicId)}`
}

/**
 * The approved topics taking suggestions at `now` that have a keyword (phase 征集中). One query; the
 * callback caches the answer 10 s (src/inbound/interactive-reply.ts), the worker asks each time.
 */
export async function loadChatTopics(payload: Payload, now: number = Date.now()): Promise<ChatTopic[]> {
  const today = shanghaiDate(now)
  const found = await payload.find({
    collection: 'consultation-topics',
    overrideAccess: true,
    depth: 0,
    pagination: false,
    where: {
      and: [
        { reviewStatus: { equals: 'approved' } },
        { opensOn: { less_than_equal: today } },
        { closesOn: { greater_than_equal: today } },
        { outcomePublishedAt: { exists: false } },
        { keyword: { exists: true } },
      ],
    },
    select: { title: true, keyword: true, opensOn: true, closesOn: true, outcomePublishedAt: true },
  })
  return found.docs
    .filter((doc) => typeof doc.keyword === 'string' && doc.keyword !== '')
    .map((doc) => ({ id: String(doc.id), title: doc.title, keyword: doc.keyword!, phase: topicPhase(doc, now) }))
}

/**
 * The passive reply to a chat text that goes to a topic, or null when it matches no open topic (the
 * other replies decide). Pure: `topics` from loadChatTopics. A text that matches but is not a valid
 * suggestion (over 1000 characters) is told why, and the worker will not store it either.
 */
export function chatSuggestionReply(text: string, topics: readonly ChatTopic[], publicUrl?: string): string | null {
  const match = matchChatKeyword(text, topics)
  if (!match) return null
  const topic = topics.find((candidate) => String(candidate.id) === String(match.topicId))
  if (!topic) return null
  const checked = validateSubmission({ text: match.body })
  if (!checked.ok) return `您对「${topic.title}」的建议未能提交：${checked.problems.text ?? '内容有误'}`
  return `已收到您对「${topic.title}」的建议，审核后公开。查看：${topicPageUrl(topic.id, publicUrl)}`
}

/** The reply to a chat suggestion the worker will not store as one (it goes to the inbox). */
export const CHAT_INBOX_REPLY = '已收到您的留言，我们会尽快处理'

/**
 * The passive reply to a chat text, as chatSuggestionReply, but told the truth when the worker will not
 * make it a suggestion: a resident already over the rate limit (a cheap read, `precheckSuggestion`:
 * nothing claimed) gets 「已收到您的留言，我们会尽快处理」 — the message goes to the inbox, where staff
 * see it — instead of 「…审核后公开」. A re-post of a live suggestion is still 「已收到…」 (it is one).
 * A topic closed meanwhile is not open in `topics` (the callback's 10 s cache at most lags).
 * Null when the text matches no open topic.
 */
export async function chatSuggestionAnswer(
  payload: Payload,
  input: { text: string; openid: string; topics: readonly ChatTopic[]; now?: number; publicUrl?: string },
): Promise<string | null> {
  const reply = chatSuggestionReply(input.text, input.topics, input.publicUrl)
  const match = reply === null ? null : matchChatKeyword(input.text, input.topics)
  if (reply === null || !match || !validateSubmission({ text: match.body }).ok) return reply
  const pre = await precheckSuggestion(payload, {
    topicId: String(match.topicId),
    openid: input.openid,
    text: originalBody(input.text, match.body),
    now: input.now ?? Date.now(),
  })
  return pre.ok ? reply : CHAT_INBOX_REPLY
}

/**
 * The body as the resident wrote it: matchChatKeyword answers it from the normalized text (full-width
 * letters and punctuation half-width), which would turn 「，」 into 「,」. Full-width → half-width is one
 * character for one, so the body is the same-length tail of the original when NFC changed nothing.
 */
export function originalBody(text: string, body: string): string {
  const original = text.normalize('NFC').trim()
  if (original.length !== normalizeChatText(original).trim().length) return body
  return original.slice(original.length - body.length)
}

/**
 * Stores a chat text as a suggestion when it matches an open topic's keyword: submitSuggestion's
 * answer, or null when it matches none (the caller stores it in the inbox as usual).
 */
export async function submitFromChat(payload: Payload, input: { accountId: string; openid: string; text: string; now?: number }): Promise<SubmitResult | null> {
  const now = input.now ?? Date.now()
  const match = matchChatKeyword(input.text, await loadChatTopics(payload, now))
  if (!match) return null
  return submitSuggestion(payload, {
    topicId: String(match.topicId),
    openid: input.openid,
    accountId: input.accountId,
    text: originalBody(input.text, match.body),
    photos: [],
    source: 'chat',
    now,
  })
}
