import type {
  CollectionAfterReadHook,
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionBeforeValidateHook,
  Field,
  FieldAccess,
  Validate,
} from 'payload'
import { Forbidden, ValidationError } from 'payload'
import { encryptSecret, isEncrypted } from '../../src/shared/secret-encryption'
import { roleOf } from '../../src/access/roles'
import { SECRET_FORMAT_ERRORS, secretFormatError } from '../../src/services/accounts/secret-format'
import type { WechatAccount } from '../../src/payload-types'

const SECRET_FIELDS = ['appSecret', 'token', 'encodingAESKey', 'previousEncodingAESKey'] as const
export type SecretField = (typeof SECRET_FIELDS)[number]

/**
 * Readable — for the admin's form only — by admins: Payload leaves a field out of the form when its
 * read access is false, so `read: never` made the secrets impossible to type in. The values never go
 * out anyway: `hideSecrets` strips them from every read (REST, GraphQL, Local API, populated
 * relationships), `refuseSecretQueries` refuses filtering, sorting or `distinct` on them, and the list
 * view offers them neither as column nor as filter.
 */
const adminsOnly: FieldAccess = ({ req }) => roleOf(req.user) === 'admin'

const isEmpty = (value: unknown) => value === undefined || value === null || value === ''

/**
 * The console's formats as the admin types (the form's `onChange` check). The save itself is checked
 * by `checkSecretFormats`: Payload validates fields after the collection's beforeChange hooks, when
 * `encryptSecrets` has already replaced the typed value by its ciphertext.
 */
function validateSecret(name: SecretField): Validate {
  return (value, { event }) => (event !== 'onChange' || isEmpty(value) ? true : (secretFormatError(name, String(value).trim()) ?? true))
}

/** A secret: written by admins, stored encrypted, never read back through any API. */
export function secretField(name: SecretField, label: { zh: string; en: string }, description: { zh: string; en: string }): Field {
  return {
    name,
    type: 'text',
    label,
    access: { read: adminsOnly, create: adminsOnly, update: adminsOnly },
    validate: validateSecret(name),
    admin: {
      autoComplete: 'off',
      disableBulkEdit: true,
      disableListColumn: true,
      disableListFilter: true,
      description: {
        zh: `${description.zh}（${SECRET_FORMAT_ERRORS[name].rule.zh}；保存后加密存储，不再显示；留空则保持不变）`,
        en: `${description.en} (${SECRET_FORMAT_ERRORS[name].rule.en}; stored encrypted, never shown again; leave empty to keep)`,
      },
      components: { Field: '/src/admin/wechat-accounts/SecretInput#SecretInput' },
    },
  }
}

/**
 * The formats of 公众平台 → 设置与开发 → 基本配置 (services/accounts/secret-format.ts), checked where a
 * person types a secret: REST and GraphQL, which the admin's form saves through. Server code (seed,
 * demo account, tests) writes through the Local API and is not held to them; empty means "unchanged".
 * Values are trimmed first: a key pasted from the console often carries a space or line break.
 */
export const checkSecretFormats: CollectionBeforeValidateHook = ({ data, originalDoc, req }) => {
  if (!data) return data
  for (const field of SECRET_FIELDS) if (typeof data[field] === 'string') data[field] = data[field].trim()
  if (req.payloadAPI === 'local') return data
  // On update Payload hands over the stored ciphertext of a secret not sent: that one is unchanged.
  const typed = (field: SecretField) => !isEmpty(data[field]) && data[field] !== originalDoc?.[field]
  const errors = SECRET_FIELDS.filter(typed)
    .map((field) => ({ path: field, message: secretFormatError(field, data[field]) }))
    .filter((error): error is { path: SecretField; message: string } => error.message !== null)
  if (errors.length) throw new ValidationError({ collection: 'wechat-accounts', errors }, req.t)
  return data
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

/** True when a `where` (nested `and`/`or`, dotted paths) or a sort names a secret field. */
export function mentionsSecret(where: unknown, sort?: unknown): boolean {
  const isSecret = (path: string) => (SECRET_FIELDS as readonly string[]).includes(path.replace(/^-/, '').split('.')[0])
  const sorts = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  if (sorts.some((entry) => typeof entry === 'string' && isSecret(entry.trim()))) return true
  const walk = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(walk)
    if (!node || typeof node !== 'object') return false
    return Object.entries(node).some(([key, value]) => (key === 'and' || key === 'or' ? walk(value) : isSecret(key)))
  }
  return walk(where)
}

/**
 * Admins may read the secret fields (so the form shows them), which would let a query filter, sort or
 * list distinct values on them and learn the stored ciphertext's bytes one match at a time. Any such
 * query is refused — unless server code asks with `context.includeSecrets`.
 */
export const refuseSecretQueries: CollectionBeforeOperationHook = ({ args, context, req }) => {
  if (context?.includeSecrets) return args
  const { where, sort, field } = args as { where?: unknown; sort?: unknown; field?: unknown }
  if (mentionsSecret(where, sort) || (typeof field === 'string' && mentionsSecret({ [field]: true }))) {
    throw new Forbidden(req.t)
  }
  return args
}
