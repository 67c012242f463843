/** In-memory state of the emulated WeChat platform: accounts, tokens and everything they created. */
import { createHash } from 'node:crypto'
import { PUBLISHED_DEMO_CREDENTIALS } from '../../services/accounts/accounts'

type AccountType = 'service' | 'subscription'
/** Callback message mode configured in 服务器配置: plain, compatible (both), safe (encrypted only). */
export type MessageMode = 'plain' | 'compatible' | 'safe'

export interface EmulatorAccountConfig {
  appId: string
  appSecret: string
  /** The callback Token used for signatures. */
  token: string
  encodingAESKey: string
  /** The account's original id (gh_…), used as ToUserName in callbacks. */
  originalId?: string
  type?: AccountType
  callbackUrl?: string
  messageMode?: MessageMode
  /** Explicit follower openids; otherwise `followerCount` generated ones. */
  followers?: string[]
  followerCount?: number
}

type ResolvedAccountConfig = Required<Omit<EmulatorAccountConfig, 'callbackUrl' | 'followers' | 'followerCount'>> & {
  callbackUrl: string | null
}

export interface IssuedToken {
  value: string
  appId: string
  chain: 'token' | 'stable'
  issuedAt: number
  expiresAt: number
  /** Set when a newer token replaced this one; it keeps working for a grace period. */
  supersededAt: number | null
  /** Invalid at once (stable_token force refresh, fault injection). */
  revoked: boolean
}

export interface StoredMedia {
  mediaId: string
  /** `temporary`: 临时素材 (a resident's image or voice, media/upload), kept 3 days. */
  kind: 'thumb' | 'image' | 'uploadimg' | 'temporary'
  url: string
  contentType: string
  bytes: Buffer
  createdAt: number
  /** Temporary media only: the type it was uploaded as (image, voice, video, thumb). */
  mediaType?: TemporaryMediaType
}

export type TemporaryMediaType = 'image' | 'voice' | 'video' | 'thumb'

/** What a test (or the admin endpoint) hands the emulator as a resident's temporary media file. */
export interface TemporaryMediaInput {
  bytes: Buffer
  contentType: string
  /** Default: from the content type (image/*, audio/* → voice, video/*). */
  mediaType?: TemporaryMediaType
}

export interface DraftArticle {
  title: string
  author: string
  digest: string
  content: string
  content_source_url: string
  thumb_media_id: string
  thumb_url: string
  need_open_comment: number
  only_fans_can_comment: number
  url: string
}

export interface Draft {
  mediaId: string
  articles: DraftArticle[]
  createdAt: number
  updatedAt: number
}

export type MassStatus = 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE'

export interface MassJob {
  msgId: number
  msgDataId: number
  createdAt: number
  finishAt: number
  finished: boolean
  /** What the MASSSENDJOBFINISH event reports: "send success", "send fail" or "err(N)". */
  outcome: string
  msgType: string
  articles: DraftArticle[]
  targetOpenids: string[]
  deletedArticles: Set<number>
  preview: boolean
}

export interface Follower {
  openid: string
  nickname: string
  subscribed: boolean
  subscribeTime: number
  unsubscribeTime: number | null
  subscribeScene: string
  tagIds: number[]
}

interface Tag {
  id: number
  name: string
}

interface InteractionWindow {
  openedAt: number
  expiresAt: number
  remaining: number
}

export interface SentMessage {
  at: number
  touser: string
  body: Record<string, unknown>
  msgid?: number
}

export interface AccountState {
  config: ResolvedAccountConfig
  tokens: IssuedToken[]
  tokenFetchTimes: number[]
  stableForceRefreshTimes: number[]
  media: Map<string, StoredMedia>
  drafts: Map<string, Draft>
  massJobs: Map<number, MassJob>
  clientMsgIds: Map<string, { msgId: number; at: number }>
  quotaSendTimes: number[]
  sendallCallTimes: number[]
  previewTimes: number[]
  menu: { button: unknown[] } | null
  users: Map<string, Follower>
  tags: Map<number, Tag>
  windows: Map<string, InteractionWindow[]>
  customMessages: SentMessage[]
  templateMessages: SentMessage[]
  /**
   * Template sends by openid + client_msg_id (key `openid\u0000client_msg_id`): a repeat within
   * TEMPLATE_CLIENT_MSG_ID_TTL_MS answers the first send's msgid and sends nothing (src/dev/emulator/template.ts).
   */
  templateClientMsgIds: Map<string, { msgId: number; at: number }>
  /** Outcome forced on the next mass send(s), e.g. "err(20013)"; consumed in order. */
  forcedMassOutcomes: string[]
}

