/**
 * A chat message to the account sent to a topic by its keyword (关键词): "小树林 晚上广场舞太吵",
 * "#小树林：…", "＃小树林 …". Pure.
 *
 * Rules (issue 14, deliverable 2):
 * - a keyword is 2–10 characters (code points), no white space, not starting with `#`/`＃` (the `#`
 *   is the resident's optional prefix), and unique among the topics that are open (征集中) — compared
 *   after normalization, case-insensitively, and neither may be the start of the other (else "小树林"
 *   and "小树林噪音" would both claim "小树林噪音很大");
 * - a message matches when, after trimming and normalization (full-width forms → half-width, e.g.
 *   `＃`→`#`, `：`→`:`, the ideographic space → a space), it **starts** with the keyword, with or
 *   without one leading `#`; a `:` right after the keyword and spaces are dropped; the rest is the body;
 * - the account's generic prefix 微征集 may come first ("微征集 小树林噪音…", "微征集：#小树林 …"): it is
 *   dropped with the `:`/spaces after it, then the keyword is matched; so no keyword may begin with it;
 * - a message that is only the keyword has no body: no match (nothing to store);
 * - only topics in 征集中 are matched (the caller passes them, or their phases).
 */
import type { TopicPhase } from './topic-window'

export const MIN_KEYWORD_LENGTH = 2
export const MAX_KEYWORD_LENGTH = 10
/** The generic prefix residents may put before any topic's keyword (the menu's instructions name it). */
export const GENERIC_PREFIX = '微征集'

/**
 * Full-width ASCII forms (U+FF01–U+FF5E) to their half-width letters, the ideographic space to a
 * space; NFC. So `＃ＡＢＣ：` becomes `#ABC:`; Chinese characters are unchanged.
 */
export function normalizeChatText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

const keyOf = (keyword: string): string => normalizeChatText(keyword.trim()).toLowerCase()

export interface KeywordTopic {
  id: string | number
  keyword: string
  phase: TopicPhase
}

/**
 * The keyword of a topic, normalized, or the Chinese reason it is refused; `others` are the keywords
 * of the **other** open topics (the topic's own keyword must not be among them).
 */
export function validateKeyword(input: unknown, others: readonly string[]): { ok: true; value: string } | { ok: false; message: string } {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, message: '请填写关键词' }
  const keyword = normalizeChatText(input.trim())
  const length = Array.from(keyword).length
  if (length < MIN_KEYWORD_LENGTH || length > MAX_KEYWORD_LENGTH)
    return { ok: false, message: `关键词应为 ${MIN_KEYWORD_LENGTH}–${MAX_KEYWORD_LENGTH} 个字，现在是 ${length} 个字` }
  if (/\s/u.test(keyword)) return { ok: false, message: '关键词不能包含空格' }
  if (keyword.startsWith('#')) return { ok: false, message: '关键词不用以「#」开头，群众发送时可加可不加' }
  if (/[:：]/u.test(keyword)) return { ok: false, message: '关键词不能包含冒号' }
  if (keyword.startsWith(GENERIC_PREFIX)) return { ok: false, message: `关键词不能以「${GENERIC_PREFIX}」开头（这是所有话题通用的前缀）` }
  const key = keyword.toLowerCase()
  for (const other of others) {
    const otherKey = keyOf(other)
    if (otherKey === '') continue
    if (otherKey === key) return { ok: false, message: `关键词「${keyword}」已被另一个征集中的话题使用` }
    if (otherKey.startsWith(key) || key.startsWith(otherKey))
      return { ok: false, message: `关键词「${keyword}」与征集中话题的关键词「${other.trim()}」开头相同，群众发送时无法区分` }
  }
  return { ok: true, value: keyword }
}

/**
 * The open topic a chat message is sent to and the message without its keyword, or null (no open
 * topic's keyword starts the message, or nothing follows the keyword). Case-insensitive for Latin
 * keywords. When several keywords would match (data saved before validateKeyword), the longest wins.
 */
export function matchChatKeyword(text: string, topics: readonly KeywordTopic[]): { topicId: string | number; body: string } | null {
  const message = normalizeChatText(text).trim()
  return (
    matchAfterPrefix(message, topics) ??
    (message.startsWith(GENERIC_PREFIX) ? matchAfterPrefix(message.slice(GENERIC_PREFIX.length).replace(/^\s*:?\s*/u, ''), topics) : null)
  )
}

function matchAfterPrefix(message: string, topics: readonly KeywordTopic[]): { topicId: string | number; body: string } | null {
  const rest = message.startsWith('#') ? message.slice(1).trimStart() : message
  const lower = rest.toLowerCase()
  const candidates = topics
    .filter((topic) => topic.phase === 'open' && keyOf(topic.keyword) !== '')
    .filter((topic) => lower.startsWith(keyOf(topic.keyword)))
    .sort((a, b) => keyOf(b.keyword).length - keyOf(a.keyword).length)
  const topic = candidates[0]
  if (!topic) return null
  const body = rest
    .slice(keyOf(topic.keyword).length)
    .replace(/^\s*:?\s*/u, '')
    .trim()
  return body === '' ? null : { topicId: topic.id, body }
}
