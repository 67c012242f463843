/**
 * The demo WeChat account a seeded test database got: its secrets are generated per install
 * (src/dev/demo-account.ts) and written beside the database, where the emulator of
 * `npm start` reads them. Tests that sign callbacks or run an emulator for a seeded server use it
 * instead of constants.
 */
import path from 'node:path'
import { DEMO_APP_ID, DEMO_ORIGINAL_ID, generateAccountSecrets, readDemoAccountFile, type DemoAccountFile } from '../../src/dev/demo-account'
import { startEmulator, type EmulatorAccountConfig, type WeChatEmulator } from '../../src/dev/emulator'
import { startServer, type TestServer } from './server'

/** The demo account seeded into the database in `directory` (a TestServer's or a CLI world's). Throws when none was. */
export function demoAccountOf(directory: string): DemoAccountFile {
  const account = readDemoAccountFile(path.join(directory, '.wechat-demo-account'))
  if (!account) throw new Error(`no demo account was generated in ${directory}`)
  return account
}

/**
 * An emulator account shaped like the demo's, with fresh random secrets: start the emulator with it
 * before the server exists, then adoptDemoAccount once the server has seeded its own.
 */
export function emulatorDemoAccount(extra: Partial<EmulatorAccountConfig> = {}): EmulatorAccountConfig {
  return { appId: DEMO_APP_ID, originalId: DEMO_ORIGINAL_ID, type: 'service', messageMode: 'safe', followerCount: 100, ...generateAccountSecrets(), ...extra }
}

/**
 * Gives the emulator's demo account the secrets the server in `directory` generated, as the
 * emulator of `npm start` reads them from that file; `started` (the config the emulator was started
 * with) is updated too, so that emulator.reset() keeps them.
 */
export function adoptDemoAccount(emulator: WeChatEmulator, directory: string, started?: EmulatorAccountConfig): DemoAccountFile {
  const account = demoAccountOf(directory)
  const secrets = { appSecret: account.appSecret, token: account.token, encodingAESKey: account.encodingAESKey, originalId: account.originalId }
  Object.assign(emulator.account(account.appId).config, secrets)
  if (started) Object.assign(started, secrets)
  return account
}

/**
 * The system as `npm start` runs it with the WeChat emulator as its WeChat: an emulator with the demo
 * account (no faults), the server seeded against it (tests/helpers/server.ts), and the emulator given
 * the secrets that server generated. Stop both with `stop()`.
 */
export async function startDemoSystem(): Promise<{ emulator: WeChatEmulator; server: TestServer; stop: () => Promise<void> }> {
  const demo = emulatorDemoAccount()
  const emulator = await startEmulator({ faults: null, accounts: [demo] })
  const server = await startServer({ WECHAT_API_BASE: emulator.url })
  adoptDemoAccount(emulator, server.directory, demo)
  return {
    emulator,
    server,
    stop: async () => {
      await server.stop()
      await emulator.close()
    },
  }
}
