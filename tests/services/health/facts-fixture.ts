/** Healthy facts at NOW (Wednesday 2026-12-02 12:00 Beijing, ISO week 2026-W49), to change one thing at a time. */
import type { AccountFacts, HealthFacts } from '../../../src/services/health/facts'

export const NOW = Date.parse('2026-12-02T04:00:00Z')
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
export const iso = (ms: number): string => new Date(ms).toISOString()

export function healthyAccount(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    id: 'acc1',
    name: '街道办服务号',
    appId: 'wx00000000health01',
    messageMode: 'safe',
    isDefault: true,
    token: { expiresAt: iso(NOW + HOUR), updatedAt: iso(NOW - HOUR) },
    lastApiError: null,
    modeMismatch: null,
    followers: 120,
    wechatFollowers: null,
    lastInboundAt: iso(NOW - 2 * HOUR),
    push: {
      week: '2026-W49',
      // Wed 10:00, Thu 18:00, Fri 18:00 Beijing.
      assembleAt: '2026-12-02T02:00:00.000Z',
      sendAt: '2026-12-03T10:00:00.000Z',
      retryAt: '2026-12-04T10:00:00.000Z',
      current: { status: 'proposed', statusReason: null, signedOffAt: null, sendingSince: null },
    },
    ...overrides,
  }
}

export function healthyFacts(overrides: Partial<HealthFacts> = {}): HealthFacts {
  return {
    database: {
      reachable: true,
      adapter: 'sqlite',
      pushed: false,
      committed: ['20261128_initial', '20261130_more'],
      applied: ['20261128_initial', '20261130_more'],
    },
    heartbeats: [{ processId: 'host-100', startedAt: iso(NOW - DAY), lastBeatAt: iso(NOW - 30_000), jobs: ['weekly-push'] }],
    accounts: [healthyAccount()],
    inbound: { pending: 0, oldestPendingAt: null, failedLastDay: 0, journalSegments: 0, oldestSegmentAt: null, lastImportAt: iso(NOW - 2 * HOUR) },
    disks: [{ key: 'database', label: '数据库文件所在目录', path: '/srv/cms/data', freeBytes: 50 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 }],
    backup: { directory: '/srv/cms/data/backups', newestName: 'cms-20261202-030000.tar.gz', newestAt: iso(NOW - 9 * HOUR) },
    calendar: { year: 2026, covered: true, nextCovered: true, lastCoveredYear: 2027, source: 'chinese-days@test' },
    ...overrides,
  }
}

export const TIMES = { MIN, HOUR, DAY }
