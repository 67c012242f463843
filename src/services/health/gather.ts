/**
 * Reads the facts the health check judges (facts.ts) from the database and the disks. Read-only,
 * through the Local API with overrideAccess; no secret is read (tokens and the accounts' secrets
 * stay where they are: only times and counts are taken).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import { databaseKind } from '../../config/database'
import { JOURNAL_DIRS, journalDirectory } from '../../config/inbound-journal'
import { idOf } from '../../access/roles'
import { ARCHIVE_PATTERN } from '../backup/retention'
import { backupDirectory } from '../backup/settings'
import { followersOnRecord, latestWeChatFollowerCount } from '../followers/counts'
import { accountPushSettings, streetPushSettings } from '../push/settings-load'
import { chinaDays } from '../push/holiday-days'
import { weekSlots } from '../push/holiday-slots'
import { coverage } from '../calendar/calendar'
import { isoWeekOf, shanghaiDate } from '../../shared/time'
import type { AccountFacts, BackupFacts, CalendarFacts, DatabaseFacts, DiskFacts, HealthFacts, HeartbeatFacts, InboundFacts, PushFacts } from './facts'

/** Backups are `cms-YYYYMMDD-HHmmss.tar.gz` in BACKUP_DIR (default data/backups): the contract with `npm run backup`. */

export interface GatherOptions {
  /** Defaults to Date.now(). */
  now?: number
  /** Defaults to journalDirectory() (WECHAT_INBOUND_JOURNAL_DIR …). */
  journalDirectory?: string
  env?: NodeJS.ProcessEnv
}

/**
 * All facts at once. A database that cannot be read gives `database.reachable: false` and empty
 * lists elsewhere rather than an exception: the health page must say what is wrong, not fail.
 */
export async function gatherHealthFacts(payload: Payload, options: GatherOptions = {}): Promise<HealthFacts> {
  const now = options.now ?? Date.now()
  const env = options.env ?? process.env
  const database = await databaseFacts(payload, env)
  const [disks, backup, journal] = await Promise.all([
    diskFacts(payload, env),
    backupFacts(payload, env),
    journalFacts(options.journalDirectory ?? journalDirectory(env), now),
  ])
  if (!database.reachable) {
    return {
      database,
      heartbeats: [],
      accounts: [],
      inbound: { pending: 0, oldestPendingAt: null, failedLastDay: 0, lastImportAt: null, ...journal },
      disks,
      backup,
      calendar: calendarFacts(now),
    }
  }
  const [heartbeats, accounts, inbound] = await Promise.all([heartbeatFacts(payload), accountFacts(payload, now), inboundFacts(payload, now)])
  return { database, heartbeats, accounts, inbound: { ...inbound, ...journal }, disks, backup, calendar: calendarFacts(now) }
}

/** This Beijing year's and next year's coverage in the working-day calendar's data. */
function calendarFacts(now: number): CalendarFacts {
  const year = Number(shanghaiDate(now).slice(0, 4))
  const current = coverage(year)
  return {
    year,
    covered: current.covered,
    nextCovered: coverage(year + 1).covered,
    lastCoveredYear: current.lastCoveredYear,
    source: current.source.replace('@', ' '),
  }
}

async function databaseFacts(payload: Payload, env: NodeJS.ProcessEnv): Promise<DatabaseFacts> {
  const adapter = databaseKind(env.DATABASE_URI)
  const directory = (payload.db as { migrationDir?: string }).migrationDir ?? path.resolve('src', 'migrations', adapter)
  const committed = listMigrations(directory)
  try {
    const rows = await payload.find({ collection: 'payload-migrations', overrideAccess: true, depth: 0, limit: 1000, pagination: false })
    const docs = rows.docs as Array<{ name?: string | null; batch?: number | null }>
    return {
      reachable: true,
      adapter,
      // Payload's schema push records itself as batch -1 ("dev").
      pushed: docs.some((doc) => doc.batch === -1),
      committed,
      applied: docs.filter((doc) => (doc.batch ?? 0) > 0 && doc.name).map((doc) => String(doc.name)),
    }
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error), adapter, pushed: false, committed, applied: [] }
  }
}

function listMigrations(directory: string): string[] {
  try {
    return fs
      .readdirSync(directory)
      .filter((name) => /\.(ts|js)$/.test(name) && !/^index\./.test(name) && !name.endsWith('.d.ts'))
      .map((name) => name.replace(/\.(ts|js)$/, ''))
      .sort()
  } catch {
    return []
  }
}

async function heartbeatFacts(payload: Payload): Promise<HeartbeatFacts[]> {
  const rows = await payload.find({ collection: 'scheduler-heartbeats', overrideAccess: true, depth: 0, limit: 100, pagination: false, sort: '-lastBeatAt' })
  return rows.docs.map((row) => ({
    processId: row.processId,
    startedAt: row.startedAt,
    lastBeatAt: row.lastBeatAt,
    jobs: Array.isArray(row.jobs) ? row.jobs.map(String) : [],
  }))
}

