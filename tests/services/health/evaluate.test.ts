/** The health rules, unit: each red (and warn) condition against facts that are otherwise healthy. */
import { absoluteAdminLinks } from '../../../src/services/health/alerts'
import { evaluateHealth, overallStatus } from '../../../src/services/health/evaluate'
import type { HealthCheck, HealthFacts } from '../../../src/services/health/facts'
import { healthyAccount, healthyFacts, iso, NOW, TIMES } from './facts-fixture'

const { MIN, HOUR, DAY } = TIMES
const GB = 1024 ** 3
const MB = 1024 ** 2

const check = (facts: HealthFacts, id: string, now = NOW): HealthCheck => {
  const found = evaluateHealth(facts, now).find((entry) => entry.id === id)
  if (!found) throw new Error(`no check ${id}`)
  return found
}
const account = (overrides: Parameters<typeof healthyAccount>[0]) => healthyFacts({ accounts: [healthyAccount(overrides)] })

test('healthy facts: every check ok, each with a Chinese title and detail, and the overall status ok', () => {
  const checks = evaluateHealth(healthyFacts(), NOW)
  expect(checks.map((entry) => entry.id)).toEqual([
    'database',
    'scheduler',
    'inbound',
    'disk:database',
    'backup',
    'calendar',
    'wechat:acc1:token',
    'wechat:acc1:api-error',
    'wechat:acc1:push',
    'wechat:acc1:mode',
    'wechat:acc1:callback',
  ])
  expect(checks.filter((entry) => entry.status !== 'ok')).toEqual([])
  for (const entry of checks) {
    expect(entry.title).toMatch(/[\u4e00-\u9fff]/)
    expect(entry.detail).toMatch(/[\u4e00-\u9fff]/)
  }
  expect(overallStatus(checks)).toBe('ok')
})

test('overallStatus is the worst status', () => {
  expect(overallStatus([])).toBe('ok')
  expect(overallStatus([{ status: 'ok' }, { status: 'warn' }])).toBe('warn')
  expect(overallStatus([{ status: 'warn' }, { status: 'red' }, { status: 'ok' }])).toBe('red')
})

describe('database', () => {
  test('unreachable → red with the error', () => {
    const result = check(
      healthyFacts({ database: { reachable: false, error: 'SQLITE_CANTOPEN', adapter: 'sqlite', pushed: false, committed: [], applied: [] } }),
      'database',
    )
    expect(result).toMatchObject({ status: 'red', detail: expect.stringContaining('SQLITE_CANTOPEN') })
    expect(result.action).not.toBe('')
  })
  test('a committed migration not applied → red naming it, with the command', () => {
    const facts = healthyFacts()
    facts.database.committed.push('20261202_health')
    const result = check(facts, 'database')
    expect(result).toMatchObject({ status: 'red', detail: expect.stringContaining('20261202_health'), action: expect.stringContaining('migrate') })
  })
  test('schema pushed (development): ok, 开发模式', () => {
    const result = check(healthyFacts({ database: { reachable: true, adapter: 'sqlite', pushed: true, committed: ['a', 'b'], applied: [] } }), 'database')
    expect(result).toMatchObject({ status: 'ok', detail: expect.stringContaining('开发模式：结构由推送生成') })
  })
  test('an applied migration the code does not have → warn', () => {
    const facts = healthyFacts()
    facts.database.applied.push('20270101_future')
    expect(check(facts, 'database').status).toBe('warn')
  })
})

