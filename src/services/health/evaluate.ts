/**
 * The health rules (运行状态), pure: facts in, one `HealthCheck` per thing checked out. Every
 * threshold is here, named, and documented in README.md (this folder) and the top README's
 * 运行状态 section.
 */
import { formatShanghai, monthDayLabel, shanghaiDate } from '../../shared/time'
import type {
  AccountFacts,
  BackupFacts,
  CalendarFacts,
  DatabaseFacts,
  DiskFacts,
  HealthCheck,
  HealthFacts,
  HealthStatus,
  HeartbeatFacts,
  InboundFacts,
} from './facts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const GB = 1024 ** 3
const MB = 1024 ** 2

/** The thresholds; README.md says why each is what it is. */
export const HEALTH_LIMITS = {
  /** The worker beats every minute: three missed beats is a dead scheduler, not a slow one. */
  heartbeatStaleMs: 3 * MINUTE,
  /** Disk free: red under 500 MB or 3 %, warn under 2 GB or 10 % (whichever trips first). */
  diskRedBytes: 500 * MB,
  diskRedRatio: 0.03,
  diskWarnBytes: 2 * GB,
  diskWarnRatio: 0.1,
  /** Backups: warn after 26 h (a daily backup a little late), red after 2 days (one missed). */
  backupWarnMs: 26 * HOUR,
  backupRedMs: 48 * HOUR,
  /** The inbound worker imports a segment within seconds and retries a row within 30 min. */
  inboundWarnMs: 2 * MINUTE,
  inboundRedMs: 10 * MINUTE,
  /** A callback silent this long while the account has followers (WeChat's count or those on record, the larger). */
  callbackSilentWarnMs: 3 * DAY,
  callbackSilentRedMs: 7 * DAY,
  /** A WeChat API error counts as current this long. */
  apiErrorRecentMs: DAY,
  /** A 消息加解密方式 mismatch seen this recently is red (plain to a safe account) or warn. */
  modeMismatchRecentMs: DAY,
  modeMismatchShownMs: 7 * DAY,
  /** 本周推送 not signed off from this long before the send slot: warn. */
  signOffWarnMs: DAY,
  /** A send in progress longer than this: warn (the send resumes by itself; a person may look). */
  sendingWarnMs: HOUR,
  /** The proposal is made at the assemble slot; give the scheduler this long. */
  assembleGraceMs: 30 * MINUTE,
} as const

/**
 * WeChat errcodes that mean the account's setup is wrong (not a passing failure): from WeChat's
 * 全局返回码说明 (developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).
 */
const SETUP_ERRCODES: Readonly<Record<number, string>> = {
  40013: '核对 微信 → 公众号 中的 AppID 是否与公众平台一致',
  40125: '在公众平台 → 设置与开发 → 基本配置 重置开发者密码（AppSecret），填到 微信 → 公众号',
  40164: '在公众平台 → 设置与开发 → 基本配置 → IP 白名单 中加入本服务器的公网 IP',
  48001: '公众号没有该接口的权限：确认是已认证的服务号，并在公众平台查看接口权限',
  61024: '核对 AppSecret 与 IP 白名单（公众平台 → 基本配置）',
}

/**
 * Not the system's health: errors about one resident (out of the 48-hour window, unfollowed,
 * blocked), and 45065/45066, the answers the push's own settle of a lost `sendall` expects.
 */
const NOT_A_FAULT_ERRCODES: ReadonlySet<number> = new Set([40003, 43004, 43019, 45015, 45047, 45065, 45066])

/**
 * Errors about the account as a whole — its AppID, AppSecret, IP 白名单, token, or WeChat being busy —
 * are over once any later call of the account succeeded. Any other errcode is about one interface
 * (48001 that interface's permission, a quota, a media id): over once that interface succeeded.
 * A network failure (no errcode) is over once WeChat answered any call.
 */
const ACCOUNT_WIDE_ERRCODES: ReadonlySet<number> = new Set([-1, 40001, 40013, 40014, 40125, 40164, 41001, 41002, 41004, 42001, 61024])

/** When a later successful call cleared the error (ISO), or null while it stands. */
export function apiErrorClearedAt(error: NonNullable<AccountFacts['lastApiError']>): string | null {
  const accountWide = error.errcode === null || ACCOUNT_WIDE_ERRCODES.has(error.errcode)
  const success = accountWide ? error.lastSuccessAt : error.endpointSuccessAt
  return success && Date.parse(success) > Date.parse(error.at) ? success : null
}

