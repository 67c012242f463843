/**
 * A WeChat API emulator on a real HTTP server, for tests and local runs of the CMS.
 * Point the WeChat client's base URL at `url` instead of https://api.weixin.qq.com.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleAdmin } from './admin'
import { CallbackSender, type CallbackDelivery } from './callback'
import type { EmulatorContext, EmulatorSettings } from './context'
import { dispatch } from './dispatch'
import { FaultController, faultsFromEnv, type FaultCommand } from './faults'
import type { RequestLogEntry } from './log'
import { finishJob } from './mass'
import { storeTemporaryMedia } from './media'
import { simulateUserMessage, type SimulatedUserMessage, type SimulatedUserMessageResult } from './message'
import { issueOAuthCode } from './oauth'
import {
  createAccountState,
  createEmulatorState,
  DEMO_ACCOUNT,
  type AccountState,
  type EmulatorAccountConfig,
  type EmulatorState,
  type TemporaryMediaInput,
} from './state'
import { revokeAllTokens } from './token'
import { seedHistory, type EmulatorHistory } from './history'

/** Uploads go up to 10 MB (image material); anything larger is refused before parsing. */
const MAX_BODY_BYTES = 12 * 1024 * 1024

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  accounts?: EmulatorAccountConfig[]
  /** Epoch ms; defaults to Date.now. Quotas, token expiry and datacube dates follow it. */
  clock?: () => number
  /** Source of randomness for fault shares; defaults to Math.random. */
  random?: () => number
  settings?: Partial<EmulatorSettings>
  /** Faults at start; defaults to the `WECHAT_EMULATOR_FAULTS` environment variable. */
  faults?: FaultCommand | null
  /** A past of follower growth and weekly sends for every account (the demo's statistics; history.ts). */
  history?: EmulatorHistory
}

export interface WeChatEmulator {
  url: string
  port: number
  readonly state: EmulatorState
  readonly requestLog: RequestLogEntry[]
  readonly callbackLog: CallbackDelivery[]
  /** Handler exceptions (emulator bugs); tests can assert it stays empty. */
  readonly errors: Error[]
  faults: FaultController
  settings: EmulatorSettings
  now(): number
  /** Moves the emulator clock forward (on top of the `clock` option). */
  advanceClock(ms: number): void
  /** The account by appid, or the first one. */
  account(appId?: string): AccountState
  /**
   * Registers an account while running (what 微信公众平台 does when a new account is set up), or
   * updates the secrets and callback of one it knows, keeping its followers, tokens and sends. A new
   * account gets followers (`followerCount`, 100 by default) and, when the emulator was started with
   * a `history`, the same kind of past. It stays through `reset()`. Answers 'added', 'updated' or
   * 'unchanged'.
   */
  addAccount(config: EmulatorAccountConfig): 'added' | 'updated' | 'unchanged'
  simulateUserMessage(openid: string, message?: SimulatedUserMessage, appId?: string): Promise<SimulatedUserMessageResult>
  issueOAuthCode(openid: string, scope?: 'snsapi_base' | 'snsapi_userinfo', appId?: string): string
  /**
   * Puts a temporary media file (临时素材) into the account, as a resident's image or voice message
   * leaves it on WeChat's side; answers the MediaId to put in the simulated message. media/get
   * serves it for 3 days of the emulator clock.
   */
  addTemporaryMedia(input: TemporaryMediaInput, appId?: string): string
  /** The next mass send(s) of the account finish with this status, e.g. "err(20013)" or "send fail". */
  forceNextMassOutcome(status: string, appId?: string): void
  /** Finishes every pending mass send now (posting their MASSSENDJOBFINISH events). */
  completeMassJobs(): void
  /** Resolves when no callback delivery is under way. */
  waitForCallbacks(): Promise<void>
  reset(): void
  close(): Promise<void>
}

