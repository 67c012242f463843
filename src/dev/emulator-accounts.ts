/**
 * More accounts on the demo's WeChat emulator (`npm run wechat:emulator:account -- <appid 或 id>`): the
 * emulator plays 微信公众平台 for an account an admin added under 微信 → 公众号 (a community's
 * 服务号), so that account can run a week on the demo like the demo's own account.
 *
 * What it does for the account: keeps the AppSecret, Token and EncodingAESKey it already has and
 * generates the missing ones (src/dev/demo-account.ts generateAccountSecrets: the console's rules),
 * stores them on the account (encrypted by the collection's hook, like every account's), and lists
 * the account in one file beside the demo account's (`.wechat-emulator-accounts`, mode 0600), which
 * the emulator reads at start and whenever it changes (src/dev/emulator/accounts-file.ts). Running
 * it again keeps the keys.
 *
 * Only on the demo: a real account gets its keys from the real console (mp.weixin.qq.com), and
 * writing invented ones onto it would break it. See emulatorAccountRefusal.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { isProductionDeployment } from '../http/origins'
import { decryptSecret, isEncrypted } from '../shared/secret-encryption'
import { usesPublishedDemoCredentials } from '../services/accounts/accounts'
import { DEMO_APP_ID, demoAccountFile, generateAccountSecrets, readDemoAccountFile, type DemoEnv, type GeneratedAccountSecrets } from './demo-account'

/** The variables read here; process.env by default. */
export type EmulatorAccountEnv = DemoEnv & Partial<Record<'WECHAT_API_BASE', string>>

/** One account of the file: the emulator's side of it (the secrets in clear, as the console holds them). */
export interface EmulatorAccountEntry {
  /** The account's document id: its callback is `/api/wechat/callback/<accountId>`. */
  accountId: string
  appId: string
  /** 原始 ID (gh_…): the ToUserName of its callbacks; the emulator derives one when the account has none. */
  originalId: string | null
  appSecret: string
  token: string
  encodingAESKey: string
  /** 消息加解密方式 as set on the account (the console's setting): the emulator posts its callbacks so. */
  messageMode?: 'plain' | 'compatible' | 'safe'
}

/** The file of the emulator's further accounts: `.wechat-emulator-accounts` beside the demo account's file. */
export function emulatorAccountsFile(env: DemoEnv = process.env): string {
  return path.join(path.dirname(demoAccountFile(env)), '.wechat-emulator-accounts')
}

const STRING_FIELDS = ['accountId', 'appId', 'appSecret', 'token', 'encodingAESKey'] as const

/** The accounts listed in `file`; [] when it is missing or not a list. Entries that are not whole are left out. */
export function readEmulatorAccountsFile(file: string): EmulatorAccountEntry[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return []
  }
  const list = (parsed as { accounts?: unknown } | null)?.accounts
  if (!Array.isArray(list)) return []
  return list.flatMap((raw: unknown) => {
    const entry = raw as Record<string, unknown> | null
    if (!entry || !STRING_FIELDS.every((key) => typeof entry[key] === 'string' && entry[key])) return []
    return [
      {
        accountId: String(entry.accountId),
        appId: String(entry.appId),
        originalId: typeof entry.originalId === 'string' && entry.originalId ? entry.originalId : null,
        appSecret: String(entry.appSecret),
        token: String(entry.token),
        encodingAESKey: String(entry.encodingAESKey),
        ...(entry.messageMode === 'plain' || entry.messageMode === 'compatible' || entry.messageMode === 'safe' ? { messageMode: entry.messageMode } : {}),
      },
    ]
  })
}

function writeEmulatorAccountsFile(file: string, accounts: EmulatorAccountEntry[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // A new file renamed into place, so the emulator never reads half of it; 0600: the secrets are in clear.
  const temporary = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temporary, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 })
  fs.renameSync(temporary, file)
  fs.chmodSync(file, 0o600)
}