/** What every setup error's advice ends with: nothing else to do once fixed. */
const CLEARS_BY_ITSELF = '改好后无需其他操作：本系统下一次调用微信接口成功时（如发送回复、同步统计、生成推送），本项自动恢复为正常'

const RANK: Record<HealthStatus, number> = { ok: 0, warn: 1, red: 2 }

/** The worst of the statuses ('ok' for none). */
export function overallStatus(checks: Array<{ status: HealthStatus }>): HealthStatus {
  return checks.reduce<HealthStatus>((worst, check) => (RANK[check.status] > RANK[worst] ? check.status : worst), 'ok')
}

const at = (value: string | null | undefined): string => formatShanghai(value ?? null)
const age = (ms: number): string => {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} 分钟`
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} 小时`
  return `${Math.floor(ms / DAY)} 天`
}
const since = (now: number, value: string | null | undefined): number => (value ? now - Date.parse(value) : Number.POSITIVE_INFINITY)
const size = (bytes: number): string => (bytes >= GB ? `${(bytes / GB).toFixed(1)} GB` : `${Math.round(bytes / MB)} MB`)

/**
 * Judges the facts at `now` (ms since the epoch). Answers the checks in a fixed order: database,
 * scheduler, inbound, disks, backup, then per account token, API error, push, 消息加解密方式 and
 * callback. Never throws on odd facts: a missing value reads as "unknown" and is judged as such.
 */
export function evaluateHealth(facts: HealthFacts, now: number): HealthCheck[] {
  return [
    databaseCheck(facts.database),
    schedulerCheck(facts.heartbeats, now),
    inboundCheck(facts.inbound, now),
    ...facts.disks.map(diskCheck),
    backupCheck(facts.backup, now),
    calendarCheck(facts.calendar, now),
    ...facts.accounts.flatMap((account) => [
      ...(account.secretsSet ? [secretsCheck(account)] : []),
      tokenCheck(account, now),
      apiErrorCheck(account, now),
      // The scheduler serves every account with 参与每周推送; another account's week is checked once it has a push.
      ...(account.pushEnabled !== false || account.push.current ? [pushCheck(account, now)] : []),
      modeCheck(account, now),
      callbackCheck(account, now),
    ]),
  ]
}

function databaseCheck(db: DatabaseFacts): HealthCheck {
  const base = { id: 'database', title: '数据库与迁移' }
  if (!db.reachable) {
    return {
      ...base,
      status: 'red',
      detail: `无法连接数据库${db.error ? `：${db.error}` : ''}`,
      action: db.adapter === 'sqlite' ? '检查数据库文件所在磁盘是否已满、文件权限是否正确，然后重启 npm start' : '检查 MongoDB 是否运行、DATABASE_URI 是否正确',
    }
  }
  if (db.pushed) return { ...base, status: 'ok', detail: '开发模式：结构由推送生成（不使用迁移）', action: '' }
  const applied = new Set(db.applied)
  const missing = db.committed.filter((name) => !applied.has(name))
  if (missing.length > 0) {
    return {
      ...base,
      status: 'red',
      detail: `有 ${missing.length} 个迁移尚未执行：${missing.join('、')}`,
      action: '停止服务后运行 npm run payload -- migrate（npm start 启动时也会自动执行），再启动',
    }
  }
  const committed = new Set(db.committed)
  const unknown = db.applied.filter((name) => !committed.has(name))
  if (unknown.length > 0) {
    return {
      ...base,
      status: 'warn',
      detail: `数据库中有代码里没有的迁移：${unknown.join('、')}（数据库比代码新？）`,
      action: '确认部署的是最新版本的代码',
    }
  }
  return { ...base, status: 'ok', detail: `数据库可连接，${db.committed.length} 个迁移均已执行`, action: '' }
}

/** How to start a scheduler, for the demo and for the handbook's install (deploy/systemd/street-cms-worker.service). */
const START_SCHEDULER =
  '演示环境运行 npm start（它一并启动调度进程）或另开终端运行 npm run worker；按运维手册安装的服务器运行 sudo systemctl start street-cms-worker'

/**
 * What stops without a scheduler (scripts/worker.ts's jobs). Residents' messages are not on the list: the
 * callback server imports its journal itself after 30 s (WECHAT_INBOUND_WEB_IMPORT_DELAY_SECONDS, src/inbound).
 */
