import type { CollectionAfterReadHook, CollectionBeforeChangeHook, Field } from 'payload'
import { encryptSecret, isEncrypted } from '../../src/shared/secret-encryption'
import type { WechatAccount } from '../../src/payload-types'

const SECRET_FIELDS = ['appSecret', 'token', 'encodingAESKey', 'previousEncodingAESKey'] as const
export type SecretField = (typeof SECRET_FIELDS)[number]

const never = () => false

/** A secret: written by admins, stored encrypted, never read back through any API. */
export function secretField(name: SecretField, label: { zh: string; en: string }, description: { zh: string; en: string }): Field {
  return {
    name,
    type: 'text',
    label,
    access: { read: never },
    admin: {
      description: {
        zh: `${description.zh}（保存后加密存储，不再显示；留空则保持不变）`,
        en: `${description.en} (stored encrypted, never shown again; leave empty to keep)`,
      },
    },
  }
}

/** Encrypts what was written and records which secrets are set, so the admin can tell without seeing them. */
export const encryptSecrets: CollectionBeforeChangeHook<WechatAccount> = ({ data, originalDoc }) => {
  for (const field of SECRET_FIELDS) {
    const value = data[field]
    if (value === undefined || value === null || value === '') {
      // Empty in the form means "unchanged": the admin never sees the stored value to resend it.
      data[field] = originalDoc?.[field] ?? null
    } else if (!isEncrypted(value)) {
      data[field] = encryptSecret(String(value))
    }
  }
  const set = SECRET_FIELDS.filter((field) => isEncrypted(data[field]))
  data.secretsSet = set.length ? set.join(', ') : '—'
  return data
}

/** Even the Local API hands out secrets only to the server code that asks for them. */
export const hideSecrets: CollectionAfterReadHook = ({ doc, req }) => {
  if (!req.context?.includeSecrets) for (const field of SECRET_FIELDS) delete (doc as Record<string, unknown>)[field]
  return doc
}
