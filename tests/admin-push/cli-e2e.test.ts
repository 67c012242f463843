/**
 * `npm run push` as a child process against a migrated, seeded SQLite file and the WeChat emulator
 * (the seed's default account is the emulator's demo account).
 */
import { DEMO_APP_ID } from '../../src/dev/demo-account'
import { startEmulator, type WeChatEmulator } from '../../src/dev/emulator'
import { adoptDemoAccount, emulatorDemoAccount } from '../helpers/demo-account'
import { createCliWorld, type CliRun, type CliWorld } from './cli-helpers'

/** Each CLI run starts Payload anew (several seconds on a busy machine). */
const SLOW = 120_000
const SENDALL = '/cgi-bin/message/mass/sendall'
const DRAFT_ADD = '/cgi-bin/draft/add'

let emulator: WeChatEmulator
let world: CliWorld

const calls = (path: string) => emulator.requestLog.filter((entry) => entry.path === path).length
const explain = (result: CliRun) => `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`

beforeAll(async () => {
  const demo = emulatorDemoAccount()
  emulator = await startEmulator({ faults: null, accounts: [demo], settings: { massJobDelayMs: 50 } })
  world = await createCliWorld(emulator.url)
  // The seed generated the demo account's secrets; the emulator learns them as npm start's does.
  adoptDemoAccount(emulator, world.directory, demo)
}, 180_000)

afterAll(async () => {
  await emulator?.close()
  world?.remove()
})

describe('before the week is assembled', () => {
  test(
    'status says the week has no push yet and what the pool holds, exit 0',
    async () => {
      const result = await world.push('status')
      expect({ code: result.code, out: result.stdout }).toMatchObject({ code: 0 })
      expect(result.stdout).toContain('公众号：演示服务号（模拟器）')
      expect(result.stdout).toMatch(/周次：\d{4}-W\d{2}/)
      expect(result.stdout).toContain('本周还没有生成推送')
      expect(result.stdout).toMatch(/待推送池：\d+ 条已审核内容/)
      expect(result.stdout).toMatch(/本月群发：0 \/ 4/)
    },
    SLOW,
  )

  test(
    'plan lists the next eight weeks with send day and monthly quota, exit 0',
    async () => {
      const result = await world.push('plan')
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('未来 8 周发送计划')
      const rows = result.stdout.split('\n').filter((line) => /^\s+\d{4}-W\d{2}/.test(line))
      expect(rows).toHaveLength(8)
      for (const row of rows) expect(row).toMatch(/\d{4}-\d{2}-\d{2} 周. \d{2}:\d{2} .* 当月 \d \/ 4/)
      expect(rows[0]).toContain('（本周）')
    },
    SLOW,
  )

  test(
    'send cannot go without a push: exit 3, nothing sent',
    async () => {
      const result = await world.push('send', '--dry-run')
      expect(result.code).toBe(3)
      expect(result.stdout).toContain('本周还没有生成推送')
      expect(calls(SENDALL)).toBe(0)
    },
    SLOW,
  )

  test(
    'usage errors exit 2',
    async () => {
      expect((await world.push('launch')).code).toBe(2)
      expect((await world.push('status', '--week', '2026-W99')).code).toBe(2)
      expect((await world.push('status', '--account', 'wx-no-such-account')).code).toBe(2)
    },
    SLOW,
  )
})

describe('a signed-off week', () => {
  beforeAll(async () => {
    const setup = await world.run('tests/admin-push/setup-week.ts', ['--sign-off'])
    if (setup.code !== 0 || !setup.stdout.includes('SETUP ')) throw new Error(`setup failed: ${explain(setup)}`)
  }, 60_000)

  test(
    'status shows the bundle, each item validated, and the sign-off',
    async () => {
      const result = await world.push('status', '--account', DEMO_APP_ID)
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('状态：已审定')
      expect(result.stdout).toMatch(/审定：演示审核领导，\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
      expect(result.stdout).toContain('【头条】')
      expect(result.stdout).toMatch(/✓ 可以推送/)
      expect(result.stdout).toContain('发送检查：已审定')
    },
    SLOW,
  )

  test(
    'send --dry-run says it would send and calls no WeChat send, exit 0',
    async () => {
      const result = await world.push('send', '--dry-run')
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('将要执行：已审定，内容全部有效')
      expect(result.stdout).toContain('试运行')
      expect(calls(SENDALL)).toBe(0)
      expect(calls(DRAFT_ADD)).toBe(0)
    },
    SLOW,
  )

  test(
    'preview --dry-run calls no WeChat either',
    async () => {
      const result = await world.push('preview', '--dry-run')
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('试运行')
      expect(emulator.requestLog.filter((entry) => entry.path.includes('/mass/')).length).toBe(0)
    },
    SLOW,
  )

  test(
    'preview with no leader bound on the account says how to bind, calls no WeChat preview',
    async () => {
      const result = await world.push('preview')
      expect(result.stdout).toContain('没有审核领导绑定微信，预览未发送')
      expect(result.stdout).toContain('「绑定微信」中点「获取绑定码」')
      expect(result.stdout).toContain('发送「绑定 八位数字」')
      expect(calls('/cgi-bin/message/mass/preview')).toBe(0)
    },
    SLOW,
  )

  test(
    'send without --yes and without a terminal refuses, exit 2',
    async () => {
      const result = await world.push('send')
      expect(result.code).toBe(2)
      expect(result.stdout).toContain('--yes')
      expect(calls(SENDALL)).toBe(0)
    },
    SLOW,
  )

  test(
    'send --yes sends once; a second send has nothing to do',
    async () => {
      const first = await world.push('send', '--yes')
      expect({ code: first.code, out: first.code === 0 ? '' : explain(first) }).toEqual({ code: 0, out: '' })
      expect(first.stdout).toMatch(/已群发，msg_id \d+/)
      expect(calls(SENDALL)).toBe(1)
      // The Chinese result is what the operator reads: no info-level log blocks of Payload (DEBUG shows them).
      expect(`${first.stdout}\n${first.stderr}`).not.toMatch(/INFO|wechat\.call/)

      const second = await world.push('send', '--yes')
      expect(second.code).toBe(0)
      expect(second.stdout).toContain('无需操作：本周已发送')
      expect(calls(SENDALL)).toBe(1)

      const status = await world.push('status')
      expect(status.stdout).toContain('状态：已发送')
      expect(status.stdout).toMatch(/本月群发：1 \/ 4/)
      // A sent week reads right: its items went out, the log is in Chinese.
      expect(status.stdout).toMatch(/内容：共 (\d+) 条，已推送 \1 条/)
      expect(status.stdout).toContain('✓ 已推送')
      expect(status.stdout).not.toContain('不能推送')
      expect(status.stdout).toMatch(/发送：已发送 \d+ 月 \d+ 日 \d{2}:\d{2}/)
      expect(status.stdout).toContain('记录（北京时间）：')
      expect(status.stdout).toMatch(/ 开始发送 /)
      expect(status.stdout).not.toMatch(/items-marked-sent|sendall-requested|\bclaim\b/)
      const plan = await world.push('plan')
      expect(plan.stdout).toMatch(/（本周）\s+已发送 \d+ 月 \d+ 日/)
    },
    SLOW * 2,
  )
})
