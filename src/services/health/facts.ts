/**
 * What the health check looks at (运行状态), as plain data: `gatherHealthFacts()` (gather.ts) reads it
 * from the database and the disks, `evaluateHealth()` (evaluate.ts) judges it. Tests build facts by
 * hand. Instants are ISO strings (UTC); sizes in bytes. Nothing here is a secret or personal data
 * (no openids, no emails, no tokens).
 */

export type HealthStatus = 'ok' | 'warn' | 'red'

/** One line of the health page and of `/api/health`. Texts are Chinese (the admins' language). */
export interface HealthCheck {
  /** Stable across runs: `database`, `scheduler`, `wechat:<account id>:token`, … (health-alerts key). */
  id: string
  status: HealthStatus
  /** What is checked, e.g. 「数据库与迁移」. */
  title: string
  /** What was found. */
  detail: string
  /** What to do ('' when nothing). */
  action: string
}

export interface DatabaseFacts {
  reachable: boolean
  /** The database's own error, when not reachable (no URI: the adapter never puts it in the message). */
  error?: string
  adapter: 'sqlite' | 'mongodb'
  /** The schema was pushed (development: a `payload-migrations` row with batch -1) — migrations do not apply. */
  pushed: boolean
  /** Migration names committed in `src/migrations/<adapter>/` (file names without extension). */
  committed: string[]
  /** Migration names recorded in `payload-migrations` (batch ≥ 1). */
  applied: string[]
}

export interface HeartbeatFacts {
  processId: string
  startedAt: string
  lastBeatAt: string
  jobs: string[]
}

export interface AccountFacts {
  id: string
  name: string
  appId: string
  messageMode: 'plain' | 'compatible' | 'safe'
  /** The default account: the only one the scheduler makes weekly pushes for (jobs/weekly-push.ts). */
  isDefault: boolean
  /** Which of the account's secrets are set (`wechat-accounts.secretsSet`: names only, never values); undefined when not known. */
  secretsSet?: string[]
  /** 参与每周推送: the scheduler serves the account's weekly push. */
  pushEnabled?: boolean
  /** The shared access token (`wechat-tokens`), without the token itself; null: never fetched. */
  token: { expiresAt: string | null; updatedAt: string | null } | null
  /**
   * The last error the WeChat client logged for this account (`wechat-api-errors`), with the last
   * successful call written beside it (`lastSuccessAt`, any endpoint; `endpointSuccessAt`, the failed
   * endpoint's own; null: none since the row was made). A success after the error clears it.
   */
  lastApiError: {
    at: string
    endpoint: string
    kind: string
    errcode: number | null
    meaning: string
    lastSuccessAt?: string | null
    lastSuccessEndpoint?: string | null
    endpointSuccessAt?: string | null
  } | null
  /** `wechat-accounts.modeMismatch`, as the callback records it; null when never seen. */
  modeMismatch: {
    lastSeenAt: string | null
    modeSeen: string | null
    configuredMode: string | null
    count: number
    /**
     * Requests per mode WeChat used since the mismatch began (matching the setting or not), the
     * newest's time: the mode with the newest is the one WeChat uses now. Absent on a record made
     * before these were counted.
     */
    requests?: Partial<Record<'plain' | 'compatible' | 'safe', { count: number; lastSeenAt: string }>>
  } | null
  /** Followers recorded as subscribed (`followers`): only follows that reached the callback. */
  followers: number
  /** WeChat's cumulative count on its latest day in `analytics-days` (Beijing date); null before any analytics sync. */
  wechatFollowers: { count: number; date: string } | null
  /** The newest message or event WeChat posted to this account's callback (`wechat-inbound`, else the journal's files' times). */
  lastInboundAt: string | null
  /** This ISO week's push (Beijing), with the week's slots from 推送设置. */
  push: PushFacts
}

export interface PushFacts {
  week: string
  assembleAt: string
  sendAt: string
  retryAt: string
  /** The week's `weekly-pushes` row, none yet: null. */
  current: { status: string; statusReason: string | null; signedOffAt: string | null; sendingSince: string | null } | null
}

export interface InboundFacts {
  /** `wechat-inbound` rows waiting (pending, processing). */
  pending: number
  oldestPendingAt: string | null
  /** Rows that gave up after their attempts, in the last 24 hours. */
  failedLastDay: number
  /** Journal segments written but not imported (`ready/`, `importing/`, and `active/` ones). */
  journalSegments: number
  /** The oldest such segment's first line (its name's epoch), null when none. */
  oldestSegmentAt: string | null
  /** The newest `wechat-inbound` row's creation: when the journal was last imported. */
  lastImportAt: string | null
}

export interface DiskFacts {
  /** `database`, `media`, `resident-media`. */
  key: string
  label: string
  path: string
  freeBytes: number | null
  totalBytes: number | null
  error?: string
}

export interface BackupFacts {
  directory: string
  newestName: string | null
  newestAt: string | null
  /** False on MongoDB: `npm run backup` covers the embedded database only (mongodump there, see the handbook). */
  applies?: boolean
  /** When the system was set up (the first user's creation), ISO: a new install has had no night to back up in yet. */
  installedAt?: string | null
}

/** Whether the working-day calendar (services/calendar: chinese-days) knows this year's and next year's holidays. */
export interface CalendarFacts {
  /** This Beijing year and whether the data hold its 国务院办公厅 notice. */
  year: number
  covered: boolean
  nextCovered: boolean
  /** The last year the data cover, and where they come from (`chinese-days 1.5.7`: no `@`, the health texts carry no e-mail-like word). */
  lastCoveredYear: number
  source: string
}

export interface HealthFacts {
  database: DatabaseFacts
  heartbeats: HeartbeatFacts[]
  accounts: AccountFacts[]
  inbound: InboundFacts
  disks: DiskFacts[]
  backup: BackupFacts
  calendar: CalendarFacts
}
