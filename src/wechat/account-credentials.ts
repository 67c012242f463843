/**
 * What the WeChat layer needs to know of an official account: its ids, its secrets in clear and
 * how its callback is encrypted (明文 / 兼容 / 安全模式). Filled from the \`wechat-accounts\` collection
 * by src/services/accounts/accounts.ts (loadAccountCredentials); server-side only, never sent to a client.
 */
export interface AccountCredentials {
  id: string
  name: string
  appId: string
  appSecret: string
  token: string
  encodingAESKey: string
  previousEncodingAESKey: string | null
  type: 'service' | 'subscription'
  messageMode: 'plain' | 'compatible' | 'safe'
  originalId: string | null
}
