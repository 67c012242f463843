/**
 * The nightly backup (jobs/backup.ts): claimed once per Beijing day in the database (claim.ts), so
 * of several schedulers one backs up; then the archive (create.ts) and the retention (7 daily, 4
 * weekly). A failure is recorded on the `scheduled-runs` row, gives the day back for the retry tick,
 * and is told to the admins (通知记录 and email).
 */
import { hostname } from 'node:os'
import type { Payload } from 'payload'
import { journalDirectory } from '../../config/inbound-journal'
import { addDays, shanghaiDate, shanghaiHour } from '../../shared/time'
import { activeUsersWithRole, notify } from '../notifications/notify'
import { claimDailyRun, finishDailyRun } from './claim'
import { createBackup, pruneBackups } from './create'
import { appInfo, backupDirectory, secretFiles } from './settings'

export const BACKUP_JOB = 'backup'

export type NightlyBackupReport =
  { kind: 'skipped'; reason: string } | { kind: 'done'; file: string; bytes: number; pruned: string[] } | { kind: 'failed'; message: string }

/**
 * Runs today's backup unless another scheduler claimed it (or the database is MongoDB, which this
 * job does not back up: mongodump, docs/运维手册.md). `owner` names the claiming process.
 */
export async function runNightlyBackup(payload: Payload, options: { owner?: string; now?: Date } = {}): Promise<NightlyBackupReport> {
  if (payload.db.name !== 'sqlite') return { kind: 'skipped', reason: 'MongoDB：请用 mongodump 备份' }
  const now = options.now ?? new Date()
  const owner = options.owner ?? `${hostname()}-${process.pid}`
  const day = shanghaiDate(now)
  if (!(await claimDailyRun(payload, BACKUP_JOB, day, owner))) return { kind: 'skipped', reason: '今天已由其他调度进程备份' }
  try {
    const backupDir = backupDirectory()
    const created = await createBackup(payload, {
      backupDir,
      projectRoot: process.cwd(),
      secrets: secretFiles(),
      journalDir: journalDirectory(),
      app: appInfo(),
      now,
    })
    const pruned = pruneBackups(backupDir, undefined, now)
    const name = created.file.split('/').pop() ?? created.file
    await finishDailyRun(payload, BACKUP_JOB, day, owner, { ok: true, message: `${name}（${(created.bytes / 1048576).toFixed(1)} MB）` })
    payload.logger.info(`每日备份完成：${created.file}${pruned.length ? `；按保留规则删除 ${pruned.join('、')}` : ''}`)
    return { kind: 'done', file: created.file, bytes: created.bytes, pruned }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    payload.logger.error(`每日备份失败：${message}`)
    await finishDailyRun(payload, BACKUP_JOB, day, owner, { ok: false, message, releaseTo: addDays(day, -1) }).catch(() => undefined)
    await notify(payload, {
      recipients: await activeUsersWithRole(payload, 'admin'),
      subject: `【备份失败】${day} 的每日备份没有完成`,
      body: `${day} 的自动备份没有完成：${message}\n${shanghaiHour(now.getTime()) < 4 ? '04:30 将自动重试一次' : '今天不再自动重试'}；也可在服务器上运行 npm run backup 手动备份（见运维手册「备份与恢复」）。`,
    }).catch(() => undefined)
    return { kind: 'failed', message }
  }
}