const DEFAULT_SETTINGS: EmulatorSettings = {
  massJobDelayMs: 2000,
  templateJobDelayMs: 500,
  callbackTimeoutMs: 5000,
  callbackAttempts: 3,
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<WeChatEmulator> {
  // Mutable: accounts registered while running (addAccount) come back after a reset.
  const accounts = [...(options.accounts?.length ? options.accounts : [DEMO_ACCOUNT])]
  const baseClock = options.clock ?? Date.now
  let clockOffset = 0
  const now = () => baseClock() + clockOffset
  const settings: EmulatorSettings = { ...DEFAULT_SETTINGS, ...options.settings }
  const timers = new Set<NodeJS.Timeout>()
  const callbacks = new CallbackSender(settings, now)
  const requestLog: RequestLogEntry[] = []
  const errors: Error[] = []

  const freshState = (): EmulatorState => {
    const state = createEmulatorState(accounts, now())
    if (options.history) for (const account of state.accounts.values()) seedHistory(account, now(), options.history)
    return state
  }
  const context: EmulatorContext = {
    state: freshState(),
    settings,
    now,
    random: options.random ?? Math.random,
    schedule(delayMs, task) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        task()
      }, delayMs)
      timers.add(timer)
    },
    callbacks,
  }
  const faults = new FaultController(context.random, () => revokeAllTokens(context))
  const initialFaults = options.faults === undefined ? faultsFromEnv(process.env.WECHAT_EMULATOR_FAULTS) : options.faults
  if (initialFaults) faults.apply(initialFaults)

  const findAccount = (appId?: string): AccountState => {
    const account = appId ? context.state.accounts.get(appId) : context.state.accounts.values().next().value
    if (!account) throw new Error(`emulator has no account ${appId ?? ''}`)
    return account
  }

  const emulator: WeChatEmulator = {
    url: '',
    port: 0,
    get state() {
      return context.state
    },
    requestLog,
    callbackLog: callbacks.deliveries,
    errors,
    faults,
    settings,
    now,
    advanceClock(ms) {
      clockOffset += ms
    },
    account: findAccount,
    addAccount(config) {
      const known = context.state.accounts.get(config.appId)
      const index = accounts.findIndex((entry) => entry.appId === config.appId)
      if (index >= 0) accounts[index] = { ...accounts[index]!, ...config }
      else accounts.push(config)
      if (!known) {
        const created = createAccountState(config, now())
        if (options.history) seedHistory(created, now(), options.history)
        context.state.accounts.set(config.appId, created)
        return 'added'
      }
      const { config: current } = known
      const next = {
        appSecret: config.appSecret,
        token: config.token,
        encodingAESKey: config.encodingAESKey,
        callbackUrl: config.callbackUrl ?? current.callbackUrl,
        messageMode: config.messageMode ?? current.messageMode,
      }
      if (Object.entries(next).every(([key, value]) => current[key as keyof typeof next] === value)) return 'unchanged'
      Object.assign(current, next)
      return 'updated'
    },
    simulateUserMessage: (openid, message, appId) => simulateUserMessage(context, findAccount(appId), openid, message),
    issueOAuthCode: (openid, scope, appId) => issueOAuthCode(context, findAccount(appId).config.appId, openid, scope),
    addTemporaryMedia: (input, appId) => storeTemporaryMedia(findAccount(appId), input, now()).mediaId,
    forceNextMassOutcome(status, appId) {
      findAccount(appId).forcedMassOutcomes.push(status)
    },
    completeMassJobs() {
      for (const account of context.state.accounts.values()) {
        for (const job of account.massJobs.values()) if (!job.preview) finishJob(context, account, job)
      }
    },
    waitForCallbacks: () => callbacks.idle(),
    reset() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      context.state = freshState()
      requestLog.length = 0
      callbacks.deliveries.length = 0
      errors.length = 0
      faults.clear()
    },
    async close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      callbacks.abortAll()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }

  let sequence = 0
  const server: Server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      errors.push(error instanceof Error ? error : new Error(String(error)))
      if (!response.headersSent) sendJson(response, 500, { errcode: -1, errmsg: 'system error' })
    })
  })

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now()
    const url = new URL(request.url ?? '/', 'http://emulator.local')
    const body = await readBody(request)
    if (body === null) {
      sendJson(response, 413, { errcode: 40006, errmsg: 'invalid meida size' })
      return
    }
    if (url.pathname.startsWith('/__emulator/')) {
      const answer = await handleAdmin(url, request.method ?? 'GET', body, emulator)
      sendJson(response, answer.status, answer.body)
      return
    }
    const result = await dispatch(request, url, body, context, faults)
    requestLog.push({ seq: ++sequence, ...result.log, durationMs: Date.now() - started })
    if (result.drop) {
      // The state change has happened; the client never learns the answer.
      request.socket.destroy()
      return
    }
    const { status = 200, body: payload, headers = {} } = result.response
    if (Buffer.isBuffer(payload)) {
      response.writeHead(status, { 'content-length': String(payload.length), ...headers }).end(payload)
    } else if (typeof payload === 'string') {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(payload)
    } else {
      sendJson(response, status, payload, headers)
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  emulator.port = address.port
  emulator.url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  return emulator
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // WeChat answers JSON with this content type.
  response.writeHead(status, { 'content-type': 'application/json; encoding=utf-8', ...headers }).end(JSON.stringify(body))
}

/** Reads the body; null when it exceeds MAX_BODY_BYTES. */
function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)))
    request.on('error', reject)
  })
}
