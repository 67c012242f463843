import { randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { exitWithError, startPayloadOrExit } from '../src/cli/errors'
import { sqliteDatabaseFile } from '../src/services/backup/settings'

// `npm run admin:create -- <邮箱> [姓名]`: a new admin account with a generated password, shown
// once — on a terminal only: when stdout is a pipe or a file (a unit, a script, `| tee`) it would land
// in a log, so it goes to a file only its owner reads (0600) beside the database instead. The way to the first account of a production install (SEED_DEMO=false): the admin's own
// sign-up cannot make one, since only an admin may give the admin role. Run through scripts/run.mjs.
const USAGE = `用法：npm run admin:create -- <邮箱> [姓名]
  新建一个管理员账号，生成初始密码并显示一次；请本人登录后立即在个人资料中修改密码。`

const args = process.argv.slice(2).filter((arg) => arg !== '--')
if (args.some((arg) => arg === '--help' || arg === '-h')) {
  console.log(USAGE)
  process.exit(0)
}
const [email, ...nameParts] = args
if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) {
  console.error(`✗ 请给出管理员的邮箱\n\n${USAGE}`)
  process.exit(2)
}
const name = nameParts.join(' ').trim() || '管理员'

const payload = await startPayloadOrExit()
try {
  const existing = await payload.count({ collection: 'users', where: { email: { equals: email.toLowerCase() } }, overrideAccess: true })
  if (existing.totalDocs > 0) {
    console.error(`✗ 已有账号使用 ${email}：请在后台 系统 → 用户 中修改它的角色，或换一个邮箱`)
    await payload.destroy()
    process.exit(1)
  }
  // 16 characters from an alphabet without look-alikes (0/O, 1/l/I): read aloud or typed from paper.
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const password = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('')
  await payload.create({ collection: 'users', data: { email, name, role: 'admin', password } as never, overrideAccess: true })
  console.log(`✓ 已建立管理员 ${email}（${name}）`)
  if (process.stdout.isTTY) {
    console.log(`  初始密码：${password}`)
    console.log('  只显示这一次。请本人登录后台后立即在个人资料中修改密码。')
  } else {
    // Beside the embedded database (data/ by default), where the install's other secrets live.
    const folder = path.dirname(sqliteDatabaseFile() ?? path.resolve('data', 'cms.db'))
    const file = path.join(folder, `admin-password-${Date.now()}.txt`)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, `${email}\n${password}\n`, { mode: 0o600, flag: 'wx' })
    console.log(`  输出不是终端（可能被记录到日志），初始密码没有显示，已写入只有本账户能读的文件：${file}`)
    console.log('  请本人读取后删除该文件，登录后台后立即在个人资料中修改密码。')
  }
} catch (error) {
  await payload.destroy().catch(() => undefined)
  exitWithError(error)
}
await payload.destroy()
process.exit(0)