async function accountFacts(payload: Payload, now: number): Promise<AccountFacts[]> {
  const accounts = await payload.find({ collection: 'wechat-accounts', overrideAccess: true, depth: 0, limit: 50, pagination: false, sort: 'createdAt' })
  if (accounts.docs.length === 0) return []
  const week = isoWeekOf(new Date(now))
  // The street-wide settings once per gather, not once per account.
  const [tokens, errors, street] = await Promise.all([
    payload.find({
      collection: 'wechat-tokens',
      overrideAccess: true,
      depth: 0,
      limit: 100,
      pagination: false,
      select: { account: true, expiresAt: true, updatedAt: true },
    }),
    payload.find({ collection: 'wechat-api-errors', overrideAccess: true, depth: 0, limit: 100, pagination: false }),
    streetPushSettings(payload),
  ])
  return Promise.all(
    accounts.docs.map(async (account): Promise<AccountFacts> => {
      const id = String(account.id)
      const [followers, wechatFollowers, lastInbound, push] = await Promise.all([
        followersOnRecord(payload, id),
        latestWeChatFollowerCount(payload, id),
        payload.find({
          collection: 'wechat-inbound',
          overrideAccess: true,
          depth: 0,
          limit: 1,
          pagination: false,
          sort: '-receivedAt',
          select: { receivedAt: true },
          where: { account: { equals: id } },
        }),
        payload.find({
          collection: 'weekly-pushes',
          overrideAccess: true,
          depth: 0,
          limit: 1,
          pagination: false,
          where: { and: [{ account: { equals: id } }, { week: { equals: week } }] },
        }),
      ])
      const token = tokens.docs.find((row) => row.account === account.appId)
      const error = errors.docs.find((row) => idOf(row.account) === id)
      const current = push.docs[0]
      const mismatch = account.modeMismatch
      // The account's own rhythm, moved off holidays (or to the leader's pick) as the scheduler moves it.
      const placed = weekSlots(week, accountPushSettings(street, account), chinaDays, current?.sendDate)
      const pushFacts: PushFacts = {
        week,
        assembleAt: placed.assembleAt.toISOString(),
        sendAt: placed.sendAt.toISOString(),
        retryAt: placed.retryAt.toISOString(),
        current: current
          ? {
              status: String(current.status),
              statusReason: current.statusReason ?? null,
              signedOffAt: current.signedOffAt ?? null,
              sendingSince: current.wechat?.sendRequestedAt ?? current.updatedAt ?? null,
            }
          : null,
      }
      return {
        id,
        name: account.name,
        appId: account.appId,
        isDefault: account.isDefault === true,
        pushEnabled: account.pushEnabled !== false,
        secretsSet: String(account.secretsSet ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '' && name !== '—'),
        messageMode: account.messageMode === 'plain' || account.messageMode === 'compatible' ? account.messageMode : 'safe',
        token: token ? { expiresAt: token.expiresAt ?? null, updatedAt: token.updatedAt ?? null } : null,
        lastApiError: error
          ? {
              at: error.at,
              endpoint: error.endpoint ?? '',
              kind: error.kind ?? 'wechat',
              errcode: typeof error.errcode === 'number' ? error.errcode : null,
              meaning: error.meaning ?? '',
              lastSuccessAt: error.lastSuccessAt ?? null,
              lastSuccessEndpoint: error.lastSuccessEndpoint ?? null,
              endpointSuccessAt: error.endpointSuccessAt ?? null,
            }
          : null,
        modeMismatch:
          mismatch && mismatch.count
            ? {
                lastSeenAt: mismatch.lastSeenAt ?? null,
                modeSeen: mismatch.modeSeen ?? null,
                configuredMode: mismatch.configuredMode ?? null,
                count: mismatch.count,
                requests: Object.fromEntries(
                  (['plain', 'compatible', 'safe'] as const).flatMap((mode) => {
                    const count = mismatch[`${mode}Count`]
                    const lastSeenAt = mismatch[`${mode}LastSeenAt`]
                    return count && lastSeenAt ? [[mode, { count, lastSeenAt }]] : []
                  }),
                ),
              }
            : null,
        followers,
        wechatFollowers,
        lastInboundAt: lastInbound.docs[0]?.receivedAt ?? null,
        push: pushFacts,
      }
    }),
  )
}

