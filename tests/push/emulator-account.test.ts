import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { followAccountsFile } from '../../src/dev/emulator/accounts-file'
import { DEMO_APP_ID, demoAccountFile, ensureDemoWeChatAccount, readDemoAccountFile } from '../../src/dev/demo-account'
import {
  checkEmulatorAccount,
  EmulatorAccountError,
  emulatorAccountsFile,
  readEmulatorAccountsFile,
  registerEmulatorAccount,
  type EmulatorAccountEnv,
} from '../../src/dev/emulator-accounts'
import { loadAccountCredentials } from '../../src/services/accounts/accounts'
import { assembleWeek } from '../../src/services/push/assemble'
import { sendWeeklyPush } from '../../src/services/push/send'
import { DEFAULT_PUSH_SETTINGS } from '../../src/services/push/settings'
import { readPush } from '../../src/services/push/store'
import { resolveWeek } from '../../src/services/push/week-param'
import { createFixtures, type Fixtures } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { addApprovedItem, emulatorGatewayFor, signOff } from './helpers'

// A community account added in the admin, run on the demo's emulator the way a new user does it:
// `npm run wechat:emulator:account -- <appid>` (registerEmulatorAccount) gives it keys and registers
// it with the running emulator through the accounts file; then a week is sent for both accounts.

const COMMUNITY_APP_ID = 'wx00000000xiguan02'
/** The demo's callback URL as npm start gives it to the emulator (nothing listens there: only the address is checked). */
const DEMO_CALLBACK_URL = `http://127.0.0.1:9/api/wechat/callback/${DEMO_APP_ID}`

let t: TestPayload
let directory: string
let env: EmulatorAccountEnv
let emulator: WeChatEmulator
let stopFollowing: () => void
let fx: Fixtures

beforeAll(async () => {
  t = await startTestPayload()
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-account-'))
  env = { SEED_DEMO: 'true', WECHAT_DEMO_ACCOUNT_FILE: path.join(directory, '.wechat-demo-account') }
  // The demo start: the demo account with generated keys, handed to the emulator in its file.
  expect(await ensureDemoWeChatAccount(t.payload, env)).toBe('created')
  const demo = readDemoAccountFile(demoAccountFile(env))!
  emulator = await startEmulator({
    faults: null,
    accounts: [{ ...demo, type: 'service', messageMode: 'safe', followerCount: 100, callbackUrl: DEMO_CALLBACK_URL }],
    settings: { massJobDelayMs: 50, templateJobDelayMs: 20 },
  })
  env.WECHAT_API_BASE = emulator.url
  // What src/dev/emulator/cli.ts does at start.
  stopFollowing = followAccountsFile(emulator, emulatorAccountsFile(env), { demoCallbackUrl: DEMO_CALLBACK_URL })
  fx = await createFixtures(t.payload, 'emu')
}, 60_000)

afterAll(async () => {
  stopFollowing?.()
  await emulator?.close()
  await t?.close()
  fs.rmSync(directory, { recursive: true, force: true })
})

const tokenFor = async (appId: string, secret: string) =>
  (await (await fetch(`${emulator.url}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${secret}`)).json()) as Record<string, unknown>

async function addCommunityAccount() {
  const account = await t.payload.create({
    collection: 'wechat-accounts',
    overrideAccess: true,
    data: { name: '西关社区服务号', appId: COMMUNITY_APP_ID, originalId: 'gh_00000xiguan02', type: 'service', messageMode: 'safe' },
  })
  return String(account.id)
}

