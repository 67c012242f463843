// `npm start`: build if needed, apply migrations, seed the demo on an empty embedded database, serve.
import fs from 'node:fs'
import path from 'node:path'
import { bin, ensureSecret, isMongo, loadDotEnv, needsBuild, payloadEnv, root, run, runTogether } from './env.mjs'

loadDotEnv()
process.env.NODE_ENV = 'production'
process.env.TZ ??= 'Asia/Shanghai'
ensureSecret()
if (!isMongo()) {
  process.env.DATABASE_URI ||= 'file:./data/cms.db'
  fs.mkdirSync(path.join(root, 'data'), { recursive: true })
}

if (needsBuild()) {
  console.log('▶ 构建管理后台（首次约需 1–2 分钟）…')
  await run(bin('next'), ['build'])
}

console.log('▶ 应用数据库迁移…')
await run(bin('payload'), ['migrate'], payloadEnv())

process.env.SEED_DEMO ??= isMongo() ? 'false' : 'true'
await run(bin('payload'), ['run', 'scripts/seed.ts'], payloadEnv())

const port = process.env.PORT ?? '3000'
const callbackPort = process.env.WECHAT_CALLBACK_PORT ?? '3001'
const services = []
// Without real credentials the demo account talks to the WeChat emulator on this machine.
if (!process.env.WECHAT_APP_ID && !process.env.WECHAT_API_BASE) {
  const emulatorPort = process.env.WECHAT_EMULATOR_PORT ?? '3100'
  process.env.WECHAT_API_BASE = `http://127.0.0.1:${emulatorPort}`
  // The demo account's app id names it in the callback URL, so the emulator can post events before the account's id is known.
  const callbackUrl = `http://127.0.0.1:${callbackPort}/api/wechat/callback/wx0000000000demo01`
  services.push({
    name: 'WeChat emulator',
    command: process.execPath,
    args: ['--import', 'tsx', 'src/wechat/emulator/cli.ts'],
    env: { WECHAT_EMULATOR_PORT: emulatorPort, WECHAT_EMULATOR_CALLBACK_URL: callbackUrl },
  })
  console.log(`▶ 未配置公众号：微信接口指向本机模拟器 ${process.env.WECHAT_API_BASE}`)
}
services.push({ name: 'scheduler', command: bin('payload'), args: ['run', 'scripts/worker.ts'], env: payloadEnv() })
services.push({ name: 'callback', command: bin('payload'), args: ['run', 'scripts/callback-server.ts'], env: { ...payloadEnv(), WECHAT_CALLBACK_PORT: callbackPort } })
services.push({ name: 'admin', command: bin('next'), args: ['start', '-p', port] })
console.log(`▶ 管理后台：http://localhost:${port}/admin`)
console.log(`▶ 微信回调：http://localhost:${callbackPort}/api/wechat/callback/<公众号 ID>（后台端口上的同一路径也可用）`)
await runTogether(services)