async function inboundFacts(payload: Payload, now: number): Promise<Omit<InboundFacts, 'journalSegments' | 'oldestSegmentAt'>> {
  const waiting = { status: { in: ['pending', 'processing'] } }
  const [pending, oldest, failed, newest] = await Promise.all([
    payload.count({ collection: 'wechat-inbound', overrideAccess: true, where: waiting }),
    payload.find({
      collection: 'wechat-inbound',
      overrideAccess: true,
      depth: 0,
      limit: 1,
      pagination: false,
      sort: 'receivedAt',
      select: { receivedAt: true },
      where: waiting,
    }),
    payload.count({
      collection: 'wechat-inbound',
      overrideAccess: true,
      where: { and: [{ status: { equals: 'failed' } }, { updatedAt: { greater_than: new Date(now - 24 * 3600_000).toISOString() } }] },
    }),
    payload.find({
      collection: 'wechat-inbound',
      overrideAccess: true,
      depth: 0,
      limit: 1,
      pagination: false,
      sort: '-createdAt',
      select: { createdAt: true },
    }),
  ])
  return {
    pending: pending.totalDocs,
    oldestPendingAt: oldest.docs[0]?.receivedAt ?? null,
    failedLastDay: failed.totalDocs,
    lastImportAt: newest.docs[0]?.createdAt ?? null,
  }
}

/**
 * Journal segments not yet imported. A segment's name starts with the epoch ms of its first line
 * (journal.ts); an `active/` segment is closed 0.5 s after it, so one older than a minute is a
 * writer that died with it open (the importer adopts it after 30 s).
 */
async function journalFacts(directory: string, now: number): Promise<Pick<InboundFacts, 'journalSegments' | 'oldestSegmentAt'>> {
  const starts: number[] = []
  for (const folder of Object.values(JOURNAL_DIRS)) {
    let names: string[] = []
    try {
      names = await fs.promises.readdir(path.join(directory, folder))
    } catch {
      continue
    }
    for (const name of names) {
      const start = Number(/^(\d{13})-/.exec(name)?.[1])
      if (!Number.isFinite(start)) continue
      if (folder === JOURNAL_DIRS.active && now - start < 60_000) continue
      starts.push(start)
    }
  }
  return { journalSegments: starts.length, oldestSegmentAt: starts.length ? new Date(Math.min(...starts)).toISOString() : null }
}

/** The nearest folder that exists: statfs needs one, and a folder not made yet lives on its parent's disk. */
function existingAncestor(folder: string): string {
  let current = path.resolve(folder)
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current)
  return current
}

async function diskFacts(payload: Payload, env: NodeJS.ProcessEnv): Promise<DiskFacts[]> {
  const folders: Array<Omit<DiskFacts, 'freeBytes' | 'totalBytes'>> = []
  const uri = env.DATABASE_URI?.trim() ?? ''
  if (databaseKind(uri) === 'sqlite') {
    const file = path.resolve(uri.startsWith('file:') ? uri.slice('file:'.length) : path.join('data', 'cms.db'))
    folders.push({ key: 'database', label: '数据库文件所在目录', path: path.dirname(file) })
  }
  const staticDir = (slug: 'media' | 'resident-media') => {
    const upload = payload.collections[slug]?.config.upload
    return upload && typeof upload === 'object' && upload.staticDir ? path.resolve(upload.staticDir) : null
  }
  const media = staticDir('media')
  if (media) folders.push({ key: 'media', label: '上传图片（MEDIA_DIR）', path: media })
  const residentMedia = staticDir('resident-media')
  if (residentMedia) folders.push({ key: 'resident-media', label: '居民文件（RESIDENT_MEDIA_DIR）', path: residentMedia })
  return Promise.all(
    folders.map(async (folder): Promise<DiskFacts> => {
      try {
        const stats = await fs.promises.statfs(existingAncestor(folder.path))
        return { ...folder, freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize }
      } catch (error) {
        return { ...folder, freeBytes: null, totalBytes: null, error: error instanceof Error ? error.message : String(error) }
      }
    }),
  )
}

async function backupFacts(payload: Payload, env: NodeJS.ProcessEnv): Promise<BackupFacts> {
  const directory = backupDirectory(env)
  const applies = databaseKind(env.DATABASE_URI) !== 'mongodb'
  const installedAt = await payload
    .find({ collection: 'users', overrideAccess: true, depth: 0, limit: 1, sort: 'createdAt', select: { createdAt: true } })
    .then((found) => found.docs[0]?.createdAt ?? null)
    .catch(() => null)
  let newest: { name: string; at: number } | null = null
  try {
    for (const name of await fs.promises.readdir(directory)) {
      if (!ARCHIVE_PATTERN.test(name)) continue
      const stats = await fs.promises.stat(path.join(directory, name))
      if (stats.isFile() && (!newest || stats.mtimeMs > newest.at)) newest = { name, at: stats.mtimeMs }
    }
  } catch {
    // No folder yet: no backup.
  }
  return { directory, newestName: newest?.name ?? null, newestAt: newest ? new Date(newest.at).toISOString() : null, applies, installedAt }
}