const WITHOUT_SCHEDULER =
  '没有它：每周推送不会生成、发送和补发，群发结果不再查询；预约提醒和每日名单、整改督办等通知不会发出；统计分析不再同步；每天的自动备份不会进行；本页的故障也不会发邮件。居民留言照常由回调服务在约 30 秒后入库'

function schedulerCheck(beats: HeartbeatFacts[], now: number): HealthCheck {
  const base = { id: 'scheduler', title: '调度进程（每周推送、每日任务、备份）' }
  const alive = beats.filter((beat) => since(now, beat.lastBeatAt) <= HEALTH_LIMITS.heartbeatStaleMs)
  const dead = beats.filter((beat) => since(now, beat.lastBeatAt) > HEALTH_LIMITS.heartbeatStaleMs)
  const deadText = dead.map((beat) => `${beat.processId}（最后心跳 ${at(beat.lastBeatAt)}）`).join('、')
  if (alive.length === 0) {
    const newest = beats
      .map((beat) => beat.lastBeatAt)
      .sort()
      .at(-1)
    return {
      ...base,
      status: 'red',
      detail: newest ? `调度进程已 ${age(since(now, newest))} 没有心跳（最后一次 ${at(newest)}）` : '没有调度进程在运行（从未收到心跳）',
      action: `启动调度进程：${START_SCHEDULER}；查看其日志中的错误（按 systemd 安装的在 /var/log/street-cms/worker.log）。${WITHOUT_SCHEDULER}`,
    }
  }
  const aliveText = alive.map((beat) => `${beat.processId}（启动于 ${at(beat.startedAt)}）`).join('、')
  if (dead.length > 0) {
    return {
      ...base,
      status: 'warn',
      detail: `运行中：${aliveText}；已停止心跳（可能已崩溃）：${deadText}`,
      action: '查看已停止进程所在服务器的日志；其工作已由其他调度进程接管，无需其他操作。一天后此记录自动清除',
    }
  }
  return { ...base, status: 'ok', detail: `运行中：${aliveText}`, action: '' }
}

function inboundCheck(inbound: InboundFacts, now: number): HealthCheck {
  const base = { id: 'inbound', title: '微信消息处理（回调日志与队列）' }
  // How long the oldest message has waited, in the queue or in a journal file not yet imported.
  const waits = [inbound.oldestPendingAt, inbound.oldestSegmentAt].filter((value): value is string => Boolean(value)).map((value) => since(now, value))
  const oldest = Math.max(0, ...waits)
  const parts = [
    `待处理 ${inbound.pending} 条`,
    `未导入的日志文件 ${inbound.journalSegments} 个`,
    oldest > 0 ? `最早的已等待 ${age(oldest)}` : '',
    `最近导入 ${at(inbound.lastImportAt)}`,
    inbound.failedLastDay > 0 ? `24 小时内处理失败 ${inbound.failedLastDay} 条` : '',
  ].filter(Boolean)
  const detail = parts.join('，')
  if (oldest > HEALTH_LIMITS.inboundRedMs) {
    return {
      ...base,
      status: 'red',
      detail,
      action:
        '居民的消息已收到但没有处理：调度进程收到后立即导入，回调服务约 30 秒后也会导入，两者都没有导入——确认它们在运行（演示环境 npm start；按运维手册安装的服务器 sudo systemctl status street-cms-worker street-cms-callback），查看其日志；回调日志目录（WECHAT_INBOUND_JOURNAL_DIR）须可写',
    }
  }
  if (oldest > HEALTH_LIMITS.inboundWarnMs) return { ...base, status: 'warn', detail, action: '处理较慢：若持续，检查调度进程是否运行、数据库是否繁忙' }
  if (inbound.failedLastDay > 0) return { ...base, status: 'warn', detail, action: '在 系统 → 微信回调队列 中查看状态为"处理失败"的记录及其错误' }
  return { ...base, status: 'ok', detail, action: '' }
}

