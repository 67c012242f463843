import type { Payload } from 'payload'
import { idOf } from '../../access/roles'
import { adminUrl } from '../../http/admin-url'
import { activeUsersWithRole, notify, type Recipient } from '../notifications/notify'
import { isPushed, isReviewedCollection, REVIEWED_TYPE_NAMES, type ReviewedDoc } from './reviewed'
import type { ReviewAction } from './state-machine'

interface ReviewNotice {
  collection: string
  item: Pick<ReviewedDoc, 'id' | 'title' | 'createdBy'>
  action: ReviewAction
  actorName: string
  reason?: string
}

/** Submitting tells the leaders; a decision tells the author. */
export async function notifyReviewTransition(payload: Payload, notice: ReviewNotice): Promise<void> {
  const kind = isReviewedCollection(notice.collection) ? REVIEWED_TYPE_NAMES[notice.collection].zh : notice.collection
  const title = String(notice.item.title ?? '')
  const link = adminUrl(`/collections/${notice.collection}/${String(notice.item.id)}`)
  const related = { relatedCollection: notice.collection, relatedId: String(notice.item.id) }

  if (notice.action === 'submit') {
    await notify(payload, {
      recipients: await activeUsersWithRole(payload, 'leader'),
      subject: `【待审核】${kind}：${title}`,
      body: `${notice.actorName} 提交了${kind}《${title}》，请审核。\n${link}`,
      ...related,
    })
    return
  }
  if (notice.action !== 'approve' && notice.action !== 'return') return
  const authorId = idOf(notice.item.createdBy)
  if (!authorId) return
  const author = await payload.findByID({ collection: 'users', id: authorId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!author) return
  const recipient: Recipient = { id: String(author.id), email: author.email, name: author.name }
  const approved = notice.action === 'approve'
  const next = isPushed(notice.collection) ? '将进入每周推送候选' : '居民即可查看'
  await notify(payload, {
    recipients: [recipient],
    subject: approved ? `【已通过】${kind}：${title}` : `【退回修改】${kind}：${title}`,
    body: approved
      ? `您的${kind}《${title}》已由 ${notice.actorName} 审核通过，${next}。\n${link}`
      : `您的${kind}《${title}》被 ${notice.actorName} 退回修改。\n原因：${notice.reason ?? ''}\n${link}`,
    ...related,
  })
}
