// `npm test`: builds the admin if the build is missing or stale (the HTTP and browser tests serve it),
// then runs every jest test and closes with one `N passed, M failed` line.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { bin, needsBuild, payloadEnv, run, runMain } from './env.mjs'

// The browser tests drive Debian's Chromium; a fresh machine gets it from apt when we may install.
// A failed install or build is one line (runMain), never a stack trace.
await runMain(async () => {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(chromium) && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log('▶ 安装 Chromium（浏览器测试需要）…')
    await run('apt-get', ['update', '-qq'])
    await run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' })
  }

  if (needsBuild()) {
    console.log('▶ next build（HTTP 与浏览器测试需要）…')
    await run(bin('next'), ['build'], { NODE_ENV: 'production', PAYLOAD_SECRET: randomBytes(32).toString('hex') })
  }
})

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jest-report-')), 'report.json')
const env = payloadEnv({
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--conditions=production'].filter(Boolean).join(' '),
  TZ: 'Asia/Shanghai',
})
let failed = false
try {
  await run(bin('jest'), ['--forceExit', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], env)
} catch {
  failed = true
}
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, 'utf8'))
  const brokenSuites = result.numRuntimeErrorTestSuites ?? 0
  console.log(`${result.numPassedTests} passed, ${result.numFailedTests + brokenSuites} failed`)
  if (result.numTotalTests === 0) failed = true
} else {
  console.log('0 passed, 1 failed')
}
process.exit(failed ? 1 : 0)
