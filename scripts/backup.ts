import path from 'node:path'
import { exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { journalDirectory } from '../src/config/inbound-journal'
import { createBackup, pruneBackups } from '../src/services/backup/create'
import { appInfo, backupDirectory, secretFiles } from '../src/services/backup/settings'
import { formatShanghai } from '../src/shared/time'

// `npm run backup [-- --no-prune]`: one archive of the running system in BACKUP_DIR (default
// data/backups), then the retention (7 daily, 4 weekly). Safe beside `npm start`: the database is
// copied with VACUUM INTO (src/services/backup/create.ts). Run through scripts/run.mjs.
const USAGE = `用法：npm run backup [-- --no-prune]
  备份内置数据库（运行中也可，一致的快照）、上传的文件、尚未导入的微信回调消息（回调日志）和演示密钥，写成 BACKUP_DIR（默认 data/backups）中的 cms-年月日-时分秒.tar.gz。
  之后按保留规则（最近 7 天每天一份、最近 4 周每周一份）删除旧备份；--no-prune 不删除。
  MongoDB 请用 mongodump（见 docs/运维手册.md「备份与恢复」）。`

/** A path as the operator reads it: relative inside the project, else absolute. */
const shown = (file: string) => (path.resolve(file).startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : path.resolve(file))

// `payload run` passes the separator on.
const args = process.argv.slice(2).filter((arg) => arg !== '--')
if (args.some((arg) => arg === '--help' || arg === '-h')) {
  console.log(USAGE)
  process.exit(0)
}
const unknown = args.find((arg) => arg !== '--no-prune')
if (unknown) {
  console.error(`✗ 未知参数：${unknown}\n\n${USAGE}`)
  process.exit(2)
}
if (/^mongodb(\+srv)?:\/\//.test(process.env.DATABASE_URI ?? '')) {
  console.error(
    '✗ 数据库是 MongoDB：npm run backup 只备份内置数据库。请用 mongodump 备份数据库，并另行备份上传文件目录（MEDIA_DIR 等），步骤见 docs/运维手册.md「备份与恢复」',
  )
  process.exit(1)
}

const payload = await startPayloadOrExit()
try {
  const backupDir = backupDirectory()
  console.log(`▶ 正在备份到 ${shown(backupDir) || backupDir} …`)
  const { file, bytes, manifest } = await createBackup(payload, {
    backupDir,
    projectRoot: process.cwd(),
    secrets: secretFiles(),
    journalDir: journalDirectory(),
    app: appInfo(),
  })
  const rows = manifest.database.collections.reduce((sum, c) => sum + c.count, 0)
  const uploads = manifest.directories.map((d) => `${d.slug} ${d.files}`).join('，')
  console.log(`✓ 备份完成：${shown(file)}（${(bytes / 1048576).toFixed(1)} MB，${formatShanghai(manifest.createdAt)}）`)
  console.log(
    `  数据库：${manifest.database.collections.length} 个集合共 ${rows} 条，迁移 ${manifest.database.migrations.length} 个；上传文件：${uploads || '无'}${manifest.journal ? `；尚未导入的回调消息：${manifest.journal.segments} 段` : ''}`,
  )
  if (manifest.secrets.length) console.log('  ⚠ 备份中含有演示环境生成的密钥（data/.payload-secret 等）：请像保管密码一样保管备份文件')
  if (!args.includes('--no-prune')) {
    const pruned = pruneBackups(backupDir)
    if (pruned.length) console.log(`  按保留规则（7 天 + 4 周）删除了 ${pruned.length} 份旧备份：${pruned.join('、')}`)
  }
} catch (error) {
  await payload.destroy().catch(() => undefined)
  exitWithError(error)
}
await payload.destroy()
process.exit(0)