function diskCheck(disk: DiskFacts): HealthCheck {
  const base = { id: `disk:${disk.key}`, title: `磁盘空间：${disk.label}` }
  if (disk.freeBytes === null || disk.totalBytes === null || disk.totalBytes <= 0) {
    return {
      ...base,
      status: 'warn',
      detail: `无法读取 ${disk.path} 的磁盘空间${disk.error ? `：${disk.error}` : ''}`,
      action: '确认该目录存在且本服务可以访问',
    }
  }
  const ratio = disk.freeBytes / disk.totalBytes
  const detail = `${disk.path}：剩余 ${size(disk.freeBytes)}（${(ratio * 100).toFixed(1)}%），共 ${size(disk.totalBytes)}`
  const action = '清理该磁盘（旧备份、日志）或扩容；磁盘写满时数据库和上传都会失败'
  if (disk.freeBytes < HEALTH_LIMITS.diskRedBytes || ratio < HEALTH_LIMITS.diskRedRatio) return { ...base, status: 'red', detail, action }
  if (disk.freeBytes < HEALTH_LIMITS.diskWarnBytes || ratio < HEALTH_LIMITS.diskWarnRatio) return { ...base, status: 'warn', detail, action }
  return { ...base, status: 'ok', detail, action: '' }
}

/**
 * The holidays of this year and — in December — of next year must be in the calendar's data: a year it
 * does not know gets no appointment days (residents see none) and its push days and deadlines are
 * reckoned Monday–Friday. Amber, never red: the system keeps running, and the cure is an upgrade whose
 * chinese-days holds the year (the State Council publishes the next year's notice around November).
 */
function calendarCheck(calendar: CalendarFacts, now: number): HealthCheck {
  const base = { id: 'calendar', title: '节假日日历' }
  const upgrade = `国务院办公厅公布节假日安排后，日历数据（${calendar.source}）会随新版本更新：请按运维手册「升级」一节升级系统；升级后仍未收录的，请联系系统的维护方。`
  if (!calendar.covered) {
    return {
      ...base,
      status: 'warn',
      detail: `${calendar.year} 年的法定节假日和调休安排尚未收录（日历数据只到 ${calendar.lastCoveredYear} 年）：居民预约不开放 ${calendar.year} 年的日期，办结期限按周一至周五估算，每周推送按周一至周五安排。`,
      action: upgrade,
    }
  }
  const next = calendar.year + 1
  if (!calendar.nextCovered && shanghaiDate(now).slice(5, 7) === '12') {
    return {
      ...base,
      status: 'warn',
      detail: `${next} 年的节假日安排尚未收录：居民预约只开放到 12 月 31 日，看不到 ${next} 年的日期；推送日历把 ${next} 年按周一至周五安排。`,
      action: upgrade,
    }
  }
  return { ...base, status: 'ok', detail: `已收录到 ${calendar.lastCoveredYear} 年（${calendar.source}）`, action: '' }
}

function backupCheck(backup: BackupFacts, now: number): HealthCheck {
  const base = { id: 'backup', title: '备份' }
  if (backup.applies === false) {
    return {
      ...base,
      status: 'ok',
      detail: 'MongoDB 的数据库由 mongodump 备份（本系统的 npm run backup 只备份内置数据库），本页不检查',
      action: '按运维手册（docs/运维手册.md）「备份与恢复」用 mongodump 每天备份数据库和上传文件目录',
    }
  }
  const action =
    '调度进程每天 02:30 自动备份，失败时 04:30 重试：确认调度进程在运行（见「调度进程」一项；按运维手册安装的服务器 sudo systemctl status street-cms-worker）；也可现在运行 npm run backup。备份文件在 BACKUP_DIR（默认 data/backups）'
  if (!backup.newestAt) {
    // A new install has not yet had a night to back up in: not a fault until the second night passed.
    const young = backup.installedAt !== null && backup.installedAt !== undefined && since(now, backup.installedAt) <= HEALTH_LIMITS.backupRedMs
    const detail = `${backup.directory} 中没有备份（cms-YYYYMMDD-HHmmss.tar.gz）`
    return young
      ? { ...base, status: 'warn', detail: `${detail}：系统刚安装，调度进程将在下一个凌晨 02:30（北京时间）自动备份`, action }
      : { ...base, status: 'red', detail, action }
  }
  const ago = since(now, backup.newestAt)
  const detail = `最近一次备份 ${backup.newestName}，${at(backup.newestAt)}（${age(Math.max(0, ago))}前）`
  if (ago > HEALTH_LIMITS.backupRedMs) return { ...base, status: 'red', detail, action }
  if (ago > HEALTH_LIMITS.backupWarnMs) return { ...base, status: 'warn', detail, action }
  return { ...base, status: 'ok', detail, action: '' }
}

const accountLabel = (account: AccountFacts): string => `${account.name}（${account.appId}）`

