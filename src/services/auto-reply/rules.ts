import type { Payload } from 'payload'
import type { AutoReply } from '../../payload-types'
import type { PassiveReply } from '../../wechat/callback/types'
import type { AutoReplyRule } from './auto-reply'

/**
 * The enabled auto-reply rules of an account (its own and the ones without an account), as the
 * matcher reads them. Read with overrideAccess: the callback answers for the office, not a user.
 * At most 500 rules per account (the admin never gets near it).
 */
export async function loadRules(payload: Payload, accountId: string): Promise<AutoReplyRule[]> {
  const found = await payload.find({
    collection: 'auto-replies',
    overrideAccess: true,
    depth: 0,
    limit: 500,
    pagination: false,
    where: { and: [{ enabled: { not_equals: false } }, { or: [{ account: { equals: accountId } }, { account: { exists: false } }] }] },
  })
  return found.docs.map(toRule)
}

function toRule(doc: AutoReply): AutoReplyRule {
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

function toReply(doc: AutoReply): PassiveReply {
  if (doc.replyType === 'image') return { kind: 'image', mediaId: doc.mediaId ?? '' }
  if (doc.replyType === 'news') {
    const article = doc.article ?? {}
    return {
      kind: 'news',
      article: { title: article.title ?? '', description: article.description ?? '', url: article.url ?? '', picUrl: article.picUrl ?? '' },
    }
  }
  return { kind: 'text', text: doc.text ?? '' }
}