describe('scheduler heartbeat', () => {
  const beat = (ago: number, processId = 'host-1') => ({ processId, startedAt: iso(NOW - DAY), lastBeatAt: iso(NOW - ago), jobs: [] })
  test('no heartbeat at all → red; the advice names the demo and the systemd install, and what really stops', () => {
    const red = check(healthyFacts({ heartbeats: [] }), 'scheduler')
    expect(red).toMatchObject({ status: 'red', action: expect.stringContaining('npm run worker') })
    expect(red.action).toContain('npm start')
    expect(red.action).toContain('sudo systemctl start street-cms-worker')
    expect(red.action).toContain('每周推送不会生成、发送和补发')
    expect(red.action).toContain('每天的自动备份不会进行')
    // Residents' messages do not stop: the callback server imports its journal after 30 s (src/inbound).
    expect(red.action).not.toContain('居民消息不会入库')
    expect(red.action).toContain('居民留言照常由回调服务在约 30 秒后入库')
  })
  test('the last beat more than 3 minutes ago → red; 2 minutes → ok', () => {
    expect(check(healthyFacts({ heartbeats: [beat(3 * MIN + 1000)] }), 'scheduler').status).toBe('red')
    expect(check(healthyFacts({ heartbeats: [beat(2 * MIN)] }), 'scheduler').status).toBe('ok')
  })
  test('one alive and one stopped → warn naming the stopped one', () => {
    const result = check(healthyFacts({ heartbeats: [beat(30_000, 'a-1'), beat(20 * MIN, 'b-2')] }), 'scheduler')
    expect(result).toMatchObject({ status: 'warn', detail: expect.stringContaining('b-2') })
  })
})

describe('inbound backlog', () => {
  const inbound = healthyFacts().inbound
  test('a queued message waiting over 10 minutes → red; 5 minutes → warn', () => {
    expect(check(healthyFacts({ inbound: { ...inbound, pending: 3, oldestPendingAt: iso(NOW - 11 * MIN) } }), 'inbound').status).toBe('red')
    expect(check(healthyFacts({ inbound: { ...inbound, pending: 3, oldestPendingAt: iso(NOW - 5 * MIN) } }), 'inbound').status).toBe('warn')
  })
  test('a journal file not imported for over 10 minutes → red', () => {
    const result = check(healthyFacts({ inbound: { ...inbound, journalSegments: 2, oldestSegmentAt: iso(NOW - 15 * MIN) } }), 'inbound')
    expect(result).toMatchObject({ status: 'red', detail: expect.stringContaining('未导入的日志文件 2 个') })
  })
  test('failed rows in the last day → warn', () => {
    expect(check(healthyFacts({ inbound: { ...inbound, failedLastDay: 4 } }), 'inbound').status).toBe('warn')
  })
})

describe('disk', () => {
  const disk = (freeBytes: number, totalBytes: number) =>
    healthyFacts({ disks: [{ key: 'media', label: '上传图片', path: '/srv/media', freeBytes, totalBytes }] })
  test('under 500 MB → red; under 3 % → red', () => {
    expect(check(disk(400 * MB, 10 * GB), 'disk:media').status).toBe('red')
    expect(check(disk(25 * GB, 1000 * GB), 'disk:media').status).toBe('red')
  })
  test('under 2 GB or under 10 % → warn; plenty → ok', () => {
    expect(check(disk(1.5 * GB, 10 * GB), 'disk:media').status).toBe('warn')
    expect(check(disk(50 * GB, 1000 * GB), 'disk:media').status).toBe('warn')
    expect(check(disk(50 * GB, 100 * GB), 'disk:media').status).toBe('ok')
  })
  test('unreadable → warn', () => {
    expect(
      check(healthyFacts({ disks: [{ key: 'media', label: 'x', path: '/nope', freeBytes: null, totalBytes: null, error: 'EACCES' }] }), 'disk:media').status,
    ).toBe('warn')
  })
})

describe('backup', () => {
  const backup = (ago: number | null) =>
    healthyFacts({ backup: { directory: '/b', newestName: ago === null ? null : 'cms-x.tar.gz', newestAt: ago === null ? null : iso(NOW - ago) } })
  test('none → red; over 2 days → red; over 26 h → warn; 25 h → ok', () => {
    expect(check(backup(null), 'backup')).toMatchObject({ status: 'red', action: expect.stringContaining('npm run backup') })
    expect(check(backup(49 * HOUR), 'backup').status).toBe('red')
    expect(check(backup(27 * HOUR), 'backup').status).toBe('warn')
    expect(check(backup(25 * HOUR), 'backup').status).toBe('ok')
  })
  test('a new install without a backup yet is a warning until its second night, and MongoDB is not checked', () => {
    const none = (installedAgo: number | null) =>
      healthyFacts({ backup: { directory: '/b', newestName: null, newestAt: null, installedAt: installedAgo === null ? null : iso(NOW - installedAgo) } })
    expect(check(none(3 * HOUR), 'backup')).toMatchObject({ status: 'warn', detail: expect.stringContaining('凌晨 02:30') })
    expect(check(none(49 * HOUR), 'backup').status).toBe('red')
    expect(check(none(null), 'backup').status).toBe('red')
    const mongo = healthyFacts({ backup: { directory: '/b', newestName: null, newestAt: null, applies: false } })
    expect(check(mongo, 'backup')).toMatchObject({ status: 'ok', action: expect.stringContaining('mongodump') })
  })
})

