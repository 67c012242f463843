// The npm scripts other than start/test: `node scripts/run.mjs <command> [args…]`. Each derives
// the environment exactly as `npm start` does (scripts/env.mjs: .env, the demo's secret, database
// and WeChat emulator), so in a second terminal beside `npm start` it needs no extra variable and
// talks to the same database and the same WeChat as the server.
import { spawn } from 'node:child_process'
import path from 'node:path'
import {
  adminHost,
  bin,
  callbackHost,
  callbackPort,
  CliError,
  DEMO_APP_ID,
  deriveEnv,
  emulatorEnv,
  emulatorPort,
  payloadEnv,
  publicUrlPortWarning,
  requireFreePort,
  root,
  runMain,
} from './env.mjs'

const COMMANDS = {
  /** `npm run push -- status|plan|preview|send …`: the weekly push from the command line. */
  push: { needsDatabase: true, command: () => [bin('payload'), ['run', 'scripts/push.ts', '--']] },
  /** `npm run analytics:backfill -- --from … --to … [--account …]`: WeChat's statistics for past days. */
  'analytics:backfill': { needsDatabase: true, command: () => [bin('payload'), ['run', 'scripts/analytics-backfill.ts', '--']] },
  /**
   * `npm run serve`: the admin and API alone — what npm start runs as its admin (Next's build behind
   * scripts/admin-server.mjs, PORT default 3000, HOST default 127.0.0.1); for one systemd unit per process
   * (deploy/). Needs the build (`npm run build`) and the migrations (`npm run setup`).
   */
  serve: {
    needsDatabase: true,
    port: () => [process.env.PORT || '3000', adminHost(), 'npm start 或另一个 npm run serve 已在使用这个端口；要再开一个，请设置 PORT'],
    command: () => [process.execPath, [path.join('scripts', 'admin-server.mjs'), '-p', process.env.PORT || '3000', '-H', adminHost()]],
  },
  /** `npm run admin:create -- <email> [name]`: an admin account with a generated password (the first one of a production install). */
  'admin:create': { needsDatabase: true, command: () => [bin('payload'), ['run', 'scripts/create-admin.ts', '--']] },
  /** `npm run backup`: an archive of the embedded database (online, VACUUM INTO) and the uploaded files in BACKUP_DIR. */
  backup: { needsDatabase: true, command: () => [bin('payload'), ['run', 'scripts/backup.ts', '--']] },
  /** `npm run restore -- <file>`: verifies an archive, then puts it back with the system stopped (no database needed: a new server). */
  restore: { needsDatabase: false, command: () => [bin('payload'), ['run', 'scripts/restore.ts', '--']] },
  /** `npm run worker`: another scheduler (any number may run beside npm start's). */
  worker: { needsDatabase: true, command: () => [bin('payload'), ['run', 'scripts/worker.ts']] },
  /** `npm run callback`: the WeChat callback server alone. */
  callback: {
    needsDatabase: true,
    port: () => [
      callbackPort(),
      callbackHost(),
      'npm start 已经运行了回调服务；要再开一个，请设置 WECHAT_CALLBACK_PORT（例如 WECHAT_CALLBACK_PORT=3002 npm run callback）',
    ],
    command: () => [bin('payload'), ['run', 'scripts/callback-server.ts']],
  },
  /**
   * `npm run types:generate`: rewrites src/payload-types.ts (committed) from the collection configs;
   * run it after changing a collection, beside `npm run migrate:create` (tests/database.test.ts checks both).
   */
  'types:generate': { needsDatabase: false, command: () => [bin('payload'), ['generate:types']] },
  /** `npm run payload -- <payload command>`, e.g. migrate:status. */
  payload: { needsDatabase: false, command: () => [bin('payload'), []] },
  /**
   * `npm run wechat:emulator:account -- <appid|id>`: on the demo, the emulator plays 微信公众平台 for an
   * account added in the admin (keys generated and stored, the account registered with the running
   * emulator; src/dev/emulator-accounts.ts). Refused without the demo's emulator.
   */
  'wechat:emulator:account': { needsDatabase: true, command: () => [bin('payload'), ['run', 'scripts/emulator-account.ts', '--']] },
  /** `npm run wechat:emulator`: the emulator alone (npm start runs one already without real credentials). */
  emulator: {
    needsDatabase: false,
    port: () => [
      emulatorPort(),
      process.env.WECHAT_EMULATOR_HOST || '127.0.0.1',
      `npm start 已经运行了模拟器（http://127.0.0.1:${emulatorPort()}）；要再开一个，请设置 WECHAT_EMULATOR_PORT`,
    ],
    command: () => [process.execPath, ['--import', 'tsx', 'src/dev/emulator/cli.ts']],
    env: () => ({
      ...emulatorEnv(),
      WECHAT_EMULATOR_CALLBACK_URL: process.env.WECHAT_EMULATOR_CALLBACK_URL || `http://127.0.0.1:${callbackPort()}/api/wechat/callback/${DEMO_APP_ID}`,
    }),
  },
}

await runMain(async () => {
  const [name, ...args] = process.argv.slice(2)
  const entry = Object.hasOwn(COMMANDS, name ?? '') ? COMMANDS[name] : null
  if (!entry) throw new CliError(`未知命令：${name ?? '（空）'}。可用：${Object.keys(COMMANDS).join('、')}`, 2)
  // The usage text needs no database.
  const wantsHelp = args.some((arg) => arg === '--help' || arg === '-h' || arg === 'help')
  deriveEnv({ needsDatabase: entry.needsDatabase && !wantsHelp })
  if (entry.port) await requireFreePort(...entry.port())
  // The admin alone (systemd's street-cms-admin.service too): the same warning as npm start's.
  const portWarning = name === 'serve' ? publicUrlPortWarning() : null
  if (portWarning) console.warn(portWarning)
  const [command, fixedArgs] = entry.command()
  const code = await new Promise((resolve, reject) => {
    const child = spawn(command, [...fixedArgs, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, ...payloadEnv(), ...(entry.env?.() ?? {}) } })
    // Ctrl-C reaches the child from the terminal (same process group); a signal sent to this process
    // alone is passed on as SIGTERM, since a second SIGINT would cut the child's orderly stop short.
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill('SIGTERM'))
    child.on('error', (error) => reject(new CliError(`无法启动 ${path.basename(command)}：${error.message}`)))
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)))
  })
  process.exit(code)
})
