/** Types shared by the route modules: what a handler receives and returns. */
import type { IncomingHttpHeaders } from 'node:http'
import type { CallbackSender } from './callback'
import type { MultipartPart } from './multipart'
import type { AccountState, EmulatorState } from './state'

export interface EmulatorSettings {
  /** How long a mass send stays SENDING before it finishes (ms of the emulator clock or real time, whichever first). */
  massJobDelayMs: number
  /** Delay before TEMPLATESENDJOBFINISH is posted. */
  templateJobDelayMs: number
  /** WeChat gives the callback 5 s before dropping the connection and retrying. */
  callbackTimeoutMs: number
  /** WeChat tries a callback 3 times in all. */
  callbackAttempts: number
}

export interface EmulatorContext {
  state: EmulatorState
  settings: EmulatorSettings
  now(): number
  random(): number
  /** Runs `task` after a real-time delay; cancelled when the emulator closes. */
  schedule(delayMs: number, task: () => void): void
  callbacks: CallbackSender
}

export interface ApiRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: Buffer
  /** Parsed JSON object body (routes with `body: 'json'`). */
  json: Record<string, unknown>
  /** Parsed multipart parts (routes with `body: 'multipart'`). */
  parts: MultipartPart[]
  /** The account the access_token belongs to (routes with `auth: 'access_token'`). */
  account: AccountState | null
}

export interface ApiResponse {
  status?: number
  /** JSON, a text page, or a file's bytes (media/get; give its content type in `headers`). */
  body: Record<string, unknown> | string | Buffer
  headers?: Record<string, string>
}

export interface Route {
  method: 'GET' | 'POST'
  path: string
  /** `access_token`: needs a valid cgi-bin token; `none`: token and OAuth endpoints, which check their own credentials. */
  auth: 'access_token' | 'none'
  body?: 'json' | 'multipart' | 'none'
  handle(request: ApiRequest, context: EmulatorContext): ApiResponse | Promise<ApiResponse>
}

/** Narrowing helpers for JSON bodies, which are untrusted. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

export function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value)
  return null
}

export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8')
}

/** Drops timestamps older than `windowMs` (in place) and returns how many remain. */
export function countRecent(times: number[], now: number, windowMs: number): number {
  while (times.length > 0 && times[0]! <= now - windowMs) times.shift()
  return times.length
}
