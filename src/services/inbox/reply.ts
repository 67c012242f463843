/**
 * A staff member's reply to a resident, sent as a customer-service message. The 48-hour window
 * is enforced here, before WeChat is asked; WeChat's own 45015 gives the same message.
 */
import type { Payload, PayloadRequest } from 'payload'
import type { ResidentMessage } from '../../payload-types'
import { idOf, requireStaff, type StaffUser } from '../../access/roles'
import type { Bilingual } from '../../shared/bilingual'
import { ApiError } from '../../http/api-error'
import { WeChatApiError, type WeChatClient } from '../../wechat/client'
import { cachedClientForAccount } from '../accounts/cached-client'
import { latestMessageAt, replyWindow, WINDOW_CLOSED_MESSAGE, WINDOW_CLOSED_MESSAGE_EN } from './window'
import { updatableMessages } from './access'

/** An editor may read a colleague's message of their queue but not answer it. */
const HANDLED_BY_OTHERS = '这条留言已由其他同事负责，不能回复；如需接手请联系审核领导改派'

const MAX_REPLY_LENGTH = 600

/** Not found and not allowed look the same: editors must not learn which messages exist. */
export const MESSAGE_NOT_FOUND: Bilingual = { zh: '留言不存在或您无权查看', en: 'This message does not exist or you may not see it' }

/** A reply that was refused or failed: an ApiError (status, code, the reason in both admin languages). */
export class InboxReplyError extends ApiError {
  override name = 'InboxReplyError'
}

const WINDOW_CLOSED: Bilingual = { zh: WINDOW_CLOSED_MESSAGE, en: WINDOW_CLOSED_MESSAGE_EN }

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
  const staff = requireStaff(input.req, ['editor', 'admin'], {
    forbidden: { zh: '只有社区编辑和管理员可以回复居民留言', en: 'Only community editors and administrators may reply to residents' },
  })
  const content = typeof input.content === 'string' ? input.content.trim() : ''
  if (!content) throw new InboxReplyError(400, 'content-required', { zh: '回复内容不能为空', en: 'The reply is empty' })
  if (content.length > MAX_REPLY_LENGTH) {
    throw new InboxReplyError(400, 'content-too-long', {
      zh: `回复内容不能超过 ${MAX_REPLY_LENGTH} 个字`,
      en: `A reply may have at most ${MAX_REPLY_LENGTH} characters`,
    })
  }

  const message = await readAsUser(payload, input)
  if (!(await mayHandle(payload, staff, message.id))) {
    throw new InboxReplyError(403, 'handled-by-others', {
      zh: HANDLED_BY_OTHERS,
      en: 'A colleague handles this message, so you cannot reply; ask a reviewing leader to reassign it',
    })
  }
  const accountId = idOf(message.account)
  if (!accountId || !message.openid) {
    throw new InboxReplyError(400, 'no-resident', {
      zh: '该留言缺少公众号或居民信息，无法回复',
      en: 'This message has no account or resident, so it cannot be answered',
    })
  }
  const nowMs = (input.now ?? Date.now)()
  if (!replyWindow(await latestMessageAt(payload, accountId, message.openid), nowMs).open) throw new InboxReplyError(409, 'window-closed', WINDOW_CLOSED)

  const client = input.client ?? (await cachedClientForAccount(payload, accountId))
  try {
    await client.message.sendText(message.openid, content)
  } catch (error) {
    const windowClosed = error instanceof WeChatApiError && error.errcode === 45015
    const reason = windowClosed ? WINDOW_CLOSED : describe(error)
    const errcode = error instanceof WeChatApiError ? error.errcode : null
    // The thread keeps the reason in Chinese, as every stored record.
    await appendReply(payload, message, { by: staff.id, at: new Date(nowMs).toISOString(), content, status: 'failed', error: reason.zh, errcode })
    throw new InboxReplyError(windowClosed ? 409 : 502, windowClosed ? 'window-closed' : 'wechat-failed', reason, { errcode: errcode ?? null })
  }
  const saved = await appendReply(payload, message, { by: staff.id, at: new Date(nowMs).toISOString(), content, status: 'sent', errcode: 0 }, staff.id)
  return { status: 'sent', message: saved }
}

async function readAsUser(payload: Payload, input: ReplyInput): Promise<ResidentMessage> {
  try {
    return await payload.findByID({
      collection: 'resident-messages',
      id: input.messageId,
      req: input.req,
      overrideAccess: false,
      depth: 0,
      showHiddenFields: false,
    })
  } catch {
    // Not found and not allowed look the same: editors must not learn which messages exist.
    throw new InboxReplyError(404, 'not-found', MESSAGE_NOT_FOUND)
  }
}

/** Whether `staff` may change the message (the collection's update rule): only those handling it reply. */
async function mayHandle(payload: Payload, staff: StaffUser, messageId: string): Promise<boolean> {
  const rule = updatableMessages(staff)
  if (rule === true) return true
  const { totalDocs } = await payload.count({ collection: 'resident-messages', overrideAccess: true, where: { and: [{ id: { equals: messageId } }, rule] } })
  return totalDocs > 0
}

/** Why WeChat did not take the reply; WeChat's reason (errcode meaning) stays as worded in Chinese. */
function describe(error: unknown): Bilingual {
  if (error instanceof WeChatApiError) return { zh: `微信发送失败：${error.meaning}`, en: `WeChat did not send the reply: ${error.meaning}` }
  const detail = error instanceof Error ? error.message : String(error)
  return { zh: `发送失败：${detail}`, en: `Sending failed: ${detail}` }
}

/** Keeps every attempt in the thread; a successful reply marks the message replied and assigns it. */
async function appendReply(payload: Payload, message: ResidentMessage, entry: ThreadEntry, replier?: string): Promise<ResidentMessage> {
  const thread = (message.thread ?? []).map(({ by, at, content, status, error, errcode }) => ({
    by: idOf(by) ?? undefined,
    at,
    content,
    status,
    error,
    errcode,
  }))
  const data: Pick<ResidentMessage, 'thread'> & Partial<Pick<ResidentMessage, 'status' | 'assignee'>> = { thread: [...thread, entry] }
  if (entry.status === 'sent') {
    data.status = 'replied'
    if (!idOf(message.assignee) && replier) data.assignee = replier
  }
  return payload.update({ collection: 'resident-messages', id: message.id, overrideAccess: true, depth: 0, data })
}
