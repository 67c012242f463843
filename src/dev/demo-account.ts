/**
 * The demo's WeChat account: created only by the demo (`npm start` on the embedded database, which
 * sets SEED_DEMO=true), never in a production deployment, with a Token, EncodingAESKey and
 * AppSecret generated for this install. The emulator `npm start` runs learns them from a file
 * written beside the database with mode 0600 (demoAccountFile), never from constants in the source.
 *
 * Why: the account used to be created from constants published in the source whenever
 * WECHAT_APP_ID was unset — also with SEED_DEMO=false and in production — and with them anyone could
 * forge callbacks (fake residents' messages, mass-send results, binding attempts).
 */
import { randomBytes, randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { databaseKind } from '../config/database'
import { isProductionDeployment } from '../http/origins'
import { decryptSecret, isEncrypted } from '../shared/secret-encryption'
import { usesPublishedDemoCredentials } from '../services/accounts/accounts'

/** Not a secret: it names the account in the emulator's callback URL (scripts/env.mjs DEMO_APP_ID). */
export const DEMO_APP_ID = 'wx0000000000demo01'
export const DEMO_ORIGINAL_ID = 'gh_000000demo01'
const DEMO_ACCOUNT_NAME = '演示服务号（模拟器）'

/** The variables read here; process.env by default. */
export type DemoEnv = Partial<Record<'SEED_DEMO' | 'WECHAT_APP_ID' | 'NODE_ENV' | 'DATABASE_URI' | 'WECHAT_DEMO_ACCOUNT_FILE', string>>

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters drawn uniformly (crypto.randomInt) from A–Z, a–z, 0–9. */
function randomAlphanumeric(length: number): string {
  let text = ''
  for (let index = 0; index < length; index++) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]
  return text
}

export interface GeneratedAccountSecrets {
  /** 32 letters and digits: WeChat's 服务器配置 allows 3–32 of them. */
  token: string
  /** 43 letters and digits, as the console generates: base64 of 32 bytes without the trailing '='. */
  encodingAESKey: string
  /** 32 hexadecimal characters, as WeChat issues them, so the admin's form accepts it too (the emulator checks it at token/stable_token). */
  appSecret: string
}

/**
 * Fresh random secrets for an account (≈190 bits of token, 128 bits of secret, 256-bit AES key).
 * Rules from the WeChat reference (服务器配置): Token 3–32 alphanumerics; EncodingAESKey 43
 * characters, AESKey = base64decode(EncodingAESKey + "="); AppSecret 32 hex (secret-format.ts).
 */
export function generateAccountSecrets(): GeneratedAccountSecrets {
  return { token: randomAlphanumeric(32), encodingAESKey: randomAlphanumeric(43), appSecret: randomBytes(16).toString('hex') }
}

/**
 * True when this start is the demo's: SEED_DEMO=true (what `npm start` sets on the embedded
 * database), no real account in WECHAT_APP_ID, and not a production deployment (NODE_ENV=production
 * on MongoDB, src/http/origins.ts). SEED_DEMO unset or false is never the demo.
 */
export function isDemoStart(env: DemoEnv = process.env): boolean {
  return env.SEED_DEMO === 'true' && !env.WECHAT_APP_ID && !isProductionDeployment(env)
}

/**
 * Where the demo account's credentials are written for the emulator: WECHAT_DEMO_ACCOUNT_FILE, else
 * `.wechat-demo-account` beside the SQLite file (data/ for `npm start`), else data/ under the
 * working directory.
 */
export function demoAccountFile(env: DemoEnv = process.env): string {
  if (env.WECHAT_DEMO_ACCOUNT_FILE) return path.resolve(env.WECHAT_DEMO_ACCOUNT_FILE)
  const uri = env.DATABASE_URI?.trim() ?? ''
  if (databaseKind(uri) === 'sqlite' && uri.startsWith('file:')) return path.join(path.dirname(path.resolve(uri.slice('file:'.length))), '.wechat-demo-account')
  return path.resolve('data', '.wechat-demo-account')
}

/** What the file holds: the emulator's account (src/dev/emulator/cli.ts reads it). */
export interface DemoAccountFile {
  appId: string
  appSecret: string
  token: string
  encodingAESKey: string
  originalId: string
}

/** Reads the demo account file; null when it is missing or not one. */
export function readDemoAccountFile(file: string): DemoAccountFile | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DemoAccountFile>
    const ok = ['appId', 'appSecret', 'token', 'encodingAESKey', 'originalId'].every(
      (key) => typeof parsed[key as keyof DemoAccountFile] === 'string' && parsed[key as keyof DemoAccountFile],
    )
    return ok ? (parsed as DemoAccountFile) : null
  } catch {
    return null
  }
}

function writeDemoAccountFile(file: string, account: DemoAccountFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // Written to a new file and renamed, so that the emulator never reads half a file; 0600: only
  // the user running the demo can read the secrets.
  const temporary = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temporary, `${JSON.stringify(account, null, 2)}\n`, { mode: 0o600 })
  fs.renameSync(temporary, file)
  fs.chmodSync(file, 0o600)
}

const reveal = (value: unknown): string => (isEncrypted(value) ? decryptSecret(value) : '')

export type DemoAccountOutcome = 'created' | 'rotated' | 'kept'

/**
 * The demo start's account (call only when isDemoStart): creates it with generated secrets when
 * the database has no account; rotates the secrets of an account still carrying the constants once
 * published in the source (an install from before); then writes the file the emulator reads.
 * Secrets are stored encrypted by the collection's hook, like any account's. Answers what it did.
 */
export async function ensureDemoWeChatAccount(payload: Payload, env: DemoEnv = process.env): Promise<DemoAccountOutcome> {
  const found = await payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    context: { includeSecrets: true },
    where: { appId: { equals: DEMO_APP_ID } },
    limit: 1,
    depth: 0,
  })
  let account = found.docs[0]
  let outcome: DemoAccountOutcome = 'kept'
  if (!account) {
    const { totalDocs } = await payload.count({ collection: 'wechat-accounts', overrideAccess: true })
    // An office that added its own account runs the demo users against it; nothing to invent.
    if (totalDocs > 0) return 'kept'
    const secrets = generateAccountSecrets()
    account = await payload.create({
      collection: 'wechat-accounts',
      overrideAccess: true,
      depth: 0,
      data: { name: DEMO_ACCOUNT_NAME, appId: DEMO_APP_ID, originalId: DEMO_ORIGINAL_ID, type: 'service', messageMode: 'safe', isDefault: true, ...secrets },
    })
    writeDemoAccountFile(demoAccountFile(env), { appId: DEMO_APP_ID, originalId: DEMO_ORIGINAL_ID, ...secrets })
    return 'created'
  }
  let secrets: GeneratedAccountSecrets = { token: reveal(account.token), encodingAESKey: reveal(account.encodingAESKey), appSecret: reveal(account.appSecret) }
  if (usesPublishedDemoCredentials({ appId: DEMO_APP_ID, ...secrets }) || !secrets.token || !secrets.encodingAESKey || !secrets.appSecret) {
    secrets = generateAccountSecrets()
    await payload.update({ collection: 'wechat-accounts', id: account.id, overrideAccess: true, depth: 0, data: secrets })
    outcome = 'rotated'
  }
  writeDemoAccountFile(demoAccountFile(env), { appId: DEMO_APP_ID, originalId: String(account.originalId ?? DEMO_ORIGINAL_ID), ...secrets })
  return outcome
}