/** The secrets an account cannot work without: AppSecret (every API call), Token (the callback's signature), EncodingAESKey (safe or compatible mode). */
function secretsCheck(account: AccountFacts): HealthCheck {
  const base = { id: `wechat:${account.id}:secrets`, title: `公众号密钥：${accountLabel(account)}` }
  const set = new Set(account.secretsSet ?? [])
  const missing = [
    ...(set.has('appSecret') ? [] : ['开发者密码 AppSecret（调用微信接口：群发、回复、菜单）']),
    ...(set.has('token') ? [] : ['令牌 Token（校验微信发来的消息）']),
    ...(account.messageMode === 'plain' || set.has('encodingAESKey') ? [] : ['消息加解密密钥 EncodingAESKey（安全模式、兼容模式解密）']),
  ]
  if (missing.length === 0) return { ...base, status: 'ok', detail: '所需密钥均已填写（密钥只保存、不显示）', action: '' }
  return {
    ...base,
    status: 'red',
    detail: `未填写：${missing.join('；')}`,
    action: `在 微信 → 公众号 → ${account.name} 中填写（与公众平台 → 设置与开发 → 基本配置 中的一致）`,
  }
}

function tokenCheck(account: AccountFacts, now: number): HealthCheck {
  const base = { id: `wechat:${account.id}:token`, title: `接口凭证 access_token：${accountLabel(account)}` }
  const error = account.lastApiError
  const expires = account.token?.expiresAt
  const valid = Boolean(expires && Date.parse(expires) > now)
  // A valid token now means a fetch succeeded since (the lock's writes touch updatedAt, so only the expiry tells).
  const tokenRefused = error && /token/.test(error.endpoint) && since(now, error.at) <= HEALTH_LIMITS.apiErrorRecentMs && !valid && !apiErrorClearedAt(error)
  if (tokenRefused) {
    return {
      ...base,
      status: 'red',
      detail: `${at(error.at)} 获取 access_token 失败：${error.meaning}${error.errcode !== null ? `（${error.errcode}）` : ''}`,
      action: `${
        (error.errcode !== null && SETUP_ERRCODES[error.errcode]) ||
        '核对 AppSecret（微信 → 公众号）与公众平台的 IP 白名单；网络错误时确认服务器能访问 api.weixin.qq.com'
      }。${CLEARS_BY_ITSELF}`,
    }
  }
  if (valid) return { ...base, status: 'ok', detail: `有效，至 ${at(expires)}（各进程通过数据库共用）`, action: '' }
  return { ...base, status: 'ok', detail: '当前没有有效凭证：下一次调用微信接口时自动获取', action: '' }
}

function apiErrorCheck(account: AccountFacts, now: number): HealthCheck {
  const base = { id: `wechat:${account.id}:api-error`, title: `微信接口调用：${accountLabel(account)}` }
  const error = account.lastApiError
  if (!error) return { ...base, status: 'ok', detail: '没有记录到微信接口错误', action: '' }
  const text = `${at(error.at)} 调用 ${error.endpoint} 失败：${error.meaning}${error.errcode !== null ? `（错误码 ${error.errcode}）` : ''}`
  const cleared = apiErrorClearedAt(error)
  if (cleared) {
    const which = error.errcode === null || ACCOUNT_WIDE_ERRCODES.has(error.errcode) ? (error.lastSuccessEndpoint ?? '') : error.endpoint
    return { ...base, status: 'ok', detail: `已恢复：${at(cleared)} 调用${which ? ` ${which} ` : '微信接口'}成功。此前的错误：${text}`, action: '' }
  }
  const recent = since(now, error.at) <= HEALTH_LIMITS.apiErrorRecentMs
  if (!recent || (error.errcode !== null && NOT_A_FAULT_ERRCODES.has(error.errcode)))
    return { ...base, status: 'ok', detail: `最近一次错误：${text}`, action: '' }
  const setup = error.errcode !== null ? SETUP_ERRCODES[error.errcode] : undefined
  if (setup) return { ...base, status: 'red', detail: text, action: `${setup}。${CLEARS_BY_ITSELF}` }
  return {
    ...base,
    status: 'warn',
    detail: text,
    action:
      error.kind === 'wechat'
        ? '按上面的含义处理；如是偶发（系统繁忙、频率限制），该接口下一次调用成功时本项自动恢复'
        : '确认服务器能访问 api.weixin.qq.com（网络、防火墙、代理）；下一次调用微信接口成功时本项自动恢复',
  }
}