describe('per WeChat account', () => {
  const error = (errcode: number | null, ago: number, endpoint = '/cgi-bin/message/custom/send', kind = 'wechat') => ({
    at: iso(NOW - ago),
    endpoint,
    kind,
    errcode,
    meaning: '说明',
  })

  test('the token endpoint refused after the last token was stored → red with the fix', () => {
    const result = check(
      account({ lastApiError: error(40164, 10 * MIN, '/cgi-bin/stable_token'), token: { expiresAt: iso(NOW - HOUR), updatedAt: iso(NOW - 3 * HOUR) } }),
      'wechat:acc1:token',
    )
    expect(result).toMatchObject({ status: 'red', action: expect.stringContaining('IP 白名单') })
    // A token stored after that error: fixed.
    expect(
      check(
        account({ lastApiError: error(40164, 10 * MIN, '/cgi-bin/stable_token'), token: { expiresAt: iso(NOW + HOUR), updatedAt: iso(NOW - MIN) } }),
        'wechat:acc1:token',
      ).status,
    ).toBe('ok')
  })

  test('last API error: a setup errcode today → red; a passing one → warn; one about a resident or from yesterday → ok', () => {
    expect(check(account({ lastApiError: error(40125, HOUR) }), 'wechat:acc1:api-error')).toMatchObject({
      status: 'red',
      action: expect.stringContaining('AppSecret'),
    })
    expect(check(account({ lastApiError: error(null, HOUR, '/cgi-bin/menu/get', 'timeout') }), 'wechat:acc1:api-error').status).toBe('warn')
    expect(check(account({ lastApiError: error(45015, HOUR) }), 'wechat:acc1:api-error').status).toBe('ok')
    expect(check(account({ lastApiError: error(40125, 2 * DAY) }), 'wechat:acc1:api-error').status).toBe('ok')
  })

  test('an API error clears at the next successful call: a fixed AppSecret (40125) reads ok, the advice says it will', () => {
    const wrongSecret = error(40125, HOUR, '/cgi-bin/stable_token')
    const red = check(account({ lastApiError: wrongSecret }), 'wechat:acc1:api-error')
    expect(red).toMatchObject({ status: 'red', action: expect.stringContaining('下一次调用微信接口成功时') })
    // A success before the error changes nothing; one after it (any endpoint: the secret is the account's) clears it.
    const before = { ...wrongSecret, lastSuccessAt: iso(NOW - 2 * HOUR), lastSuccessEndpoint: '/cgi-bin/menu/get' }
    expect(check(account({ lastApiError: before }), 'wechat:acc1:api-error').status).toBe('red')
    const after = { ...wrongSecret, lastSuccessAt: iso(NOW - 30 * MIN), lastSuccessEndpoint: '/cgi-bin/menu/get' }
    expect(check(account({ lastApiError: after }), 'wechat:acc1:api-error')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^已恢复：.*调用 \/cgi-bin\/menu\/get 成功。此前的错误：.*40125/),
    })
    // The token check, red while no token is valid, clears on that success too.
    const noToken = { token: { expiresAt: iso(NOW - HOUR), updatedAt: iso(NOW - 3 * HOUR) } }
    expect(check(account({ lastApiError: wrongSecret, ...noToken }), 'wechat:acc1:token').status).toBe('red')
    expect(check(account({ lastApiError: after, ...noToken }), 'wechat:acc1:token').status).toBe('ok')
  })

  test('an error about one interface (48001) clears only when that interface succeeds, not another', () => {
    const noPermission = error(48001, HOUR, '/cgi-bin/message/mass/sendall')
    const otherSucceeded = { ...noPermission, lastSuccessAt: iso(NOW - MIN), lastSuccessEndpoint: '/cgi-bin/menu/get', endpointSuccessAt: null }
    expect(check(account({ lastApiError: otherSucceeded }), 'wechat:acc1:api-error').status).toBe('red')
    const sameSucceeded = { ...otherSucceeded, endpointSuccessAt: iso(NOW - MIN) }
    expect(check(account({ lastApiError: sameSucceeded }), 'wechat:acc1:api-error')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('/cgi-bin/message/mass/sendall 成功'),
    })
    // A network failure is over once WeChat answered any call.
    const timeout = { ...error(null, HOUR, '/cgi-bin/menu/get', 'timeout'), lastSuccessAt: iso(NOW - MIN), lastSuccessEndpoint: '/cgi-bin/user/get' }
    expect(check(account({ lastApiError: timeout }), 'wechat:acc1:api-error').status).toBe('ok')
  })

  test('push: the send slot passed without a send → red; none made → red', () => {
    const thursdayEvening = Date.parse('2026-12-03T11:00:00Z')
    expect(check(account({}), 'wechat:acc1:push', thursdayEvening).status).toBe('red')
    const none = healthyAccount()
    none.push.current = null
    expect(check(healthyFacts({ accounts: [none] }), 'wechat:acc1:push', thursdayEvening)).toMatchObject({
      status: 'red',
      detail: expect.stringContaining('没有生成推送'),
    })
  })

  test('push: an account outside the weekly push (参与每周推送 off) has no push check until it has a push; one in it has', () => {
    const other = healthyAccount({ id: 'acc2', isDefault: false, pushEnabled: false })
    other.push.current = null
    const community = healthyAccount({ id: 'acc3', isDefault: false, pushEnabled: true })
    community.push.current = null
    expect(evaluateHealth(healthyFacts({ accounts: [community] }), Date.parse('2026-12-03T11:00:00Z')).map((entry) => entry.id)).toContain('wechat:acc3:push')
    expect(evaluateHealth(healthyFacts({ accounts: [other] }), Date.parse('2026-12-03T11:00:00Z')).map((entry) => entry.id)).not.toContain('wechat:acc2:push')
  })

  test('push: not signed off by the day before → warn; signed off → ok; failed → red; sent → ok', () => {
    const thursdayMorning = Date.parse('2026-12-03T01:00:00Z')
    expect(check(account({}), 'wechat:acc1:push', thursdayMorning)).toMatchObject({ status: 'warn', detail: expect.stringContaining('尚未审定') })
    const signed = healthyAccount()
    signed.push.current = { status: 'signed_off', statusReason: null, signedOffAt: iso(NOW), sendingSince: null }
    expect(check(healthyFacts({ accounts: [signed] }), 'wechat:acc1:push', thursdayMorning).status).toBe('ok')
    const failed = healthyAccount()
    failed.push.current = { status: 'failed', statusReason: '版权检查未通过', signedOffAt: null, sendingSince: null }
    expect(check(healthyFacts({ accounts: [failed] }), 'wechat:acc1:push')).toMatchObject({ status: 'red', detail: expect.stringContaining('版权检查未通过') })
    const sent = healthyAccount()
    sent.push.current = { status: 'sent', statusReason: null, signedOffAt: null, sendingSince: null }
    expect(check(healthyFacts({ accounts: [sent] }), 'wechat:acc1:push', Date.parse('2026-12-04T00:00:00Z')).status).toBe('ok')
  })

  test("push: a community account's failed week links that account's 本周推送 (?account=), not the default one", () => {
    const community = healthyAccount({ id: 'acc3', isDefault: false, pushEnabled: true })
    community.push.current = { status: 'failed', statusReason: 'AppID 不正确', signedOffAt: null, sendingSince: null }
    const result = check(healthyFacts({ accounts: [community] }), 'wechat:acc3:push')
    expect(result).toMatchObject({ status: 'red', action: expect.stringContaining('本周推送（/admin/this-week?account=acc3）') })
    const unsigned = healthyAccount({ id: 'acc3', isDefault: false, pushEnabled: true })
    expect(check(healthyFacts({ accounts: [unsigned] }), 'wechat:acc3:push', Date.parse('2026-12-03T01:00:00Z')).action).toContain(
      '/admin/this-week?account=acc3',
    )
  })

  test('a safe-mode account receiving signed plain requests → red with the console change; the setting changed to plain → ok', () => {
    const mismatch = { lastSeenAt: iso(NOW - 10 * MIN), modeSeen: 'plain', configuredMode: 'safe', count: 3 }
    const result = check(account({ modeMismatch: mismatch }), 'wechat:acc1:mode')
    expect(result.status).toBe('red')
    expect(result.action).toContain('公众平台 → 设置与开发 → 基本配置')
    expect(result.action).toContain('消息加解密方式')
    expect(result.action).toContain('安全模式')
    expect(result.action).toContain('明文模式')
    expect(check(account({ modeMismatch: mismatch, messageMode: 'plain' }), 'wechat:acc1:mode').status).toBe('ok')
    expect(check(account({ modeMismatch: { ...mismatch, lastSeenAt: iso(NOW - 3 * DAY) } }), 'wechat:acc1:mode').status).toBe('warn')
    expect(check(account({ modeMismatch: { ...mismatch, lastSeenAt: iso(NOW - 8 * DAY) } }), 'wechat:acc1:mode').status).toBe('ok')
  })

  test('明文模式 to a safe-mode account: red while plain requests are the newest, ok once safe ones resume; counts per mode', () => {
    const plainTwice = {
      lastSeenAt: iso(NOW - 20 * MIN),
      modeSeen: 'plain',
      configuredMode: 'safe',
      count: 2,
      requests: { plain: { count: 2, lastSeenAt: iso(NOW - 20 * MIN) } },
    }
    const red = check(account({ modeMismatch: plainTwice }), 'wechat:acc1:mode')
    expect(red.status).toBe('red')
    expect(red.detail).toContain(`收到明文请求 2 条，最近 2026-12-02 11:40`)
    expect(red.action).toContain('微信再以安全模式发来消息时本项自动恢复为正常')
    // One safe-mode request after them: WeChat went back to the setting — ok, each mode counted on its own.
    const safeAfter = { ...plainTwice, requests: { ...plainTwice.requests, safe: { count: 1, lastSeenAt: iso(NOW - 5 * MIN) } } }
    const ok = check(account({ modeMismatch: safeAfter }), 'wechat:acc1:mode')
    expect(ok.status).toBe('ok')
    expect(ok.detail).toContain('安全模式请求 1 条，最近 2026-12-02 11:55；收到明文请求 2 条，最近 2026-12-02 11:40')
    expect(ok.detail).not.toContain('累计 3')
    // Plain again after the safe one: red again.
    const plainAgain = {
      ...safeAfter,
      lastSeenAt: iso(NOW - MIN),
      count: 3,
      requests: { ...safeAfter.requests, plain: { count: 3, lastSeenAt: iso(NOW - MIN) } },
    }
    expect(check(account({ modeMismatch: plainAgain }), 'wechat:acc1:mode').status).toBe('red')
  })

  test('a callback silent 3+ days while the account has followers → warn, 7+ days → red; without followers → ok', () => {
    const warn = check(account({ lastInboundAt: iso(NOW - 4 * DAY) }), 'wechat:acc1:callback')
    expect(warn.status).toBe('warn')
    expect(warn.action).toContain('服务器配置')
    expect(warn.action).toContain('IP 白名单')
    expect(check(account({ lastInboundAt: iso(NOW - 8 * DAY) }), 'wechat:acc1:callback').status).toBe('red')
    expect(check(account({ lastInboundAt: null }), 'wechat:acc1:callback').status).toBe('red')
    expect(check(account({ lastInboundAt: null, followers: 0 }), 'wechat:acc1:callback').status).toBe('ok')
  })

  test('the callback check counts followers by the larger evidence: WeChat’s count (统计分析) when none are on record, the record when it is larger', () => {
    // The demo: WeChat counts 100, no follow event reached the callback yet.
    const wechatOnly = check(account({ lastInboundAt: null, followers: 0, wechatFollowers: { count: 100, date: '2026-11-29' } }), 'wechat:acc1:callback')
    expect(wechatOnly.status).toBe('red')
    expect(wechatOnly.detail).toBe('从未收到微信的消息或事件，关注者 100 人（微信统计，截至 11 月 29 日）')
    const recordLarger = check(
      account({ lastInboundAt: iso(NOW - 4 * DAY), followers: 130, wechatFollowers: { count: 120, date: '2025-12-30' } }),
      'wechat:acc1:callback',
    )
    expect(recordLarger.status).toBe('warn')
    expect(recordLarger.detail).toMatch(/关注者 130 人（本系统记录）$/)
    expect(check(account({ lastInboundAt: null, followers: 0, wechatFollowers: null }), 'wechat:acc1:callback').status).toBe('ok')
  })
})

