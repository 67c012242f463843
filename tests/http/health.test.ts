/**
 * GET /api/health over real HTTP (Payload's own handlers on a Node server, real logins): anonymous
 * callers and non-admins get the overall status and each check's id and status only; admins get the
 * details; 503 while a check is red, 200 otherwise; never an openid, an email or a secret.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { beat } from '../../src/services/health/heartbeat'
import { createAccount } from '../callback/helpers'
import { PASSWORD } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { startPayloadHttp, type PayloadHttp } from '../helpers/payload-http'
import { api, login, type Session } from '../helpers/server'

const OPENID = 'oHealthResidentOpenid0000001'
const ADMIN_EMAIL = 'health-http-admin@example.test'
const EDITOR_EMAIL = 'health-http-leader@example.test'
const APP_SECRET = 'health-app-secret-0000000000001'

let env: TestPayload
let payload: Payload
let http: PayloadHttp
let admin: Session
let editor: Session
let previousBackupDir: string | undefined

beforeAll(async () => {
  env = await startTestPayload()
  payload = env.payload
  // A fresh backup, so that only what a test changes is red.
  previousBackupDir = process.env.BACKUP_DIR
  process.env.BACKUP_DIR = path.join(env.directory, 'backups')
  fs.mkdirSync(process.env.BACKUP_DIR, { recursive: true })
  fs.writeFileSync(path.join(process.env.BACKUP_DIR, 'cms-20261130-030000.tar.gz'), 'backup')
  http = await startPayloadHttp()
  await payload.create({
    collection: 'users',
    overrideAccess: true,
    data: { email: ADMIN_EMAIL, password: PASSWORD, name: '运维管理员', role: 'admin' } as never,
  })
  await payload.create({
    collection: 'users',
    overrideAccess: true,
    data: { email: EDITOR_EMAIL, password: PASSWORD, name: '审核领导', role: 'leader' } as never,
  })
  admin = await login(http.url, ADMIN_EMAIL, PASSWORD)
  editor = await login(http.url, EDITOR_EMAIL, PASSWORD)
}, 120_000)
afterAll(async () => {
  if (previousBackupDir === undefined) delete process.env.BACKUP_DIR
  else process.env.BACKUP_DIR = previousBackupDir
  await http?.close()
  await env?.close()
})

const health = (session: Session | null) => api(http.url, session, 'GET', '/api/health')

test('no scheduler: 503; anonymous callers and leaders get only the status and each check id + status; admins the details', async () => {
  const anonymous = await health(null)
  expect(anonymous.status).toBe(503)
  expect(Object.keys(anonymous.body).sort()).toEqual(['checkedAt', 'checks', 'status'])
  expect(anonymous.body.status).toBe('red')
  expect(anonymous.body.checks.length).toBeGreaterThan(3)
  for (const check of anonymous.body.checks) expect(Object.keys(check).sort()).toEqual(['id', 'status'])
  expect(anonymous.body.checks).toContainEqual({ id: 'scheduler', status: 'red' })
  expect(JSON.stringify(anonymous.body)).not.toMatch(/[\u4e00-\u9fff]/)

  const asEditor = await health(editor)
  expect(asEditor.status).toBe(503)
  for (const check of asEditor.body.checks) expect(Object.keys(check).sort()).toEqual(['id', 'status'])

  const asAdmin = await health(admin)
  expect(asAdmin.status).toBe(503)
  const scheduler = asAdmin.body.checks.find((check: { id: string }) => check.id === 'scheduler')
  expect(scheduler).toMatchObject({ status: 'red', title: expect.stringContaining('调度进程'), action: expect.stringContaining('npm run worker') })
  expect(typeof scheduler.detail).toBe('string')
  expect(asAdmin.body.checks.find((check: { id: string }) => check.id === 'database')).toMatchObject({
    status: 'ok',
    detail: expect.stringContaining('开发模式'),
  })
})

test('with a scheduler beating and a recent backup (no account yet): 200', async () => {
  await beat(payload, { processId: 'healthhost-1', startedAt: new Date().toISOString(), jobs: ['health-check'] })
  const asAdmin = await health(admin)
  expect(asAdmin.body.checks.filter((check: { status: string }) => check.status === 'red')).toEqual([])
  expect(asAdmin.status).toBe(200)
  expect(asAdmin.body.status === 'ok' || asAdmin.body.status === 'warn').toBe(true)
})

test('an account with followers, messages and a mode mismatch: red with details for admins, and no openid, email or secret anywhere', async () => {
  const accountId = await createAccount(payload, {
    appId: 'wxhealthhttp000001',
    token: 'health-http-token',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    messageMode: 'safe',
    appSecret: APP_SECRET,
  })
  await payload.create({
    collection: 'followers',
    overrideAccess: true,
    data: { account: accountId, openid: OPENID, subscribed: true, followedAt: new Date().toISOString() } as never,
  })
  await payload.create({
    collection: 'wechat-inbound',
    overrideAccess: true,
    data: {
      account: accountId,
      dedupeKey: `${accountId}:health-1`,
      type: 'text',
      event: '',
      payload: { FromUserName: OPENID, Content: '你好' },
      receivedAt: new Date().toISOString(),
      status: 'done',
      attempts: 1,
    } as never,
  })
  await payload.update({
    collection: 'wechat-accounts',
    id: accountId,
    overrideAccess: true,
    context: { includeSecrets: true },
    data: { modeMismatch: { lastSeenAt: new Date().toISOString(), modeSeen: 'plain', configuredMode: 'safe', count: 2 } } as never,
  })

  const asAdmin = await health(admin)
  expect(asAdmin.status).toBe(503)
  const mode = asAdmin.body.checks.find((check: { id: string }) => check.id === `wechat:${accountId}:mode`)
  expect(mode).toMatchObject({ status: 'red', action: expect.stringContaining('消息加解密方式') })
  const callback = asAdmin.body.checks.find((check: { id: string }) => check.id === `wechat:${accountId}:callback`)
  expect(callback).toMatchObject({ status: 'ok', detail: expect.stringContaining('关注者 1 人') })

  for (const answer of [asAdmin, await health(null), await health(editor)]) {
    const text = JSON.stringify(answer.body)
    expect(text).not.toContain(OPENID)
    expect(text).not.toContain(ADMIN_EMAIL)
    expect(text).not.toContain(EDITOR_EMAIL)
    expect(text).not.toContain('@')
    expect(text).not.toContain(APP_SECRET)
    expect(text).not.toContain('health-http-token')
  }
})
