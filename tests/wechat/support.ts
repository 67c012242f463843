/** Helpers for talking to the emulator over real HTTP, as the CMS will. */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startEmulator, type StartEmulatorOptions, type WeChatEmulator } from '../../src/dev/emulator'
import type { EmulatorAccountConfig } from '../../src/dev/emulator'

export const ACCOUNT: EmulatorAccountConfig = {
  appId: 'wxtest00000000001',
  appSecret: 'test-secret-000000000000000000001',
  token: 'testtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_test00000001',
  type: 'service',
  messageMode: 'plain',
  followerCount: 10,
}

export type Json = Record<string, any>

export async function startTestEmulator(options: StartEmulatorOptions = {}): Promise<WeChatEmulator> {
  return startEmulator({ faults: null, accounts: [ACCOUNT], settings: { massJobDelayMs: 100, templateJobDelayMs: 20, callbackTimeoutMs: 2000 }, ...options })
}

export async function getJson(emulator: WeChatEmulator, path: string, query: Record<string, string> = {}): Promise<Json> {
  const url = new URL(path, emulator.url)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  const response = await fetch(url)
  return (await response.json()) as Json
}

export async function postJson(emulator: WeChatEmulator, path: string, body: unknown, query: Record<string, string> = {}): Promise<Json> {
  const url = new URL(path, emulator.url)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await response.json()) as Json
}

export async function fetchToken(emulator: WeChatEmulator, account: EmulatorAccountConfig = ACCOUNT): Promise<string> {
  const answer = await getJson(emulator, '/cgi-bin/token', { grant_type: 'client_credential', appid: account.appId, secret: account.appSecret })
  if (typeof answer.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(answer)}`)
  return answer.access_token
}

/** A client bound to one access_token. */
export function api(emulator: WeChatEmulator, token: string) {
  return {
    get: (path: string, query: Record<string, string> = {}) => getJson(emulator, path, { ...query, access_token: token }),
    post: (path: string, body: unknown, query: Record<string, string> = {}) => postJson(emulator, path, body, { ...query, access_token: token }),
    upload: async (path: string, bytes: Buffer, query: Record<string, string> = {}, filename = 'image.jpg'): Promise<Json> => {
      const url = new URL(path, emulator.url)
      for (const [key, value] of Object.entries({ ...query, access_token: token })) url.searchParams.set(key, value)
      const form = new FormData()
      form.append('media', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), filename)
      const response = await fetch(url, { method: 'POST', body: form })
      return (await response.json()) as Json
    },
  }
}
export type Api = ReturnType<typeof api>

/** Bytes that pass the magic-number check, padded to `size`. */
export function jpeg(size = 1024): Buffer {
  const bytes = Buffer.alloc(size, 0x11)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  return bytes
}

export function png(size = 1024): Buffer {
  const bytes = Buffer.alloc(size, 0x22)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0)
  return bytes
}

export function article(overrides: Json = {}): Json {
  return {
    title: '社区停水通知',
    author: '街道办',
    content: '<p>本周六上午八点至十二点停水。</p>',
    content_source_url: '',
    thumb_media_id: '',
    need_open_comment: 0,
    only_fans_can_comment: 0,
    ...overrides,
  }
}

/** Uploads a thumb and creates a draft of `count` articles; returns the draft media_id. */
export async function createDraft(client: Api, count = 1): Promise<string> {
  const thumb = await client.upload('/cgi-bin/material/add_material', jpeg(2048), { type: 'thumb' })
  const articles = Array.from({ length: count }, (_, i) => article({ title: `通知 ${i + 1}`, thumb_media_id: thumb.media_id }))
  const answer = await client.post('/cgi-bin/draft/add', { articles })
  if (typeof answer.media_id !== 'string') throw new Error(`draft/add failed: ${JSON.stringify(answer)}`)
  return answer.media_id
}

export interface ReceivedCallback {
  method: string
  query: URLSearchParams
  body: string
}

/** A local HTTP server standing in for the CMS's callback endpoint. */
export async function startCallbackReceiver(reply: (request: ReceivedCallback) => { status?: number; body?: string; delayMs?: number } = () => ({})) {
  const received: ReceivedCallback[] = []
  const waiters: Array<() => void> = []
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const entry = { method: request.method ?? '', query: new URL(request.url ?? '/', 'http://x').searchParams, body: Buffer.concat(chunks).toString('utf8') }
    received.push(entry)
    waiters.splice(0).forEach((wake) => wake())
    const answer = reply(entry)
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
    if (!response.destroyed) response.writeHead(answer.status ?? 200, { 'content-type': 'text/plain' }).end(answer.body ?? 'success')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/wechat/callback`,
    received,
    /** Resolves once `count` requests have arrived (or rejects after `timeoutMs`). */
    async waitFor(count: number, timeoutMs = 5000): Promise<ReceivedCallback[]> {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} callbacks, got ${received.length}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
      return received
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
