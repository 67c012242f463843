/**
 * Callback throughput: requests per second and p50/p99 latency for a resident's text message,
 * plain and safe mode, 64 connections, 5 s each, loopback only, against
 *   (a) a bare Node http server that reads the body and answers `success` — the ceiling;
 *   (b) this project's handleCallback on a plain Node http server, real Payload on a temp SQLite file;
 *   (c) the `wechat` npm middleware (2.1.0) on a bare http server — the peer.
 * Each server runs in a child process of its own so the load generator does not share its event loop.
 *
 *   node --conditions=production --import tsx bench/callback.ts
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { encryptMessage, sha1Signature } from '../src/wechat/crypto'
import { buildXml } from '../src/wechat/xml'

const ALL_TARGETS = ['bare', 'ours', 'peer'] as const
type Target = (typeof ALL_TARGETS)[number]
/** BENCH_TARGETS=ours runs one target (the ratios then need all three). */
const TARGETS = (process.env.BENCH_TARGETS?.split(',') as Target[] | undefined) ?? ALL_TARGETS
const MODES = ['plain', 'safe'] as const
type Mode = (typeof MODES)[number]

const CONNECTIONS = 64
const DURATION_S = 5
const WARMUP_S = 1
/** Distinct MsgIds per run: more than any target answers in 5 s, so our dedupe never short-circuits. */
const POOL_SIZE = 60_000
const REPLY = '您的留言已收到，工作人员会在工作时间回复。'
const ACCOUNT = { appId: 'wxbench0000000001', appSecret: 'bench-secret-000000000000000000001', token: 'benchtoken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', originalId: 'gh_bench' }

interface Ready {
  port: number
  paths: Record<Mode, string>
}

// ---------- the servers (child processes) ----------

const queryOf = (req: IncomingMessage) => Object.fromEntries(new URL(req.url ?? '/', 'http://bench.local').searchParams)

async function serveBare(): Promise<Ready & { server: ReturnType<typeof createServer> }> {
  const server = createServer((req, res) => {
    req.on('data', () => undefined)
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('success'))
  })
  return { server, ...(await listen(server, { plain: '/plain', safe: '/safe' })) }
}

async function servePeer() {
  // @ts-expect-error wechat@2.1.0 ships no types; the one call used is typed here.
  const { default: wechat } = (await import('wechat')) as unknown as { default: (config: unknown, handle: unknown) => (req: unknown, res: unknown, next: (error?: unknown) => void) => void }
  const handle = (_req: unknown, res: ServerResponse & { reply: (text: string) => void }) => res.reply(REPLY)
  const plain = wechat(ACCOUNT.token, handle)
  const safe = wechat({ token: ACCOUNT.token, appid: ACCOUNT.appId, encodingAESKey: ACCOUNT.encodingAESKey }, handle)
  const server = createServer((req, res) => {
    ;(req as IncomingMessage & { query: unknown }).query = queryOf(req)
    const middleware = req.url?.startsWith('/safe') ? safe : plain
    middleware(req, res, (error) => res.writeHead(500).end(String(error)))
  })
  return listen(server, { plain: '/plain', safe: '/safe' })
}

async function serveOurs() {
  const { startCallbackPayload, createAccount } = await import('../tests/callback/helpers')
  const { handleCallback } = await import('../src/wechat/callback/handler')
  const { payloadCallbackDeps } = await import('../src/wechat/callback/payload-deps')
  const { payload } = await startCallbackPayload()
  const ids = {
    plain: await createAccount(payload, { ...ACCOUNT, messageMode: 'plain' }),
    safe: await createAccount(payload, { ...ACCOUNT, appId: `${ACCOUNT.appId.slice(0, -1)}2`, messageMode: 'safe' }),
  }
  await payload.create({ collection: 'auto-replies' as never, overrideAccess: true, data: { name: '默认', kind: 'default', replyType: 'text', text: REPLY } as never })
  // The default deps: the inbound worker drains the queue in this process, as it does in production.
  // BENCH_WORKER=off isolates the request path (insert + reply) from the worker's writes.
  const deps = payloadCallbackDeps(payload, process.env.BENCH_WORKER === 'off' ? { afterResponse: () => undefined } : {})
  const server = createServer(async (req, res) => {
    const accountId = (req.url ?? '').split('?')[0]!.split('/').pop()!
    const result = await handleCallback(accountId, { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string>, body: req }, deps)
    res.writeHead(result.status, result.headers).end(result.body)
  })
  return listen(server, { plain: `/api/wechat/callback/${ids.plain}`, safe: `/api/wechat/callback/${ids.safe}` })
}

async function listen(server: ReturnType<typeof createServer>, paths: Record<Mode, string>): Promise<Ready> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, paths }
}

async function child(target: Target): Promise<void> {
  const ready = target === 'bare' ? await serveBare() : target === 'peer' ? await servePeer() : await serveOurs()
  process.send!({ port: ready.port, paths: ready.paths })
}

