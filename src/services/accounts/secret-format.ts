/**
 * The formats of an official account's secrets, as 公众平台 → 设置与开发 → 基本配置 issues them:
 * - AppSecret (开发者密码): 32 hexadecimal characters (the console shows e.g. `0123456789abcdef…`);
 * - Token (服务器配置 → 令牌): 3–32 English letters or digits (the console's own rule);
 * - EncodingAESKey (消息加解密密钥): 43 characters A–Z, a–z, 0–9 (the console's rule; it is the
 *   base64 of the 32-byte AES key without its trailing '=', see the shared WeChat reference).
 * Pure (no server modules), so the collection's validation and the tests share it.
 */
export type SecretName = 'appSecret' | 'token' | 'encodingAESKey' | 'previousEncodingAESKey'

interface SecretFormat {
  pattern: RegExp
  /** The rule, as the field's description states it. */
  rule: { zh: string; en: string }
  /** The refusal, naming the field and the rule. */
  error: string
}

const AES_KEY = /^[A-Za-z0-9]{43}$/

export const SECRET_FORMAT_ERRORS: Record<SecretName, SecretFormat> = {
  appSecret: {
    pattern: /^[0-9a-fA-F]{32}$/,
    rule: { zh: '32 位十六进制字符', en: '32 hexadecimal characters' },
    error: '开发者密码（AppSecret）：应为 32 位十六进制字符（0–9、a–f），请从公众平台 → 设置与开发 → 基本配置 中复制',
  },
  token: {
    pattern: /^[A-Za-z0-9]{3,32}$/,
    rule: { zh: '3–32 位英文字母或数字', en: '3–32 letters or digits' },
    error: '令牌（Token）：应为 3–32 位英文字母或数字，与公众平台 → 基本配置 → 服务器配置 中填写的一致',
  },
  encodingAESKey: {
    pattern: AES_KEY,
    rule: { zh: '43 位英文字母或数字', en: '43 letters or digits' },
    error: '消息加解密密钥（EncodingAESKey）：应为 43 位英文字母或数字，与公众平台 → 基本配置 → 服务器配置 中的一致',
  },
  previousEncodingAESKey: {
    pattern: AES_KEY,
    rule: { zh: '43 位英文字母或数字', en: '43 letters or digits' },
    error: '上一个消息加解密密钥：应为 43 位英文字母或数字（更换密钥前使用的 EncodingAESKey）',
  },
}

/** The Chinese refusal when `value` is not a well-formed `name`, else null. Surrounding spaces count (trim first). */
export function secretFormatError(name: SecretName, value: unknown): string | null {
  const format = SECRET_FORMAT_ERRORS[name]
  return typeof value === 'string' && format.pattern.test(value) ? null : format.error
}
