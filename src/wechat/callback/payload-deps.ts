/** Binds the framework-free callback handler to a Payload instance. */
import type { Payload } from 'payload'
import { loadAccountCredentials, type AccountCredentials } from '../accounts'
import { matchAutoReply, type AutoReplyRule } from './auto-reply'
import { enqueueInbound } from './inbound-queue'
import { inboundWorkerFor } from './inbound-worker'
import { clearInteractiveCaches, interactiveReply } from './interactive-reply'
import { xmlText } from '../xml'
import { TtlCache } from './ttl-cache'
import type { CallbackDeps, PassiveReply } from './types'
import { loose } from './loose-payload'

// Short enough that a rotated key or an edited rule applies within a minute, long enough that a
// burst of messages costs no extra queries.
const accounts = new TtlCache<AccountCredentials | null>(60_000)
const rules = new TtlCache<AutoReplyRule[]>(10_000)

export function clearCallbackCaches(): void {
  accounts.clear()
  rules.clear()
  clearInteractiveCaches()
}

export interface PayloadCallbackOptions {
  now?: () => number
  maxSkewSeconds?: number
  /** Default: kick this process's inbound worker. */
  afterResponse?: () => void
}

export function payloadCallbackDeps(payload: Payload, options: PayloadCallbackOptions = {}): CallbackDeps {
  return {
    loadAccount: (accountId) => accounts.get(accountId, () => loadAccountOrNull(payload, accountId)),
    enqueue: (account, message) => enqueueInbound(payload, account, message, (options.now ?? Date.now)()),
    passiveReply: async (account, message) => {
      const acted = await interactiveReply(payload, account, message)
      if (acted !== undefined) return acted
      const rule = matchAutoReply(await rules.get(account.id, () => loadRules(payload, account.id)), {
        msgType: message.msgType,
        event: message.event,
        content: xmlText(message.record, 'Content'),
      })
      return rule?.reply ?? null
    },
    afterResponse: options.afterResponse ?? (() => inboundWorkerFor(payload).kick()),
    log: (level, entry) => payload.logger[level](entry),
    now: options.now,
    maxSkewSeconds: options.maxSkewSeconds,
  }
}

async function loadAccountOrNull(payload: Payload, accountId: string): Promise<AccountCredentials | null> {
  try {
    return await loadAccountCredentials(payload, accountId)
  } catch (error) {
    if (error instanceof Error && error.message.includes('不存在')) return null
    throw error
  }
}

interface AutoReplyDoc {
  id: string
  kind: AutoReplyRule['kind']
  match?: AutoReplyRule['match']
  keyword?: string | null
  priority?: number | null
  enabled?: boolean | null
  replyType: 'text' | 'news' | 'image'
  text?: string | null
  article?: { title?: string | null; description?: string | null; url?: string | null; picUrl?: string | null } | null
  mediaId?: string | null
}

export async function loadRules(payload: Payload, accountId: string): Promise<AutoReplyRule[]> {
  const found = await loose(payload).find({
    collection: 'auto-replies',
    overrideAccess: true,
    depth: 0,
    limit: 500,
    pagination: false,
    where: { and: [{ enabled: { not_equals: false } }, { or: [{ account: { equals: accountId } }, { account: { exists: false } }] }] },
  })
  return (found.docs as unknown as AutoReplyDoc[]).map(toRule)
}

function toRule(doc: AutoReplyDoc): AutoReplyRule {
  return {
    id: String(doc.id),
    kind: doc.kind,
    match: doc.match,
    keyword: doc.keyword,
    priority: doc.priority,
    enabled: doc.enabled,
    reply: toReply(doc),
  }
}

function toReply(doc: AutoReplyDoc): PassiveReply {
  if (doc.replyType === 'image') return { kind: 'image', mediaId: doc.mediaId ?? '' }
  if (doc.replyType === 'news') {
    const article = doc.article ?? {}
    return { kind: 'news', article: { title: article.title ?? '', description: article.description ?? '', url: article.url ?? '', picUrl: article.picUrl ?? '' } }
  }
  return { kind: 'text', text: doc.text ?? '' }
}
