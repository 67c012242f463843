/**
 * A real Payload on a temp SQLite file with every collection of the main config plus the
 * residents' side (wechat-inbound, resident-messages, auto-replies, followers) and the menu and
 * binding collections (wechat-menu, menu-clicks, menu-click-log, binding-codes), which the main
 * config does not register yet; and helpers to sign and encrypt callback requests.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Payload } from 'payload'
import type { AccountCredentials } from '../../src/wechat/accounts'
import { encryptMessage, sha1Signature } from '../../src/wechat/crypto'
import type { CallbackDeps, CallbackRequest, InboundMessage } from '../../src/wechat/callback/types'
import { buildXml, type XmlBuildRecord } from '../../src/wechat/xml'

export interface CallbackTestPayload {
  payload: Payload
  close: () => Promise<void>
}

export async function startCallbackPayload(): Promise<CallbackTestPayload> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-callback-'))
  process.env.DATABASE_URI = `file:${path.join(directory, 'test.db')}`
  process.env.MEDIA_DIR = path.join(directory, 'media')
  process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
  const { BasePayload, buildConfig } = await import('payload')
  const { lexicalEditor } = await import('@payloadcms/richtext-lexical')
  const { default: sharp } = await import('sharp')
  const { databaseAdapter } = await import('../../src/database')
  const { Articles } = await import('../../collections/articles')
  const { PolicyExplainers } = await import('../../collections/policy-explainers')
  const { CommunityNews } = await import('../../collections/community-news')
  const { Communities } = await import('../../collections/communities')
  const { Media } = await import('../../collections/media')
  const { Notifications } = await import('../../collections/notifications')
  const { Users } = await import('../../collections/users')
  const { WeChatAccounts } = await import('../../collections/wechat-accounts')
  const { WeChatTokens } = await import('../../collections/wechat-tokens')
  const { WeChatUploads } = await import('../../collections/wechat-uploads')
  const { WeeklyPushes } = await import('../../collections/weekly-pushes')
  const { PushSettingsGlobal } = await import('../../src/push/settings-global')
  const { WeChatInbound } = await import('../../collections/wechat-inbound')
  const { ResidentMessages } = await import('../../collections/resident-messages')
  const { AutoReplies } = await import('../../collections/auto-replies')
  const { Followers } = await import('../../collections/followers')
  const { WeChatMenuGlobal } = await import('../../collections/wechat-menu')
  const { MenuClicks } = await import('../../collections/menu-clicks')
  const { MenuClickLog } = await import('../../collections/menu-click-log')
  const { BindingCodes } = await import('../../collections/binding-codes')
  const config = buildConfig({
    secret: process.env.PAYLOAD_SECRET,
    admin: { user: Users.slug },
    collections: [
      Articles, PolicyExplainers, CommunityNews, Media, Communities, Users, Notifications, WeChatAccounts, WeeklyPushes, WeChatTokens, WeChatUploads,
      WeChatInbound, ResidentMessages, AutoReplies, Followers, MenuClicks, MenuClickLog, BindingCodes,
    ],
    globals: [PushSettingsGlobal, WeChatMenuGlobal],
    editor: lexicalEditor(),
    db: databaseAdapter(process.env.DATABASE_URI),
    sharp,
    telemetry: false,
  })
  const payload = await new BasePayload().init({ config })
  return {
    payload,
    close: async () => {
      await payload.destroy()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}

export interface TestAccountInput {
  appId: string
  token: string
  encodingAESKey: string
  previousEncodingAESKey?: string
  messageMode: 'plain' | 'compatible' | 'safe'
  originalId?: string
  appSecret?: string
}

/** Creates a wechat-accounts document (secrets encrypted by its hook); answers its id. */
export async function createAccount(payload: Payload, input: TestAccountInput): Promise<string> {
  const doc = await payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: { name: `测试号 ${input.appId}`, appSecret: input.appSecret ?? 'test-secret-000000000000000000001', type: 'service', isDefault: false, ...input } as never,
  })
  return String(doc.id)
}

export function accountCredentials(input: TestAccountInput & { id?: string }): AccountCredentials {
  return {
    id: input.id ?? 'acc1',
    name: '测试号',
    appId: input.appId,
    appSecret: input.appSecret ?? 'secret',
    token: input.token,
    encodingAESKey: input.encodingAESKey,
    previousEncodingAESKey: input.previousEncodingAESKey ?? null,
    type: 'service',
    messageMode: input.messageMode,
    originalId: input.originalId ?? 'gh_test',
  }
}

/** In-memory deps: a Set stands in for the unique index; `stored` lists what would be queued. */
export function memoryDeps(account: AccountCredentials | null, overrides: Partial<CallbackDeps> = {}) {
  const keys = new Set<string>()
  const stored: InboundMessage[] = []
  const logs: Array<{ level: string; entry: Record<string, unknown> }> = []
  const deps: CallbackDeps = {
    loadAccount: async (id) => (account && id === account.id ? account : null),
    enqueue: async (_account, message) => {
      if (keys.has(message.dedupeKey)) return 'duplicate'
      keys.add(message.dedupeKey)
      stored.push(message)
      return 'stored'
    },
    passiveReply: async () => null,
    log: (level, entry) => logs.push({ level, entry }),
    ...overrides,
  }
  return { deps, stored, logs }
}

export interface SignOptions {
  timestamp: string
  nonce?: string
  mode: 'plain' | 'compatible' | 'safe'
  account: { token: string; appId: string; encodingAESKey: string; originalId?: string }
  /** Overrides the key used to encrypt (key-rotation tests). */
  encryptWith?: string
}

/** A POST the way WeChat sends it, for `message` in the given mode. */
export function signedPost(accountId: string, message: XmlBuildRecord | string, options: SignOptions): CallbackRequest {
  const nonce = options.nonce ?? '123456789'
  const { token, appId, encodingAESKey, originalId } = options.account
  const xml = typeof message === 'string' ? message : buildXml(message)
  const query = new URLSearchParams({ signature: sha1Signature(token, options.timestamp, nonce), timestamp: options.timestamp, nonce })
  let body = xml
  if (options.mode !== 'plain') {
    const encrypted = encryptMessage({ encodingAESKey: options.encryptWith ?? encodingAESKey, appId, xml })
    query.set('encrypt_type', 'aes')
    query.set('msg_signature', sha1Signature(token, options.timestamp, nonce, encrypted))
    body = options.mode === 'safe' ? buildXml({ ToUserName: originalId ?? 'gh_test', Encrypt: encrypted }) : xml.replace(/<\/xml>\s*$/, `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`)
  }
  return { method: 'POST', url: `/api/wechat/callback/${accountId}?${query}`, headers: { 'content-type': 'text/xml' }, body }
}

export const textMessage = (openid: string, content: string, msgId: string, createTime: number): XmlBuildRecord => ({
  ToUserName: 'gh_test',
  FromUserName: openid,
  CreateTime: createTime,
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
})

export const eventMessage = (openid: string, event: string, createTime: number, extra: XmlBuildRecord = {}): XmlBuildRecord => ({
  ToUserName: 'gh_test',
  FromUserName: openid,
  CreateTime: createTime,
  MsgType: 'event',
  Event: event,
  ...extra,
})
