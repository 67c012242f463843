/** The account's secrets as staff read their names, in both admin languages (no server code: the admin's client imports it). */
export const SECRET_LABELS = {
  appSecret: { zh: '开发者密码（AppSecret）', en: 'App secret (AppSecret)' },
  token: { zh: '令牌（Token）', en: 'Token' },
  encodingAESKey: { zh: '消息加解密密钥（EncodingAESKey）', en: 'Message encryption key (EncodingAESKey)' },
  previousEncodingAESKey: { zh: '上一个消息加解密密钥', en: 'Previous encryption key' },
} as const

type SecretName = keyof typeof SECRET_LABELS

/** `"appSecret, token"` (what `secretsSet` stores; `—` when none) → the secrets' names. */
export function secretsSetNames(stored: unknown): SecretName[] {
  if (typeof stored !== 'string') return []
  return stored
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is SecretName => name in SECRET_LABELS)
}

/** `"appSecret, token"` (what `secretsSet` stores) → the labels in the admin's language, `—` when none. */
export function describeSecretsSet(stored: unknown, language: string | undefined): string {
  const names = secretsSetNames(stored)
  if (names.length === 0) return language === 'en' ? 'none' : '未设置'
  return names.map((name) => SECRET_LABELS[name][language === 'en' ? 'en' : 'zh']).join(language === 'en' ? ', ' : '、')
}
