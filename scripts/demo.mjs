// What `npm start` does, in two steps a test can run separately: prepare (environment, build,
// migrations, demo seed) and the long-running services.
import fs from 'node:fs'
import path from 'node:path'
import {
  adminHost,
  bin,
  callbackHost,
  callbackPort,
  demoAccountFilePath,
  deriveEnv,
  DEMO_APP_ID,
  emulatorEnv,
  emulatorPort,
  isMongo,
  needsBuild,
  payloadEnv,
  recordEmulatorAddress,
  root,
  run,
} from './env.mjs'

/**
 * Derives the environment (scripts/env.mjs, role 'start'), builds the admin when `build` and the
 * build is stale, applies the migrations and seeds the demo on an empty embedded database.
 * Throws CliError when a step fails; answers deriveEnv's `{ emulator }`.
 * @param {{ build?: boolean }} [options]
 */
export async function prepareDemo({ build = true } = {}) {
  const derived = deriveEnv({ role: 'start' })
  if (!isMongo()) fs.mkdirSync(path.join(root, 'data'), { recursive: true })
  if (build && needsBuild()) {
    console.log('▶ 构建管理后台（首次约需 1–2 分钟）…')
    await run(bin('next'), ['build'])
  }
  console.log('▶ 应用数据库迁移…')
  await run(bin('payload'), ['migrate'], payloadEnv())
  // The demo: its users, and the WeChat account with secrets generated for this install
  // (src/dev/demo-account.ts). Never on MongoDB unless asked, never in production.
  process.env.SEED_DEMO ??= isMongo() ? 'false' : 'true'
  await run(bin('payload'), ['run', 'scripts/seed.ts'], payloadEnv())
  return derived
}

/**
 * The processes `npm start` runs side by side, for runTogether: the WeChat emulator (only without
 * real credentials; its address is recorded for the commands of a second terminal), the
 * scheduler, the callback server and the admin.
 * @param {{ emulator: string | null }} prepared what prepareDemo answered
 */
export function demoServices(prepared) {
  const port = process.env.PORT || '3000'
  const services = []
  // No demo account (an office that removed it and added its own): no emulator to pretend to be it.
  if (prepared.emulator && !fs.existsSync(demoAccountFilePath())) {
    console.log(`▶ 没有演示公众号（${path.relative(root, demoAccountFilePath())} 不存在）：不启动微信模拟器。请在 .env 中配置真实公众号（WECHAT_APP_ID 等）。`)
  } else if (prepared.emulator) {
    // The demo account's app id names it in the callback URL, so the emulator can post events before the
    // account's id is known; its secrets the emulator reads from the file the seed wrote (demoAccountFile).
    const callbackUrl = `http://127.0.0.1:${callbackPort()}/api/wechat/callback/${DEMO_APP_ID}`
    services.push({
      name: 'WeChat emulator',
      command: process.execPath,
      args: ['--import', 'tsx', 'src/dev/emulator/cli.ts'],
      // Loopback only, whatever the shell says: the emulator has no authentication.
      env: { ...emulatorEnv(), WECHAT_EMULATOR_HOST: '127.0.0.1', WECHAT_EMULATOR_PORT: emulatorPort(), WECHAT_EMULATOR_CALLBACK_URL: callbackUrl },
    })
    recordEmulatorAddress(prepared.emulator)
    console.log(`▶ 未配置公众号：微信接口指向本机模拟器 ${prepared.emulator}`)
  }
  services.push({ name: 'scheduler', command: bin('payload'), args: ['run', 'scripts/worker.ts'], env: payloadEnv() })
  services.push({
    name: 'callback',
    command: bin('payload'),
    args: ['run', 'scripts/callback-server.ts'],
    env: { ...payloadEnv(), WECHAT_CALLBACK_PORT: callbackPort(), WECHAT_CALLBACK_HOST: callbackHost() },
  })
  // This machine only unless HOST opens it (see adminHost).
  // Next behind scripts/admin-server.mjs, which knows the client's address (the sign-in limit per address).
  services.push({ name: 'admin', command: process.execPath, args: [path.join('scripts', 'admin-server.mjs'), '-p', port, '-H', adminHost()] })
  return services
}
