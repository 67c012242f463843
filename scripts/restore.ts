import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline/promises'
import { explainError } from '../src/cli/errors'
import { journalDirectory } from '../src/config/inbound-journal'
import { BackupError } from '../src/services/backup/create'
import { compareMigrations, forgetBackedUpHeartbeats, putBack, verifyArchive } from '../src/services/backup/restore'
import { archiveName } from '../src/services/backup/retention'
import { isListening, processesUsing } from '../src/services/backup/running'
import { codeMigrations, secretFiles, sqliteDatabaseFile } from '../src/services/backup/settings'
import { formatShanghai } from '../src/shared/time'

// `npm run restore -- <备份文件> [--yes] [--force]`: checks the archive against its manifest before
// touching anything, refuses while the system runs, keeps the current database and files in
// data/before-restore-<time>/, puts the backup's back and applies the migrations the code has and
// the backup lacks. Run through scripts/run.mjs (the same environment as npm start).
const USAGE = `用法：npm run restore -- <备份文件.tar.gz> [--yes] [--force]
  先校验备份（清单、每个文件的 sha256、数据库完整性与条数），不合格则不做任何改动。
  恢复前请先停止系统（npm start 或 systemctl stop 'street-cms-*'）；当前的数据库、上传文件和回调日志移到 data/before-restore-<时间>/，可用来撤销。
  --yes    不再询问（没有终端时必须加）
  --force  系统仍在运行、或备份来自更新的版本时也恢复（不建议）`

/** A path as the operator reads it: relative inside the project, else absolute. */
const shown = (file: string) => (path.resolve(file).startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : path.resolve(file))

const EXIT = { done: 0, failed: 1, usage: 2, refused: 3 } as const

function fail(message: string, code: number = EXIT.failed): never {
  console.error(`✗ ${message}`)
  process.exit(code)
}

// `payload run` passes the separator on.
const args = process.argv.slice(2).filter((arg) => arg !== '--')
if (args.some((arg) => arg === '--help' || arg === '-h')) {
  console.log(USAGE)
  process.exit(EXIT.done)
}
const flags = new Set(args.filter((arg) => arg.startsWith('-')))
const files = args.filter((arg) => !arg.startsWith('-'))
const unknownFlag = [...flags].find((flag) => !['--yes', '-y', '--force'].includes(flag))
if (unknownFlag || files.length !== 1) fail(`${unknownFlag ? `未知参数：${unknownFlag}` : '请给出一个备份文件'}\n\n${USAGE}`, EXIT.usage)
const yes = flags.has('--yes') || flags.has('-y')
const force = flags.has('--force')
const archive = path.resolve(files[0])

const databaseFile = sqliteDatabaseFile()
if (!databaseFile) {
  fail('数据库是 MongoDB：npm run restore 只恢复内置数据库。请用 mongorestore 恢复数据库、再放回上传文件目录，步骤见 docs/运维手册.md「备份与恢复」')
}