describe('secrets of an account', () => {
  test('an account without its AppSecret or Token (or EncodingAESKey in safe mode) is red, naming what to fill in; all set → ok; unknown → no check', () => {
    const missing = healthyAccount({ secretsSet: ['token'] })
    expect(check(healthyFacts({ accounts: [missing] }), 'wechat:acc1:secrets')).toMatchObject({
      status: 'red',
      detail: expect.stringContaining('AppSecret'),
      action: expect.stringContaining('微信 → 公众号'),
    })
    expect(check(healthyFacts({ accounts: [missing] }), 'wechat:acc1:secrets').detail).toContain('EncodingAESKey')
    const plain = healthyAccount({ secretsSet: ['appSecret', 'token'], messageMode: 'plain' })
    expect(check(healthyFacts({ accounts: [plain] }), 'wechat:acc1:secrets').status).toBe('ok')
    const all = healthyAccount({ secretsSet: ['appSecret', 'token', 'encodingAESKey'] })
    expect(check(healthyFacts({ accounts: [all] }), 'wechat:acc1:secrets').status).toBe('ok')
    expect(evaluateHealth(healthyFacts({ accounts: [healthyAccount()] }), NOW).map((entry) => entry.id)).not.toContain('wechat:acc1:secrets')
  })
})

test('alert e-mails: the admin paths a check names become absolute links; other text and full URLs stay as they are', () => {
  const base = 'https://wx.example.gov.cn'
  expect(absoluteAdminLinks('在 本周推送（/admin/this-week）中查看', base)).toBe('在 本周推送（https://wx.example.gov.cn/admin/this-week）中查看')
  expect(absoluteAdminLinks('/admin/health?x=1 与 /admin', base)).toBe('https://wx.example.gov.cn/admin/health?x=1 与 https://wx.example.gov.cn/admin')
  expect(absoluteAdminLinks('见 https://wx.example.gov.cn/admin/health，data/admin/x 与 /administer', base)).toBe(
    '见 https://wx.example.gov.cn/admin/health，data/admin/x 与 /administer',
  )
})

