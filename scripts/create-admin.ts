import { randomBytes } from 'node:crypto'
import { exitWithError, startPayloadOrExit } from '../src/cli/errors'

// `npm run admin:create -- <邮箱> [姓名]`: a new admin account with a generated password, printed
// once. The way to the first account of a production install (SEED_DEMO=false): the admin's own
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
  const password = Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('')
  await payload.create({ collection: 'users', data: { email, name, role: 'admin', password } as never, overrideAccess: true })
  console.log(`✓ 已建立管理员 ${email}（${name}）`)
  console.log(`  初始密码：${password}`)
  console.log('  只显示这一次。请本人登录后台后立即在个人资料中修改密码。')
} catch (error) {
  await payload.destroy().catch(() => undefined)
  exitWithError(error)
}
await payload.destroy()
process.exit(0)