function pushCheck(account: AccountFacts, now: number): HealthCheck {
  const { push } = account
  const base = { id: `wechat:${account.id}:push`, title: `本周推送 ${push.week}：${accountLabel(account)}` }
  const sendAt = Date.parse(push.sendAt)
  const current = push.current
  // The link opens this account's week (without `?account=` 本周推送 opens the default account).
  const page = `/admin/this-week?account=${encodeURIComponent(account.id)}`
  const action = `在 本周推送（${page}）中查看并处理`
  if (!current) {
    if (now > sendAt) return { ...base, status: 'red', detail: `发送时间 ${at(push.sendAt)} 已过，本周没有生成推送`, action: `${action}；确认调度进程在运行` }
    if (now > Date.parse(push.assembleAt) + HEALTH_LIMITS.assembleGraceMs) {
      return {
        ...base,
        status: 'warn',
        detail: `本周推送应在 ${at(push.assembleAt)} 生成，尚未生成`,
        action: `确认调度进程在运行；也可在 本周推送（${page}）中点「立即生成本周推送」`,
      }
    }
    return { ...base, status: 'ok', detail: `将于 ${at(push.assembleAt)} 生成，${at(push.sendAt)} 发送`, action: '' }
  }
  const reason = current.statusReason ? `：${current.statusReason}` : ''
  switch (current.status) {
    case 'sent':
      return { ...base, status: 'ok', detail: '本周已群发', action: '' }
    case 'skipped':
      return { ...base, status: 'warn', detail: `本周未群发（已跳过）${reason}`, action: '' }
    case 'failed':
      return { ...base, status: 'red', detail: `群发失败${reason}`, action: `${action}；补发时间 ${at(push.retryAt)} 会再试一次` }
    case 'sending': {
      const sending = since(now, current.sendingSince)
      if (sending > HEALTH_LIMITS.sendingWarnMs && sending !== Number.POSITIVE_INFINITY) {
        return { ...base, status: 'warn', detail: `正在群发，已 ${age(sending)}`, action: `${action}（发送会自动续上；超过 24 小时会标记为需要人工处理）` }
      }
      return { ...base, status: 'ok', detail: '正在群发', action: '' }
    }
    default: {
      // proposed / signed_off
      if (now > sendAt) {
        return {
          ...base,
          status: 'red',
          detail: `发送时间 ${at(push.sendAt)} 已过，本周尚未群发（${current.status === 'signed_off' ? '已审定' : '未审定'}）${reason}`,
          action: `${action}；补发时间 ${at(push.retryAt)}，之后本周关闭`,
        }
      }
      if (current.status !== 'signed_off' && now >= sendAt - HEALTH_LIMITS.signOffWarnMs) {
        return { ...base, status: 'warn', detail: `${at(push.sendAt)} 发送，审核领导尚未审定`, action: `请审核领导在 本周推送（${page}）中审定（或退回）` }
      }
      return { ...base, status: 'ok', detail: `${current.status === 'signed_off' ? '已审定' : '待审定'}，${at(push.sendAt)} 发送`, action: '' }
    }
  }
}

const MODE_NAMES: Record<string, string> = { plain: '明文模式', compatible: '兼容模式', safe: '安全模式' }

