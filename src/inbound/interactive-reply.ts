/**
 * Replies that do something, checked before the auto-reply rules: menu clicks (the item's text,
 * GUIDE_LIST's guide titles), `绑定 123456` and `审定`, and a text starting with an open 微问政
 * topic's keyword (src/services/consultations/chat.ts). Answered passively, within WeChat's 5 s,
 * because the resident is waiting for the outcome.
 */
import type { Payload } from 'payload'
import type { AccountCredentials } from '../wechat/account-credentials'
import { bindOpenid } from '../services/binding/bind'
import { chatSuggestionAnswer, loadChatTopics, type ChatTopic } from '../services/consultations/chat'
import { parseCommand } from '../services/binding/command'
import { loadGuideTitles, menuClickReply } from '../services/menu/click-reply'
import { loadSavedMenu } from '../services/menu/load'
import { GUIDE_LIST_KEY, type SavedMenu } from '../services/menu/types'
import { xmlText } from '../wechat/xml'
import { signOffFromWeChat } from '../services/push/sign-off-command'
import { TtlCache } from '../shared/ttl-cache'
import type { InboundMessage, PassiveReply } from '../wechat/callback/types'

/** What a menu click's reply reads: the account's saved menu and, for GUIDE_LIST, the guides' titles. */
export interface MenuReads {
  /** The saved menu of the account the click came to (each account answers from its own menu). */
  savedMenu: (accountId: string) => Promise<SavedMenu>
  guideTitles: () => Promise<string[]>
  /** The open 微问政 topics with a keyword (a text starting with one is a suggestion). */
  chatTopics: () => Promise<ChatTopic[]>
}

/**
 * The menu reads, each cached 10 s in the returned object (like the auto-reply rules: an edit
 * shows within seconds, a burst of clicks costs no queries); the menus per account id. Built once with the callback's runtime
 * (callback-runtime.ts), so each runtime — each test's — starts empty.
 */
export function cachedMenuReads(payload: Payload): MenuReads {
  const menus = new TtlCache<SavedMenu>(10_000)
  const guides = new TtlCache<string[]>(10_000)
  const topics = new TtlCache<ChatTopic[]>(10_000)
  return {
    savedMenu: (accountId) => menus.get(accountId, () => loadSavedMenu(payload, accountId)),
    guideTitles: () => guides.get('guides', () => loadGuideTitles(payload)),
    chatTopics: () => topics.get('topics', () => loadChatTopics(payload)),
  }
}

/** The reply, or undefined when the message is not one of ours (the auto-reply rules decide). */
export async function interactiveReply(
  payload: Payload,
  account: AccountCredentials,
  message: InboundMessage,
  menuReads: MenuReads,
): Promise<PassiveReply | null | undefined> {
  if (message.msgType === 'event' && message.event === 'CLICK') {
    const key = xmlText(message.record, 'EventKey')
    const menu = await menuReads.savedMenu(account.id)
    const titles = key === GUIDE_LIST_KEY ? await menuReads.guideTitles() : []
    return menuClickReply(menu, key, titles)
  }
  if (message.msgType !== 'text') return undefined
  const content = xmlText(message.record, 'Content')
  const command = parseCommand(content)
  if (!command) {
    // A suggestion to an open 微问政 topic (stored by the worker, src/inbound/process-inbound.ts);
    // not from a body nothing signed, which the worker will not act on either.
    if (message.untrustedBody) return undefined
    // The rate limit read too (one cheap query): a suggestion the worker will refuse is not promised 「审核后公开」.
    const suggestion = await chatSuggestionAnswer(payload, { text: content, openid: message.fromUser, topics: await menuReads.chatTopics() })
    return suggestion === null ? undefined : { kind: 'text', text: suggestion }
  }
  const text =
    command.kind === 'bind'
      ? await bindOpenid(payload, account.id, message.fromUser, command.code)
      : await signOffFromWeChat(payload, account.id, message.fromUser)
  return { kind: 'text', text }
}

/** Commands are for staff, not the residents' inbox. */
export const isStaffCommand = (content: string): boolean => parseCommand(content) !== null
