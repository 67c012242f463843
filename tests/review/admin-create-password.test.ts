/**
 * Review (security): `npm run admin:create` prints the generated password on stdout whatever stdout
 * is. Run by a unit, a deploy script, `| tee` or over a logged session, stdout is a file or a pipe
 * and the admin's initial password lands in a log others can read. The password should be shown
 * only on a terminal (process.stdout.isTTY) and otherwise be refused or handed over another way.
 *
 * The real command in another process (as restore-drill runs npm run backup), stdout a pipe.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { freePort } from '../helpers/server'

const SLOW = 240_000
let tp: TestPayload
let env: NodeJS.ProcessEnv

function npmRun(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/run.mjs', ...args], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

beforeAll(async () => {
  tp = await startTestPayload()
  env = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '',
    DATABASE_URI: `file:${path.join(tp.directory, 'test.db')}`,
    MEDIA_DIR: path.join(tp.directory, 'media'),
    PORT: String(await freePort()),
    WECHAT_CALLBACK_PORT: String(await freePort()),
  }
}, SLOW)

afterAll(async () => {
  await tp?.close().catch(() => undefined)
})

test(
  'the generated password is not written to a stdout that is no terminal',
  async () => {
    const run = await npmRun(['admin:create', '--', 'review-admin@example.gov.cn', '审查'])
    const created = await tp.payload.find({ collection: 'users', where: { email: { equals: 'review-admin@example.gov.cn' } }, overrideAccess: true })
    // The command did its work (an admin exists) …
    expect(created.docs).toHaveLength(1)
    expect(created.docs[0]?.role).toBe('admin')
    // … but no 16-character password of its alphabet was printed into the pipe.
    const printed = `${run.stdout}\n${run.stderr}`
    expect(printed).not.toMatch(/初始密码：\s*[a-km-zA-HJ-NP-Z2-9]{16}/)
    // It went to a file only its owner reads, beside the database, and it is the account's password.
    const file = fs.readdirSync(tp.directory).find((name) => /^admin-password-\d+\.txt$/.test(name))
    expect(file).toBeDefined()
    expect(printed).toContain(file!)
    expect(fs.statSync(path.join(tp.directory, file!)).mode & 0o777).toBe(0o600)
    const [, password] = fs.readFileSync(path.join(tp.directory, file!), 'utf8').split('\n')
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/)
    const session = await tp.payload.login({ collection: 'users', data: { email: 'review-admin@example.gov.cn', password: password! } })
    expect(session.token).toBeTruthy()
  },
  SLOW,
)