try {
  console.log(`▶ 正在校验备份 ${shown(archive) || archive} …`)
  const verified = await verifyArchive(archive, path.dirname(databaseFile))
  const { manifest } = verified
  const rows = manifest.database.collections.reduce((sum, c) => sum + c.count, 0)
  const uploads = manifest.directories.reduce((sum, d) => sum + d.files, 0)
  console.log(
    `✓ 备份完好：${formatShanghai(manifest.createdAt)} 由 ${manifest.app.name} ${manifest.app.version} 生成；数据库 ${rows} 条，上传文件 ${uploads} 个，迁移 ${manifest.database.migrations.length} 个`,
  )

  const migrations = compareMigrations(manifest.database.migrations, codeMigrations())
  if (migrations.unknown.length && !manifest.database.pushed && !force) {
    verified.discard()
    fail(`备份来自更新的版本（有本程序没有的迁移：${migrations.unknown.join('、')}）：请先把代码升级到该版本再恢复；确需恢复请加 --force`, EXIT.refused)
  }

  // The admin, the callback server and the schedulers all hold the database file open.
  const holders = processesUsing(databaseFile)
  const ports = [Number(process.env.PORT || 3000), Number(process.env.WECHAT_CALLBACK_PORT || 3001)]
  const listening = []
  for (const port of ports) if (await isListening(port)) listening.push(port)
  if (holders.length || listening.length) {
    const what = [holders.length ? `进程 ${holders.join('、')} 正在使用数据库` : '', listening.length ? `端口 ${listening.join('、')} 有服务在监听` : '']
      .filter(Boolean)
      .join('，')
    if (!force) {
      verified.discard()
      fail(`系统似乎正在运行（${what}）：请先停止 npm start（或 sudo systemctl stop 'street-cms-*'），再运行恢复；确认无误可加 --force`, EXIT.refused)
    }
    console.warn(`⚠ ${what}；因 --force 继续恢复。恢复后请重启系统。`)
  }

  const stamp = archiveName(new Date()).slice('cms-'.length, -'.tar.gz'.length)
  const asideDir = path.join(path.dirname(databaseFile), `before-restore-${stamp}`)
  if (!yes) {
    if (!process.stdin.isTTY) {
      verified.discard()
      fail('没有终端无法确认：请加 --yes', EXIT.usage)
    }
    const terminal = createInterface({ input: process.stdin, output: process.stdout })
    const answer = await terminal.question(`将用这份备份替换当前的数据库和上传文件；当前的会移到 ${shown(asideDir)}/ 以便撤销。确认恢复？输入 yes 继续：`)
    terminal.close()
    if (answer.trim().toLowerCase() !== 'yes') {
      verified.discard()
      console.log('已取消，未做任何改动。')
      process.exit(EXIT.done)
    }
  }

  // The upload folders of this installation's configuration (MEDIA_DIR, RESIDENT_MEDIA_DIR, …).
  const { default: configPromise } = await import('../src/payload.config')
  const config = await configPromise
  const directories: Record<string, string> = {}
  for (const collection of config.collections) {
    const staticDir = collection.upload && typeof collection.upload === 'object' ? collection.upload.staticDir : undefined
    if (staticDir) directories[collection.slug] = path.resolve(staticDir)
  }
  const result = putBack(verified, {
    databaseFile,
    directories,
    secrets: secretFiles(process.env, { forRestore: true }),
    journalDir: journalDirectory(),
    asideDir,
  })
  console.log(`✓ 已恢复数据库和上传文件；原来的保存在 ${shown(result.asideDir)}/（${result.keptAside.join('、') || '无'}）`)
  if (result.journalSegments) console.log(`  尚未导入的微信回调消息 ${result.journalSegments} 段已放回回调日志，启动后由调度进程导入`)
  if (result.journalCurrent) {
    console.log(
      `  恢复前回调日志中尚未导入的消息 ${result.journalCurrent} 段（备份之后收到的）也已放回，启动后一并导入（重复的消息只导入一次）；原件留在 ${shown(path.join(result.asideDir, 'journal'))}/`,
    )
  }
  // The processes that ran when the backup was made are gone: their heartbeats would read as crashed.
  await forgetBackedUpHeartbeats(databaseFile)
  if (result.skipped.length) console.warn(`⚠ 本程序没有这些集合的上传目录，其文件未恢复：${result.skipped.join('、')}`)

  if (manifest.database.pushed) {
    console.log('▶ 这份备份的数据库由开发模式建立（schema push，没有迁移记录）：不运行迁移。')
  } else if (migrations.missing.length) {
    console.log(`▶ 备份早于当前代码：应用 ${migrations.missing.length} 个迁移（${migrations.missing.join('、')}）…`)
    const run = spawnSync(path.resolve('node_modules', '.bin', 'payload'), ['migrate'], { stdio: 'inherit', env: process.env })
    if (run.status !== 0) fail('迁移没有成功（原因见上面的输出）：请检查后运行 npm run payload -- migrate')
    console.log('✓ 迁移完成')
  }
  console.log('▶ 现在可以启动系统（npm start 或 sudo systemctl start street-cms.target）。')
  process.exit(EXIT.done)
} catch (error) {
  fail(error instanceof BackupError ? error.message : explainError(error))
}
