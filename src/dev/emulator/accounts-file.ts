/**
 * The emulator's further accounts, from the file `npm run wechat:emulator:account` writes
 * (src/dev/emulator-accounts.ts emulatorAccountsFile): read at start and again whenever the file
 * changes, so an account registered while the emulator runs is known within a second — as a new
 * account on 微信公众平台 is usable at once. An account removed from the file stays until the
 * emulator restarts (WeChat does not forget an account either).
 */
import fs from 'node:fs'
import { readEmulatorAccountsFile, type EmulatorAccountEntry } from '../emulator-accounts'
import type { WeChatEmulator } from './server'
import type { MessageMode } from './state'

/** How often the file's stat is polled: fs.watchFile survives the rename each write does (fs.watch on the file would not). */
const POLL_MS = 500

export interface AccountsFileOptions {
  /**
   * The demo account's callback URL (`…/api/wechat/callback/<demo appid>`): each account's callback
   * is the same path ending in its own document id. Without it the accounts get no callbacks.
   */
  demoCallbackUrl?: string
  /** For an entry that does not say (the account's own 消息加解密方式 comes first). */
  messageMode?: MessageMode
  /** Followers each new account gets (the demo account's 100 by default). */
  followerCount?: number
  /** Told of each account added or updated (the CLI prints it). */
  onChange?: (entry: EmulatorAccountEntry, outcome: 'added' | 'updated') => void
}

/** The callback URL of the account `accountId`: the demo's callback URL with its last segment replaced. */
export function callbackUrlFor(demoCallbackUrl: string, accountId: string): string {
  return new URL(encodeURIComponent(accountId), demoCallbackUrl).href
}

/**
 * Registers every account of `file` with `emulator` now and after each change of the file; answers
 * a function that stops watching.
 */
export function followAccountsFile(emulator: WeChatEmulator, file: string, options: AccountsFileOptions = {}): () => void {
  const load = () => {
    for (const entry of readEmulatorAccountsFile(file)) {
      const outcome = emulator.addAccount({
        appId: entry.appId,
        appSecret: entry.appSecret,
        token: entry.token,
        encodingAESKey: entry.encodingAESKey,
        ...(entry.originalId ? { originalId: entry.originalId } : {}),
        type: 'service',
        messageMode: entry.messageMode ?? options.messageMode ?? 'safe',
        followerCount: options.followerCount ?? 100,
        callbackUrl: options.demoCallbackUrl ? callbackUrlFor(options.demoCallbackUrl, entry.accountId) : undefined,
      })
      if (outcome !== 'unchanged') options.onChange?.(entry, outcome)
    }
  }
  load()
  const listener = (current: fs.Stats, previous: fs.Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino) load()
  }
  fs.watchFile(file, { interval: POLL_MS, persistent: false }, listener)
  return () => fs.unwatchFile(file, listener)
}