function modeCheck(account: AccountFacts, now: number): HealthCheck {
  const base = { id: `wechat:${account.id}:mode`, title: `消息加解密方式：${accountLabel(account)}` }
  const seen = account.modeMismatch
  const configured = MODE_NAMES[account.messageMode] ?? account.messageMode
  if (!seen || !seen.count || !seen.lastSeenAt || !seen.modeSeen) {
    // Nothing to compare with before WeChat's first request: say so rather than claim they agree.
    const detail = account.lastInboundAt ? `本系统设置为${configured}，与微信发来的一致` : `本系统设置为${configured}；尚未收到微信的请求，无法比对`
    return { ...base, status: 'ok', detail, action: '' }
  }
  // Per mode, newest first; a record from before the modes were counted has only the last mismatch.
  const requests = Object.entries(seen.requests ?? {})
    .map(([mode, value]) => ({ mode, count: value.count, lastSeenAt: value.lastSeenAt }))
    .sort((a, b) => Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt))
  const latest =
    requests[0] && Date.parse(requests[0].lastSeenAt) >= Date.parse(seen.lastSeenAt) ? requests[0] : { mode: seen.modeSeen, lastSeenAt: seen.lastSeenAt }
  const counted = requests.length
    ? requests
        .map((mode) => `${mode.mode === 'plain' ? '收到明文请求' : `${MODE_NAMES[mode.mode] ?? mode.mode}请求`} ${mode.count} 条，最近 ${at(mode.lastSeenAt)}`)
        .join('；')
    : `收到${MODE_NAMES[seen.modeSeen] ?? seen.modeSeen}请求 ${seen.count} 条，最近 ${at(seen.lastSeenAt)}`
  // WeChat's newest request is in the mode set here (it went back, or the setting was changed to
  // what WeChat uses), or the mismatch is a week old: history.
  if (latest.mode === account.messageMode || since(now, seen.lastSeenAt) > HEALTH_LIMITS.modeMismatchShownMs) {
    const back = latest.mode === account.messageMode && requests.length ? `微信最近以${configured}发来（${at(latest.lastSeenAt)}），一致。` : ''
    return { ...base, status: 'ok', detail: `本系统设置为${configured}。${back}最近一次不一致在 ${at(seen.lastSeenAt)}（${counted}）`, action: '' }
  }
  const seenName = MODE_NAMES[latest.mode] ?? latest.mode
  const detail = `微信最近以${seenName}发来消息，本系统设置为${configured}：${counted}。消息已按签名照常接收`
  const unverified = latest.mode === 'plain' && account.messageMode !== 'plain'
  const action = `在公众平台 → 设置与开发 → 基本配置 → 服务器配置 → 消息加解密方式 改为${configured}（推荐安全模式）；或把 微信 → 公众号 → ${account.name} 的"消息加解密方式"改为${seenName}。微信再以${configured}发来消息时本项自动恢复为正常`
  if (unverified && since(now, latest.lastSeenAt) <= HEALTH_LIMITS.modeMismatchRecentMs) {
    return {
      ...base,
      status: 'red',
      detail: `${detail}，但明文消息的正文没有签名：其中的「绑定」「审定」不会执行，群发结果要等查询`,
      action,
    }
  }
  return { ...base, status: 'warn', detail, action }
}

/**
 * The evidence that people follow the account: WeChat's cumulative count (统计分析, as of its latest
 * day) or the followers on record, whichever is larger — the record misses everyone who followed
 * before the callback was connected, WeChat's count lags a day. `text`: how 运行状态 says it.
 */
function followerEvidence(account: AccountFacts, now: number): { count: number; text: string } {
  const wechat = account.wechatFollowers
  if (wechat && wechat.count >= account.followers) {
    return { count: wechat.count, text: `关注者 ${wechat.count} 人（微信统计，截至 ${monthDayLabel(wechat.date, shanghaiDate(now).slice(0, 4))}）` }
  }
  return { count: account.followers, text: `关注者 ${account.followers} 人${wechat ? '（本系统记录）' : ''}` }
}

function callbackCheck(account: AccountFacts, now: number): HealthCheck {
  const base = { id: `wechat:${account.id}:callback`, title: `微信回调：${accountLabel(account)}` }
  const followers = followerEvidence(account, now)
  if (followers.count === 0) return { ...base, status: 'ok', detail: `暂无关注者记录；最近收到消息 ${at(account.lastInboundAt)}`, action: '' }
  const silent = since(now, account.lastInboundAt)
  const detail = account.lastInboundAt
    ? `已 ${age(silent)}没有收到微信的消息或事件（最近 ${at(account.lastInboundAt)}），${followers.text}`
    : `从未收到微信的消息或事件，${followers.text}`
  const action =
    '核对公众平台 → 设置与开发 → 基本配置 → 服务器配置：URL 为 https://<域名>/api/wechat/callback/<AppID>、状态为"已启用"、Token 与 EncodingAESKey 与本系统一致；确认反向代理把该路径转发到回调服务（127.0.0.1:3001）；用 IP 白名单 中的服务器地址调用接口'
  if (silent > HEALTH_LIMITS.callbackSilentRedMs) return { ...base, status: 'red', detail, action }
  if (silent > HEALTH_LIMITS.callbackSilentWarnMs) return { ...base, status: 'warn', detail, action }
  return { ...base, status: 'ok', detail: `最近收到消息 ${at(account.lastInboundAt)}，${followers.text}`, action: '' }
}
