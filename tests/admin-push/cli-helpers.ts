import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')
const payloadBin = path.join(root, 'node_modules', '.bin', 'payload')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliWorld {
  directory: string
  env: NodeJS.ProcessEnv
  /** `payload run <script> -- ...args` with this world's database; stdin is not a terminal. */
  run: (script: string, args?: string[]) => Promise<CliRun>
  /** `run` with some variables changed for this run only. */
  runWith: (extra: Record<string, string | undefined>, script: string, args?: string[]) => Promise<CliRun>
  push: (...args: string[]) => Promise<CliRun>
  remove: () => void
}

function spawnToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(payloadBin, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.end()
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A migrated, seeded SQLite file as `npm start` makes it, and the CLI pointed at `wechatApiBase`. */
export async function createCliWorld(wechatApiBase: string): Promise<CliWorld> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'push-cli-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--conditions=production',
    // Output must be in Beijing time whatever the machine's zone.
    TZ: 'UTC',
    DATABASE_URI: `file:${path.join(directory, 'cms.db')}`,
    MEDIA_DIR: path.join(directory, 'media'),
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    WECHAT_API_BASE: wechatApiBase,
    SEED_DEMO: 'true',
  }
  delete env.WECHAT_APP_ID
  delete env.WECHAT_APP_SECRET
  const run = (script: string, args: string[] = []) => spawnToEnd(['run', script, '--', ...args], env)
  for (const step of [['migrate'], ['run', 'scripts/seed.ts']]) {
    const result = await spawnToEnd(step, env)
    if (result.code !== 0) throw new Error(`${step.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`)
  }
  return {
    directory,
    env,
    run,
    runWith: (extra, script, args = []) => spawnToEnd(['run', script, '--', ...args], { ...env, ...extra }),
    push: (...args) => run('scripts/push.ts', args),
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  }
}