interface SnsToken {
  value: string
  appId: string
  openid: string
  scope: string
  expiresAt: number
}

interface OAuthCode {
  code: string
  appId: string
  openid: string
  scope: string
  expiresAt: number
  used: boolean
}

export interface EmulatorState {
  accounts: Map<string, AccountState>
  tokenIndex: Map<string, IssuedToken>
  snsTokens: Map<string, SnsToken>
  oauthCodes: Map<string, OAuthCode>
  sequence: { msgId: number; msgDataId: number; templateMsgId: number; tagId: number; customMsgId: number }
}

/**
 * The in-process emulator's default account (startEmulator without accounts, the emulator's own
 * tests). Its secrets are public: no install uses them — the demo generates its own
 * (src/dev/demo-account.ts), the emulator CLI never falls back to these, and an account
 * still carrying them is rotated or refused (src/services/accounts/accounts.ts usesPublishedDemoCredentials).
 */
export const DEMO_ACCOUNT: EmulatorAccountConfig = {
  ...PUBLISHED_DEMO_CREDENTIALS,
  originalId: 'gh_000000demo01',
  type: 'service',
  messageMode: 'safe',
  followerCount: 100,
}

/** Openids look like WeChat's (28 chars) and stay the same across resets for a given appid. */
export function generatedOpenid(appId: string, index: number): string {
  const digest = createHash('sha1').update(`${appId}:${index}`).digest('base64url')
  return `o${digest.slice(0, 27)}`
}

/** A fresh account as WeChat would hold it: its followers subscribed a year ago, nothing sent yet. */
export function createAccountState(config: EmulatorAccountConfig, now: number): AccountState {
  const resolved: ResolvedAccountConfig = {
    appId: config.appId,
    appSecret: config.appSecret,
    token: config.token,
    encodingAESKey: config.encodingAESKey,
    originalId: config.originalId ?? `gh_${createHash('sha1').update(config.appId).digest('hex').slice(0, 12)}`,
    type: config.type ?? 'service',
    messageMode: config.messageMode ?? 'plain',
    callbackUrl: config.callbackUrl ?? null,
  }
  const openids = config.followers ?? Array.from({ length: config.followerCount ?? 100 }, (_, i) => generatedOpenid(config.appId, i))
  const users = new Map<string, Follower>()
  // Existing followers subscribed long before the emulator started, so they never count as "new".
  const longAgo = now - 365 * 24 * 3600_000
  openids.forEach((openid, i) => users.set(openid, newFollower(openid, longAgo, `居民${i + 1}`)))
  return {
    config: resolved,
    tokens: [],
    tokenFetchTimes: [],
    stableForceRefreshTimes: [],
    media: new Map(),
    drafts: new Map(),
    massJobs: new Map(),
    clientMsgIds: new Map(),
    quotaSendTimes: [],
    sendallCallTimes: [],
    previewTimes: [],
    menu: null,
    users,
    tags: new Map(),
    windows: new Map(),
    customMessages: [],
    templateMessages: [],
    templateClientMsgIds: new Map(),
    forcedMassOutcomes: [],
  }
}

export function newFollower(openid: string, at: number, nickname = '居民'): Follower {
  return { openid, nickname, subscribed: true, subscribeTime: at, unsubscribeTime: null, subscribeScene: 'ADD_SCENE_QR_CODE', tagIds: [] }
}

export function createEmulatorState(accounts: EmulatorAccountConfig[], now: number): EmulatorState {
  return {
    accounts: new Map(accounts.map((config) => [config.appId, createAccountState(config, now)])),
    tokenIndex: new Map(),
    snsTokens: new Map(),
    oauthCodes: new Map(),
    // Start where real ids live so clients that store them as 32-bit ints fail here too.
    sequence: { msgId: 3147483648, msgDataId: 2247483648, templateMsgId: 1000000000, tagId: 100, customMsgId: 1 },
  }
}

export function subscribedOpenids(account: AccountState): string[] {
  return [...account.users.values()].filter((user) => user.subscribed).map((user) => user.openid)
}