test('refused outside the demo: a real account (WECHAT_APP_ID), WeChat not the emulator, no demo account; an unknown account is a usage error', async () => {
  const id = await addCommunityAccount()
  const refused = async (other: EmulatorAccountEnv) => {
    const error = await registerEmulatorAccount(t.payload, COMMUNITY_APP_ID, other).then(
      () => null,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(EmulatorAccountError)
    return error as EmulatorAccountError
  }
  const real = await refused({ ...env, WECHAT_APP_ID: 'wxrealaccount00001' })
  expect(real.exitCode).toBe(3)
  expect(real.message).toContain('微信公众平台')
  expect((await refused({ ...env, WECHAT_API_BASE: undefined })).exitCode).toBe(3)
  expect((await refused({ ...env, WECHAT_DEMO_ACCOUNT_FILE: path.join(directory, 'none', '.wechat-demo-account') })).message).toContain('不是演示环境')
  expect((await refused({ ...env, NODE_ENV: 'production', DATABASE_URI: 'mongodb://127.0.0.1/cms' })).message).toContain('正式部署')
  const missing = await registerEmulatorAccount(t.payload, 'wxnosuchaccount001', env).catch((error: unknown) => error as EmulatorAccountError)
  expect(missing).toMatchObject({ exitCode: 2 })
  // Nothing was written for the refused runs: the account has no keys yet, the file does not exist.
  const stored = await t.payload.findByID({ collection: 'wechat-accounts', id, overrideAccess: true, depth: 0 })
  expect(stored.secretsSet).toBe('—')
  expect(fs.existsSync(emulatorAccountsFile(env))).toBe(false)
  await t.payload.delete({ collection: 'wechat-accounts', id, overrideAccess: true })
})

test('a community account unknown to the emulator fails as WeChat answers (40013), blamed on the account, not the cover; registered with the command it gets a token and both accounts send their week; a second run keeps the keys', async () => {
  const now = new Date()
  const week = resolveWeek(undefined, now)
  if (!week.ok) throw new Error(week.error)
  const types = ['policy-explainers', 'community-news', 'articles', 'articles', 'articles', 'articles'] as const
  for (let index = 0; index < 12; index++) await addApprovedItem(t.payload, fx, types[index % types.length]!, index)
  const demoAccount = await loadAccountCredentials(t.payload, DEMO_APP_ID)
  const communityId = await addCommunityAccount()

  // WeChat's own answer for an AppID it does not know.
  expect(await tokenFor(COMMUNITY_APP_ID, 'anything')).toEqual({ errcode: 40013, errmsg: 'invalid appid' })
  // The emulator's own control endpoints: an account it does not know is the caller's mistake (404), not a 500.
  const control = await fetch(`${emulator.url}/__emulator/user-message`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId: COMMUNITY_APP_ID, openid: 'o-resident', content: '你好' }),
  })
  expect(control.status).toBe(404)
  expect(emulator.errors).toEqual([])

  const pushes: Record<string, string> = {}
  for (const accountId of [demoAccount.id, communityId]) {
    const { push } = await assembleWeek(t.payload, { accountId, week: week.week, now, settings: DEFAULT_PUSH_SETTINGS })
    expect(push.items).toHaveLength(6)
    await signOff(t.payload, fx, push.id)
    pushes[accountId] = push.id
  }
  const send = async (accountId: string) =>
    sendWeeklyPush({
      payload: t.payload,
      pushId: pushes[accountId]!,
      gateway: await emulatorGatewayFor(emulator.url)(t.payload, accountId),
      settings: DEFAULT_PUSH_SETTINGS,
      owner: 'test',
      finalAttempt: false,
      now: () => now,
    })

  // Before: the account added in the admin fails at its first WeChat call — and the reason names the account.
  const before = await send(communityId)
  expect(before.kind).toBe('failed')
  const reason = (before as { reason: string }).reason
  expect(reason).toContain('AppID 不正确')
  expect(reason).toContain('公众号本身的问题')
  expect(reason).not.toContain('封面')

  // The command.
  const first = await registerEmulatorAccount(t.payload, COMMUNITY_APP_ID, env)
  expect(first).toMatchObject({ demo: false, generated: ['AppSecret', 'Token', 'EncodingAESKey'], kept: [], fileChanged: true })
  expect(fs.statSync(first.file).mode & 0o777).toBe(0o600)
  const stored = await loadAccountCredentials(t.payload, communityId)
  expect(stored.appSecret).toMatch(/^[A-Za-z0-9]{32}$/)
  expect(stored.encodingAESKey).toMatch(/^[A-Za-z0-9]{43}$/)
  expect(first.entry).toMatchObject({
    accountId: communityId,
    appId: COMMUNITY_APP_ID,
    appSecret: stored.appSecret,
    token: stored.token,
    encodingAESKey: stored.encodingAESKey,
  })
  // Stored encrypted, as every account's keys: the raw column is not the key.
  const raw = await t.payload.find({
    collection: 'wechat-accounts',
    overrideAccess: true,
    context: { includeSecrets: true },
    where: { id: { equals: communityId } },
    depth: 0,
  })
  expect(JSON.stringify(raw.docs[0])).not.toContain(stored.appSecret)

  // The running emulator reads the file: the account gets a token with its new keys, its followers and its callback.
  expect(await checkEmulatorAccount(emulator.url, first.entry!)).toBe('ready')
  expect(typeof (await tokenFor(COMMUNITY_APP_ID, stored.appSecret)).access_token).toBe('string')
  const listed = (await (await fetch(`${emulator.url}/__emulator/accounts`)).json()) as {
    accounts: { appId: string; callbackUrl: string; followers: number }[]
  }
  expect(listed.accounts.find((account) => account.appId === COMMUNITY_APP_ID)).toEqual({
    appId: COMMUNITY_APP_ID,
    callbackUrl: `http://127.0.0.1:9/api/wechat/callback/${communityId}`,
    followers: 100,
  })

  // Twice: the same keys, the file unchanged.
  const second = await registerEmulatorAccount(t.payload, communityId, env)
  expect(second).toMatchObject({ generated: [], kept: ['AppSecret', 'Token', 'EncodingAESKey'], fileChanged: false })
  expect(await loadAccountCredentials(t.payload, communityId)).toMatchObject({
    appSecret: stored.appSecret,
    token: stored.token,
    encodingAESKey: stored.encodingAESKey,
  })
  expect(readEmulatorAccountsFile(first.file)).toEqual([first.entry])
  // The demo's own account needs nothing.
  expect(await registerEmulatorAccount(t.payload, DEMO_APP_ID, env)).toMatchObject({ demo: true, fileChanged: false })

  // The week of both accounts: each sent once, to its own followers.
  expect(await send(communityId)).toMatchObject({ kind: 'sent' })
  expect(await send(demoAccount.id)).toMatchObject({ kind: 'sent' })
  emulator.completeMassJobs()
  for (const appId of [COMMUNITY_APP_ID, DEMO_APP_ID]) {
    const jobs = [...emulator.account(appId).massJobs.values()].filter((job) => !job.preview)
    expect(jobs).toHaveLength(1)
    expect(jobs[0]!.targetOpenids).toHaveLength(100)
    expect(jobs[0]!.articles).toHaveLength(6)
  }
  expect(await readPush(t.payload, pushes[communityId]!)).toMatchObject({ status: 'sent' })
}, 120_000)