/**
 * Why this install may not give an account emulator keys, in Chinese; null when it may: the demo
 * (its account file exists, src/dev/demo-account.ts), WeChat pointed at the emulator
 * (WECHAT_API_BASE, which `npm run` sets to the emulator `npm start` runs), no real account in
 * WECHAT_APP_ID, and not a production deployment.
 */
export function emulatorAccountRefusal(env: EmulatorAccountEnv = process.env): string | null {
  const real =
    '真实公众号的 AppSecret、Token 和 EncodingAESKey 要在微信公众平台（mp.weixin.qq.com）「设置与开发 → 基本配置」中获取，再由管理员填到 微信 → 公众号。'
  if (isProductionDeployment(env)) return `这是正式部署，不使用微信模拟器：${real}`
  if (env.WECHAT_APP_ID) return `本机已配置真实公众号（WECHAT_APP_ID），微信接口不是模拟器：${real}`
  if (!env.WECHAT_API_BASE) return `本机的微信接口不是模拟器（没有 WECHAT_API_BASE）：${real}`
  if (!readDemoAccountFile(demoAccountFile(env))) {
    return `这不是演示环境（没有演示公众号的凭据 ${demoAccountFile(env)}，请先运行 npm start）。${real}`
  }
  return null
}

/** A refusal or a usage error of registerEmulatorAccount, worded for the terminal. */
export class EmulatorAccountError extends Error {
  constructor(
    message: string,
    /** The exit code the command ends with: 2 usage (no such account), 3 refused. */
    readonly exitCode: 2 | 3,
  ) {
    super(message)
    this.name = 'EmulatorAccountError'
  }
}

const SECRET_NAMES: Record<keyof GeneratedAccountSecrets, string> = { appSecret: 'AppSecret', token: 'Token', encodingAESKey: 'EncodingAESKey' }

export interface EmulatorAccountOutcome {
  account: { id: string; name: string; appId: string }
  /** The demo's own account: npm start registers it, nothing was done. */
  demo: boolean
  /** The keys generated now (AppSecret, Token, EncodingAESKey), and the ones the account already had. */
  generated: string[]
  kept: string[]
  /** The file's entry was added or changed (false: it was already there as it is). */
  fileChanged: boolean
  file: string
  /** The emulator's side of the account (null for the demo's own). */
  entry: EmulatorAccountEntry | null
}

const reveal = (value: unknown): string => (isEncrypted(value) ? decryptSecret(value) : '')

/**
 * Gives the account `ref` (app id or document id, as in 微信 → 公众号) keys on the demo's emulator:
 * keeps the keys it has, generates the missing ones (all three when it still has the ones once
 * published in the source), saves those on the account, and lists it in emulatorAccountsFile.
 * Idempotent: a second run keeps the keys and leaves the file as it is.
 * Throws EmulatorAccountError: exit code 3 outside the demo (emulatorAccountRefusal), 2 for an
 * account that does not exist.
 */
