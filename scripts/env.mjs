// Shared by the npm scripts: environment loading and child processes with Payload's workarounds.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export function loadDotEnv() {
  const file = path.join(root, '.env')
  if (fs.existsSync(file)) process.loadEnvFile(file)
}

export const isMongo = () => /^mongodb(\+srv)?:\/\//.test(process.env.DATABASE_URI ?? '')

/**
 * A demo run on the embedded database gets a generated secret kept beside the database;
 * MongoDB is production, where a missing secret is an error.
 */
export function ensureSecret() {
  if ((process.env.PAYLOAD_SECRET ?? '').length >= 32) return
  if (isMongo()) {
    console.error('PAYLOAD_SECRET 未设置（至少 32 个字符）。生产环境请在 .env 中设置。')
    process.exit(1)
  }
  const dir = path.join(root, 'data')
  const file = path.join(dir, '.payload-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
    console.warn(`⚠ 未设置 PAYLOAD_SECRET：已为演示环境生成一个，保存在 data/.payload-secret。正式部署请在 .env 中设置。`)
  }
  process.env.PAYLOAD_SECRET = fs.readFileSync(file, 'utf8').trim()
}

/** Scripts run outside Next need the `production` export condition (a lexical top-level-await bug). */
export function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
    })
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`)),
    )
  })
}

export const bin = (name) => path.join(root, 'node_modules', '.bin', name)

export const payloadEnv = (extra = {}) => ({
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--conditions=production'].filter(Boolean).join(' '),
  ...extra,
})

function newestSource(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full))
    else newest = Math.max(newest, fs.statSync(full).mtimeMs)
  }
  return newest
}

/** A build is missing or older than the code it serves. */
export function needsBuild() {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!fs.existsSync(buildId)) return true
  const built = fs.statSync(buildId).mtimeMs
  const sources = ['src', 'collections', 'jobs'].map((dir) => newestSource(path.join(root, dir)))
  return Math.max(...sources, fs.statSync(path.join(root, 'package-lock.json')).mtimeMs) > built
}

/**
 * Starts long-running processes side by side; when one ends, the others are stopped and the
 * returned promise settles, so `npm start` never leaves half the system running.
 */
export function runTogether(services) {
  return new Promise((resolve, reject) => {
    const children = services.map(({ name, command, args, env = {} }) => {
      const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
      child.on('exit', (code, signal) => {
        for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM')
        const message = `${name} exited with ${signal ?? code}`
        console.log(`■ ${message}`)
        code === 0 || signal === 'SIGTERM' || signal === 'SIGINT' ? resolve(message) : reject(new Error(message))
      })
      return child
    })
    const stopAll = (signal) => children.forEach((child) => child.exitCode === null && child.kill(signal))
    process.once('SIGINT', () => stopAll('SIGINT'))
    process.once('SIGTERM', () => stopAll('SIGTERM'))
  })
}
