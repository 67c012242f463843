// `npm start`: build if needed, apply migrations, seed the demo on an empty embedded database, serve.
import fs from 'node:fs'
import path from 'node:path'
import { bin, ensureSecret, isMongo, loadDotEnv, needsBuild, payloadEnv, root, run } from './env.mjs'

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
console.log(`▶ 管理后台：http://localhost:${port}/admin`)
await run(bin('next'), ['start', '-p', port])