test('节假日日历: a year the calendar data do not hold is amber with the upgrade to do; next year only from December', () => {
  const calendarCheck = (calendar: HealthFacts['calendar'], now = NOW) => check(healthyFacts({ calendar }), 'calendar', now)
  const known = { year: 2026, covered: true, nextCovered: true, lastCoveredYear: 2027, source: 'chinese-days 1.5.7' }
  expect(calendarCheck(known)).toMatchObject({ status: 'ok', detail: '已收录到 2027 年（chinese-days 1.5.7）' })
  // December (NOW is 2026-12-02) without next year's notice: residents cannot book January.
  const noNext = { ...known, nextCovered: false, lastCoveredYear: 2026 }
  expect(calendarCheck(noNext)).toMatchObject({
    status: 'warn',
    detail: expect.stringContaining('2027 年的节假日安排尚未收录'),
    action: expect.stringContaining('升级'),
  })
  // In November the next year's notice may still be on its way: not yet a warning.
  expect(calendarCheck(noNext, Date.parse('2026-11-20T04:00:00Z')).status).toBe('ok')
  // This year unknown: appointments closed, deadlines estimated — amber, and the overall status is not red.
  const checks = evaluateHealth(
    healthyFacts({ calendar: { year: 2027, covered: false, nextCovered: false, lastCoveredYear: 2026, source: 'chinese-days 1.5.7' } }),
    NOW,
  )
  expect(checks.find((entry) => entry.id === 'calendar')).toMatchObject({ status: 'warn', detail: expect.stringContaining('居民预约不开放 2027 年的日期') })
  expect(overallStatus(checks)).toBe('warn')
})