export async function registerEmulatorAccount(payload: Payload, ref: string, env: EmulatorAccountEnv = process.env): Promise<EmulatorAccountOutcome> {
  const refusal = emulatorAccountRefusal(env)
  if (refusal) throw new EmulatorAccountError(refusal, 3)
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    context: { includeSecrets: true },
    where: { or: [{ appId: { equals: ref } }, { id: { equals: ref } }] },
    limit: 1,
    depth: 0,
  })
  const doc = found.docs[0]
  if (!doc) throw new EmulatorAccountError(`没有找到公众号 ${ref}：请先在 微信 → 公众号 中添加它，再用它的 AppID 或 id 运行这条命令`, 2)
  const account = { id: String(doc.id), name: String(doc.name ?? ''), appId: String(doc.appId ?? '') }
  const file = emulatorAccountsFile(env)
  if (account.appId === DEMO_APP_ID) return { account, demo: true, generated: [], kept: [], fileChanged: false, file, entry: null }

  const current: GeneratedAccountSecrets = { appSecret: reveal(doc.appSecret), token: reveal(doc.token), encodingAESKey: reveal(doc.encodingAESKey) }
  // Keys once published in the source are no keys at all (anyone could sign its callbacks).
  const published = usesPublishedDemoCredentials({ appId: account.appId, ...current })
  const fresh = generateAccountSecrets()
  const secrets = { ...current }
  const generated: string[] = []
  const kept: string[] = []
  for (const key of Object.keys(SECRET_NAMES) as (keyof GeneratedAccountSecrets)[]) {
    if (current[key] && !published) {
      kept.push(SECRET_NAMES[key])
    } else {
      secrets[key] = fresh[key]
      generated.push(SECRET_NAMES[key])
    }
  }
  if (generated.length > 0) {
    const data = Object.fromEntries(
      (Object.keys(SECRET_NAMES) as (keyof GeneratedAccountSecrets)[]).filter((key) => secrets[key] !== current[key]).map((key) => [key, secrets[key]]),
    )
    await payload.update({ collection: 'wechat-accounts', id: account.id, overrideAccess: true, depth: 0, data })
  }

  const entry: EmulatorAccountEntry = {
    accountId: account.id,
    appId: account.appId,
    originalId: doc.originalId ? String(doc.originalId) : null,
    ...secrets,
    messageMode: doc.messageMode ?? 'safe',
  }
  const listed = readEmulatorAccountsFile(file)
  const others = listed.filter((item) => item.appId !== entry.appId && item.accountId !== entry.accountId)
  const before = listed.find((item) => item.appId === entry.appId)
  const fileChanged = !before || JSON.stringify(before) !== JSON.stringify(entry) || others.length + 1 !== listed.length
  if (fileChanged) writeEmulatorAccountsFile(file, [...others, entry])
  return { account, demo: false, generated, kept, fileChanged, file, entry }
}

/** What the emulator at `base` says of an account: reachable and knows it with these keys, or why not. */
export type EmulatorCheck = 'ready' | 'unknown-account' | 'wrong-secret' | 'not-emulator' | 'unreachable'

/**
 * Asks the emulator at `base` (WECHAT_API_BASE) for an access_token with the entry's AppID and
 * AppSecret (`stable_token`, which hands out the current token and replaces nothing), retrying
 * until `timeoutMs` while it has not read the file yet. 'not-emulator': the address answers, but
 * not as the emulator (`/__emulator/accounts`).
 */
export async function checkEmulatorAccount(base: string, entry: Pick<EmulatorAccountEntry, 'appId' | 'appSecret'>, timeoutMs = 5000): Promise<EmulatorCheck> {
  const root = base.replace(/\/+$/, '')
  const deadline = Date.now() + timeoutMs
  let answer: EmulatorCheck = 'unreachable'
  for (;;) {
    answer = await checkOnce(root, entry)
    if (answer === 'ready' || answer === 'not-emulator' || Date.now() >= deadline) return answer
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** Whether `base` is the emulator (it lists its accounts at `/__emulator/accounts`), another server, or nothing. */
export async function probeEmulator(base: string): Promise<'emulator' | 'not-emulator' | 'unreachable'> {
  try {
    const listed = await fetch(`${base.replace(/\/+$/, '')}/__emulator/accounts`, { signal: AbortSignal.timeout(2000) })
    const body = (await listed.json().catch(() => null)) as { accounts?: unknown } | null
    return listed.ok && Array.isArray(body?.accounts) ? 'emulator' : 'not-emulator'
  } catch {
    return 'unreachable'
  }
}

async function checkOnce(root: string, entry: Pick<EmulatorAccountEntry, 'appId' | 'appSecret'>): Promise<EmulatorCheck> {
  const probe = await probeEmulator(root)
  if (probe !== 'emulator') return probe
  try {
    const token = await fetch(`${root}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: entry.appId, secret: entry.appSecret }),
      signal: AbortSignal.timeout(2000),
    })
    const answer = (await token.json()) as { access_token?: unknown; errcode?: unknown }
    if (typeof answer.access_token === 'string') return 'ready'
    return answer.errcode === 40125 ? 'wrong-secret' : 'unknown-account'
  } catch {
    return 'unreachable'
  }
}