// ---------- the load generator (parent) ----------

interface Request {
  path: string
  body: string
}

/** Messages as WeChat sends them, each with its own MsgId; safe mode pre-encrypted (the client must stay cheap). */
function pool(mode: Mode, basePath: string, appId: string, firstId: number): Request[] {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = '1234567890'
  const signature = sha1Signature(ACCOUNT.token, timestamp, nonce)
  const requests: Request[] = []
  for (let index = 0; index < POOL_SIZE; index++) {
    const xml = buildXml({ ToUserName: ACCOUNT.originalId, FromUserName: `oBenchUser${index % 500}`, CreateTime: Number(timestamp), MsgType: 'text', Content: '门口的路灯坏了，请派人来修一下。', MsgId: String(firstId + index) })
    if (mode === 'plain') {
      requests.push({ path: `${basePath}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, body: xml })
      continue
    }
    const encrypted = encryptMessage({ encodingAESKey: ACCOUNT.encodingAESKey, appId, xml })
    const msgSignature = sha1Signature(ACCOUNT.token, timestamp, nonce, encrypted)
    requests.push({
      path: `${basePath}?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msgSignature}`,
      body: buildXml({ ToUserName: ACCOUNT.originalId, Encrypt: encrypted }),
    })
  }
  return requests
}

interface Figures {
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  sent: number
}

async function load(port: number, requests: Request[], durationS: number): Promise<Figures> {
  let next = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        setupRequest: (request) => {
          const message = requests[next++ % requests.length]!
          return { ...request, path: message.path, body: message.body }
        },
      },
    ],
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts, sent: next }
}

async function start(target: Target): Promise<{ process: ChildProcess; ready: Ready }> {
  const process_ = fork(fileURLToPath(import.meta.url), ['serve', target], { execArgv: ['--conditions=production', '--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const ready = await new Promise<Ready>((resolve, reject) => {
    process_.once('message', (message) => resolve(message as Ready))
    process_.once('exit', (code) => reject(new Error(`${target} exited with ${code}`)))
  })
  return { process: process_, ready }
}

async function main(): Promise<void> {
  const results = {} as Record<Target, Record<Mode, Figures>>
  let msgId = 7_000_000_000
  for (const target of TARGETS) {
    const { process: server, ready } = await start(target)
    results[target] = {} as Record<Mode, Figures>
    for (const mode of MODES) {
      const appId = target === 'ours' && mode === 'safe' ? `${ACCOUNT.appId.slice(0, -1)}2` : ACCOUNT.appId
      const requests = pool(mode, ready.paths[mode], appId, msgId)
      msgId += POOL_SIZE
      await load(ready.port, requests.slice(0, 2_000), WARMUP_S) // JIT, caches, SQLite pages
      const fresh = pool(mode, ready.paths[mode], appId, msgId)
      msgId += POOL_SIZE
      results[target][mode] = await load(ready.port, fresh, DURATION_S)
      if (results[target][mode].sent > POOL_SIZE) console.warn(`${target}/${mode}: pool wrapped, later MsgIds repeated`)
    }
    server.kill()
  }
  print(results)
}

function print(results: Record<Target, Record<Mode, Figures>>): void {
  const label: Record<Target, string> = { bare: '(a) bare http — ceiling', ours: '(b) handleCallback + Payload/SQLite', peer: '(c) wechat@2.1.0 middleware — peer' }
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per run, text message, loopback\n`)
  console.log('target                                 mode    req/s    p50 ms  p99 ms  non-2xx  errors')
  for (const target of TARGETS) {
    for (const mode of MODES) {
      const figures = results[target][mode]
      console.log(`${label[target].padEnd(39)}${mode.padEnd(8)}${figures.rps.toFixed(0).padStart(6)}  ${String(figures.p50).padStart(7)} ${String(figures.p99).padStart(7)} ${String(figures.non2xx).padStart(8)} ${String(figures.errors).padStart(7)}`)
    }
  }
  if (!results.bare || !results.peer || !results.ours) return
  console.log('\nratios (ours ÷ …)            plain    safe    target')
  const ratio = (other: Target, mode: Mode) => (results.ours[mode].rps / results[other][mode].rps).toFixed(2)
  console.log(`ours ÷ peer throughput       ${ratio('peer', 'plain').padStart(5)}   ${ratio('peer', 'safe').padStart(5)}    ≥ 1.00`)
  console.log(`ours ÷ ceiling throughput    ${ratio('bare', 'plain').padStart(5)}   ${ratio('bare', 'safe').padStart(5)}    ≥ 0.50`)
  console.log(`ours p99 (ms)                ${String(results.ours.plain.p99).padStart(5)}   ${String(results.ours.safe.p99).padStart(5)}    < 50`)
}

if (process.argv[2] === 'serve') await child(process.argv[3] as Target)
else await main()
