import type { Payload } from 'payload'

export interface Recipient {
  id: string
  email?: string | null
  name?: string | null
}

export interface NotificationInput {
  recipients: Recipient[]
  subject: string
  body: string
  /** What the notification is about, e.g. `articles` / an id. */
  relatedCollection?: string
  relatedId?: string
}

/**
 * Records one notification per recipient and emails it through Payload's email adapter
 * (console unless SMTP is configured). A failed email is recorded, never thrown: the action that
 * caused the notification has already happened.
 */
export async function notify(payload: Payload, input: NotificationInput): Promise<void> {
  for (const recipient of input.recipients) {
    const record = await payload.create({
      collection: 'notifications',
      overrideAccess: true,
      data: {
        recipient: recipient.id,
        to: recipient.email ?? '',
        channel: 'email',
        subject: input.subject,
        body: input.body,
        relatedCollection: input.relatedCollection,
        relatedId: input.relatedId,
        status: 'pending',
      },
    })
    let status: 'sent' | 'failed' = 'sent'
    let error: string | undefined
    if (!recipient.email) {
      status = 'failed'
      error = '收件人没有邮箱'
    } else {
      try {
        await payload.sendEmail({ to: recipient.email, subject: input.subject, text: input.body })
      } catch (cause) {
        status = 'failed'
        error = cause instanceof Error ? cause.message : String(cause)
        payload.logger.warn({ msg: 'notification email failed', notification: record.id, error })
      }
    }
    await payload.update({
      collection: 'notifications',
      id: record.id,
      overrideAccess: true,
      data: { status, error, sentAt: new Date().toISOString() },
    })
  }
}

/** Active staff with any of `roles`, in one query. */
export async function activeUsersWithRole(payload: Payload, ...roles: ('leader' | 'admin' | 'editor')[]): Promise<Recipient[]> {
  const result = await payload.find({
    collection: 'users',
    overrideAccess: true,
    depth: 0,
    limit: 200,
    pagination: false,
    where: { and: [{ role: { in: roles } }, { active: { not_equals: false } }] },
  })
  return result.docs.map((user) => ({ id: String(user.id), email: user.email, name: user.name }))
}
