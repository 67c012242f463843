/**
 * WeChat template messages to staff (工作人员通知) who bound their WeChat on the account that sends
 * (src/services/binding/openids.ts staffOpenidFor: openids are per account): the default account,
 * unless the notice belongs to an account's push (`accountId`). One kind per alert, the template id per account set
 * by an admin (`wechat-accounts.staffTemplates.<kind>`, like `residentTemplates`), every message
 * recorded in `notifications` with channel `wechat` and the msgid in `relatedId` (what
 * TEMPLATESENDJOBFINISH updates, template-results.ts). Never thrown: the e-mail (notify.ts) is the
 * alert of record, this is the quick nudge beside it.
 *
 * The layout is our convention as for residents (resident-notice-layout.ts): the admin picks a
 * template whose keywords read as STAFF_TEMPLATE_LAYOUT says; since 2023-05-04 WeChat shows only the
 * keywords (公告《关于规范公众号模板消息的再次公告》), so everything is in keyword1–3.
 */
import type { Payload } from 'payload'
import { clientForAccount } from '../accounts/account-client'
import { findDefaultAccount } from '../accounts/accounts'
import { staffOpenidFor, type StaffBindingSource } from '../binding/openids'
import { cutKeyword, type TemplateData } from './resident-notice-layout'

export const STAFF_TEMPLATE_KINDS = ['newSuggestion'] as const
export type StaffTemplateKind = (typeof STAFF_TEMPLATE_KINDS)[number]

export const STAFF_TEMPLATE_KIND_LABELS: Record<StaffTemplateKind, { zh: string; en: string }> = {
  newSuggestion: { zh: '新的居民建议（微问政）', en: 'New suggestion (consultations)' },
}

/** What goes in keyword1–3 of each kind, and what the template's keywords should be called. */
export const STAFF_TEMPLATE_LAYOUT: Record<StaffTemplateKind, { first: string; keywords: [string, string, string]; remark: string }> = {
  newSuggestion: { first: '有新的居民建议待审核', keywords: ['征集话题', '待审核数量', '收到时间'], remark: '请登录后台审核（先审后发）' },
}

/** 「keyword1 征集话题 · keyword2 待审核数量 · keyword3 收到时间」: for the admin's field description. */
export const staffLayoutDescription = (kind: StaffTemplateKind): string =>
  STAFF_TEMPLATE_LAYOUT[kind].keywords.map((name, index) => `keyword${index + 1} ${name}`).join(' · ')

export interface StaffWeChatNotice {
  kind: StaffTemplateKind
  /** Staff as read from `users` (depth 0): those not bound on the sending account are left out. */
  recipients: Array<{ id: string | number } & StaffBindingSource>
  /** The account that sends (an account's push); the default account when absent. */
  accountId?: string
  /** keyword1–3, in the layout's order. */
  values: [string, string, string]
  /** The record's subject and body (the list of 通知记录). */
  subject: string
  body: string
  /** Where the message opens (the admin page). */
  url?: string
}

/**
 * Sends `notice` to each recipient bound on the sending account (default, or `accountId`), recorded in `notifications` (channel
 * `wechat`). No account or no template id for the kind: nothing sent and nothing recorded (answers 0).
 * Answers how many went out.
 */
export async function notifyStaffWeChat(payload: Payload, notice: StaffWeChatNotice): Promise<number> {
  if (notice.recipients.length === 0) return 0
  const account = notice.accountId
    ? await payload.findByID({ collection: 'wechat-accounts', id: notice.accountId, overrideAccess: true, depth: 0, disableErrors: true })
    : await findDefaultAccount(payload)
  const templateId = account?.staffTemplates?.[notice.kind]?.trim() ?? ''
  if (!account || !templateId) return 0
  const target = { id: String(account.id), isDefault: account.isDefault === true }
  // An openid of another account would be refused (40003): only those bound on this one.
  const recipients = notice.recipients.flatMap((user) => {
    const openid = staffOpenidFor(user, target)
    return openid ? [{ id: String(user.id), openid }] : []
  })
  const layout = STAFF_TEMPLATE_LAYOUT[notice.kind]
  const data: TemplateData = { first: { value: layout.first }, remark: { value: layout.remark } }
  notice.values.forEach((value, index) => {
    if (value.trim()) data[`keyword${index + 1}`] = { value: cutKeyword(value) }
  })
  let sent = 0
  for (const recipient of recipients) {
    let msgId: string | null = null
    let error: string | null = null
    try {
      const client = await clientForAccount(payload, String(account.id), { timeoutMs: 5_000, retry: { maxAttempts: 1 } })
      msgId = (await client.template.send({ touser: recipient.openid, templateId, url: notice.url, data })).msgId
      sent += 1
    } catch (cause) {
      error = `微信模板消息发送失败：${cause instanceof Error ? cause.message : String(cause)}`
      payload.logger.warn({ msg: 'staff template message not sent', recipient: recipient.id, error })
    }
    await payload
      .create({
        collection: 'notifications',
        overrideAccess: true,
        data: {
          recipient: recipient.id,
          to: `${recipient.openid.slice(0, 4)}****`,
          channel: 'wechat',
          subject: notice.subject,
          body: notice.body,
          // The msgid, so TEMPLATESENDJOBFINISH finds the record (template-results.ts).
          relatedCollection: 'wechat-template',
          relatedId: msgId ?? undefined,
          status: msgId ? 'pending' : 'failed',
          error: error ?? undefined,
        },
      })
      .catch((cause: unknown) => payload.logger.error({ msg: 'staff template message not recorded', error: String(cause) }))
  }
  return sent
}
