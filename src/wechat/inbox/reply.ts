/**
 * A staff member's reply to a resident, sent as a customer-service message. The 48-hour window
 * is enforced here, before WeChat is asked; WeChat's own 45015 gives the same message.
 */
import type { Payload, PayloadRequest } from 'payload'
import type { ResidentMessage } from '../../payload-types'
import { idOf, staffOf, type StaffUser } from '../../access/roles'
import { WeChatApiError, type WeChatClient } from '../client'
import { clientForAccount } from './client'
import { latestMessageAt, replyWindow, WINDOW_CLOSED_MESSAGE } from './window'
import { updatableMessages } from '../../../collections/resident-messages/access'

/** An editor may read a colleague's message of their queue but not answer it. */
export const HANDLED_BY_OTHERS = '这条留言已由其他同事负责，不能回复；如需接手请联系审核领导改派'

export const MAX_REPLY_LENGTH = 600

export class InboxReplyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'InboxReplyError'
  }
}

export interface ReplyInput {
  messageId: string
  content: unknown
  /** The signed-in user's request: the message is read with their access rights. */
  req: PayloadRequest
  now?: () => number
  /** For tests; otherwise the account's shared client. */
  client?: WeChatClient
}

interface ThreadEntry {
  by: string
  at: string
  content: string
  status: 'sent' | 'failed'
  error?: string | null
  /** WeChat's answer: 0 sent, its errcode when refused, null when no answer came (network, timeout). */
  errcode?: number | null
}

export async function replyToResident(payload: Payload, input: ReplyInput): Promise<{ status: 'sent'; message: ResidentMessage }> {
  const staff = staffOf(input.req.user)
  if (!staff || staff.role === 'leader') throw new InboxReplyError(403, '只有社区编辑和管理员可以回复居民留言')
  const content = typeof input.content === 'string' ? input.content.trim() : ''
  if (!content) throw new InboxReplyError(400, '回复内容不能为空')
  if (content.length > MAX_REPLY_LENGTH) throw new InboxReplyError(400, `回复内容不能超过 ${MAX_REPLY_LENGTH} 个字`)

  const message = await readAsUser(payload, input)
  if (!(await mayHandle(payload, staff, message.id))) throw new InboxReplyError(403, HANDLED_BY_OTHERS)
  const accountId = idOf(message.account)
  if (!accountId || !message.openid) throw new InboxReplyError(400, '该留言缺少公众号或居民信息，无法回复')
  const nowMs = (input.now ?? Date.now)()
  if (!replyWindow(await latestMessageAt(payload, accountId, message.openid), nowMs).open) throw new InboxReplyError(409, WINDOW_CLOSED_MESSAGE)

  const client = input.client ?? (await clientForAccount(payload, accountId))
  try {
    await client.message.sendText(message.openid, content)
  } catch (error) {
    const reason = error instanceof WeChatApiError && error.errcode === 45015 ? WINDOW_CLOSED_MESSAGE : describe(error)
    const errcode = error instanceof WeChatApiError ? error.errcode : null
    await appendReply(payload, message, { by: staff.id, at: new Date(nowMs).toISOString(), content, status: 'failed', error: reason, errcode })
    throw new InboxReplyError(error instanceof WeChatApiError && error.errcode === 45015 ? 409 : 502, reason)
  }
  const saved = await appendReply(payload, message, { by: staff.id, at: new Date(nowMs).toISOString(), content, status: 'sent', errcode: 0 }, staff.id)
  return { status: 'sent', message: saved }
}

async function readAsUser(payload: Payload, input: ReplyInput): Promise<ResidentMessage> {
  try {
    return await payload.findByID({ collection: 'resident-messages', id: input.messageId, req: input.req, overrideAccess: false, depth: 0, showHiddenFields: false })
  } catch {
    // Not found and not allowed look the same: editors must not learn which messages exist.
    throw new InboxReplyError(404, '留言不存在或您无权查看')
  }
}

/** Whether `staff` may change the message (the collection's update rule): only those handling it reply. */
async function mayHandle(payload: Payload, staff: StaffUser, messageId: string): Promise<boolean> {
  const rule = updatableMessages(staff)
  if (rule === true) return true
  const { totalDocs } = await payload.count({ collection: 'resident-messages', overrideAccess: true, where: { and: [{ id: { equals: messageId } }, rule] } })
  return totalDocs > 0
}

function describe(error: unknown): string {
  if (error instanceof WeChatApiError) return `微信发送失败：${error.meaning}`
  return `发送失败：${error instanceof Error ? error.message : String(error)}`
}

/** Keeps every attempt in the thread; a successful reply marks the message replied and assigns it. */
async function appendReply(payload: Payload, message: ResidentMessage, entry: ThreadEntry, replier?: string): Promise<ResidentMessage> {
  const thread = (message.thread ?? []).map(({ by, at, content, status, error, errcode }) => ({ by: idOf(by) ?? undefined, at, content, status, error, errcode }))
  const data: Pick<ResidentMessage, 'thread'> & Partial<Pick<ResidentMessage, 'status' | 'assignee'>> = { thread: [...thread, entry] }
  if (entry.status === 'sent') {
    data.status = 'replied'
    if (!idOf(message.assignee) && replier) data.assignee = replier
  }
  return payload.update({ collection: 'resident-messages', id: message.id, overrideAccess: true, depth: 0, data })
}
