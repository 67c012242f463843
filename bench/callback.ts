/**
 * Callback throughput: requests per second and p50/p99 latency for a resident's text message,
 * plain and safe mode, 64 connections, 5 s each, loopback only, against
 *   (a) a bare Node http server that reads the body and answers `success` — the ceiling;
 *   (b) this project's callback server (src/wechat/callback/server.ts, what `npm start` runs on
 *       WECHAT_CALLBACK_PORT), real Payload on a temp SQLite file, the journal in its default mode (written before answering, synced every 100 ms);
 *   (b') the same with WECHAT_INBOUND_JOURNAL_SYNC=always (O_DSYNC before answering);
 *   (c) the `wechat` npm middleware (2.1.0) on a bare http server — the peer.
 * Each server runs in a child process of its own so the load generator does not share its event
 * loop. The machines are noisy: BENCH_ROUNDS rounds (default 5), mode by mode, the targets one
 * after another in a rotating order, medians printed. Then: every answered message is checked to
 * be in the journal, and the scheduler's import rate into `wechat-inbound` is measured on a sample.
 *
 *   node --conditions=production --import tsx bench/callback.ts
 *   BENCH_TARGETS=ours,peer BENCH_ROUNDS=1 …   (a subset; ratios need bare and peer)
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { Session } from 'node:inspector'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import type { JournalSync } from '../src/inbound/journal'
import { encryptMessage, sha1Signature } from '../src/wechat/crypto'
import { buildXml } from '../src/wechat/xml'

const ALL_TARGETS = ['bare', 'ours', 'ours-always', 'peer'] as const
type Target = (typeof ALL_TARGETS)[number]
/** BENCH_TARGETS=ours runs one target (the ratios then need all three). */
const TARGETS = (process.env.BENCH_TARGETS?.split(',') as Target[] | undefined) ?? ALL_TARGETS
const MODES = ['plain', 'safe'] as const
type Mode = (typeof MODES)[number]

const CONNECTIONS = 64
const DURATION_S = 5
const WARMUP_S = 1
/** Distinct MsgIds per run: more than any target answers in 5 s, so every message is a new one. */
const POOL_SIZE = 140_000
const REPLY = '您的留言已收到，工作人员会在工作时间回复。'
const ACCOUNT = {
  appId: 'wxbench0000000001',
  appSecret: 'bench-secret-000000000000000000001',
  token: 'benchtoken',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_bench',
}

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
  const { default: wechat } = (await import('wechat')) as unknown as {
    default: (config: unknown, handle: unknown) => (req: unknown, res: unknown, next: (error?: unknown) => void) => void
  }
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

let journalStats: () => unknown = () => null
let storedAnswers = 0
let countJournal: () => Promise<{ lines: number; answered: number }> = async () => ({ lines: 0, answered: 0 })
let measureImport: () => Promise<{ rows: number; ms: number }> = async () => ({ rows: 0, ms: 0 })

async function serveOurs(sync: JournalSync) {
  const { createAccount } = await import('../tests/callback/helpers')
  const { startTestPayload } = await import('../tests/helpers/payload')
  const { createCallbackServer } = await import('../src/wechat/callback/server')
  const { createCallbackRuntime } = await import('../src/inbound/callback-runtime')
  const { InboundJournal, JOURNAL_DIRS, journalDirectory } = await import('../src/inbound/journal')
  const { payload } = await startTestPayload()
  const ids = {
    plain: await createAccount(payload, { ...ACCOUNT, messageMode: 'plain' }),
    safe: await createAccount(payload, { ...ACCOUNT, appId: `${ACCOUNT.appId.slice(0, -1)}2`, messageMode: 'safe' }),
  }
  await payload.create({
    collection: 'auto-replies' as never,
    overrideAccess: true,
    data: { name: '默认', kind: 'default', replyType: 'text', text: REPLY } as never,
  })
  const journal = new InboundJournal(journalDirectory(), { sync })
  journalStats = () => ({ ...journal.stats })
  countJournal = async () => {
    await journal.rotate()
    const ready = path.join(journal.directory, JOURNAL_DIRS.ready)
    const lines = fs.readdirSync(ready).reduce((total, name) => total + fs.readFileSync(path.join(ready, name), 'utf8').split('\n').filter(Boolean).length, 0)
    return { lines, answered: storedAnswers }
  }
  measureImport = () => importSample(payload, journal.directory)
  // The request path only, as in production: the scheduler process imports the journal and
  // processes the rows (its rate is measured separately, after the load).
  const { deps } = createCallbackRuntime(payload, { afterResponse: () => undefined, journal })
  const enqueue = deps.enqueue
  deps.enqueue = async (account, message) => {
    const result = await enqueue(account, message)
    if (result === 'stored') storedAnswers++
    return result
  }
  // The production endpoint: the callback server that `npm start` runs (src/wechat/callback/server.ts).
  const server = createCallbackServer(deps)
  return listen(server, { plain: `/api/wechat/callback/${ids.plain}`, safe: `/api/wechat/callback/${ids.safe}` })
}

/** The scheduler's side: how fast journal lines become `wechat-inbound` rows (a 2,000-line sample). */
async function importSample(payload: import('payload').Payload, directory: string): Promise<{ rows: number; ms: number }> {
  const { importJournal, readySegments } = await import('../src/inbound/journal-import')
  const { JOURNAL_DIRS } = await import('../src/inbound/journal')
  const sample = fs.mkdtempSync(path.join(directory, '..', 'sample-'))
  fs.mkdirSync(path.join(sample, JOURNAL_DIRS.ready))
  const [first] = readySegments(directory)
  const lines = fs
    .readFileSync(path.join(directory, JOURNAL_DIRS.ready, first!), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, 2_000)
  fs.writeFileSync(path.join(sample, JOURNAL_DIRS.ready, first!), `${lines.join('\n')}\n`)
  const started = performance.now()
  const report = await importJournal(payload, sample)
  return { rows: report.inserted, ms: performance.now() - started }
}

async function listen(server: ReturnType<typeof createServer>, paths: Record<Mode, string>): Promise<Ready> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, paths }
}

/**
 * BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of each measured run (from one usage question to the
 * next, so start-up and warm-up are left out), <dir>/<target>-<n>.cpuprofile.
 */
let profiler: Session | null = null
let profiled = 0
function toggleProfile(target: Target): void {
  const directory = process.env.BENCH_CPU_PROFILE
  if (!directory) return
  if (!profiler) {
    profiler = new Session()
    profiler.connect()
    profiler.post('Profiler.enable', () => profiler!.post('Profiler.start'))
    return
  }
  const session = profiler
  profiler = null
  session.post('Profiler.stop', (error, result) => {
    if (!error) fs.writeFileSync(path.join(directory, `${target}-${++profiled}.cpuprofile`), JSON.stringify(result.profile))
    session.disconnect()
  })
}

async function child(target: Target): Promise<void> {
  const ready =
    target === 'bare' ? await serveBare() : target === 'peer' ? await servePeer() : await serveOurs(target === 'ours-always' ? 'always' : 'interval')
  process.send!({ port: ready.port, paths: ready.paths })
  // None left running if the bench dies.
  process.once('SIGTERM', () => process.exit(0))
  process.once('disconnect', () => process.exit(0))
  process.on('message', (message) => {
    if (message === 'usage') toggleProfile(target)
    if (message === 'usage') process.send!({ question: 'usage', usage: process.cpuUsage(), memory: process.memoryUsage(), journal: journalStats() })
    if (message === 'journal-lines') void countJournal().then((counts) => process.send!({ question: 'journal-lines', ...counts }))
    if (message === 'import') void measureImport().then((figures) => process.send!({ question: 'import', ...figures }))
  })
}

// ---------- the load generator (parent) ----------

interface Request {
  path: string
  body: string
}

/** Messages as WeChat sends them, each with its own MsgId; safe mode pre-encrypted (the client must stay cheap). */
function pool(mode: Mode, basePath: string, appId: string, firstId: number, size = POOL_SIZE): Request[] {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const requests: Request[] = []
  for (let index = 0; index < size; index++) {
    // A nonce per request, as WeChat sends: a plain signature carries one body (the import drops replays).
    const nonce = String(1_000_000_000 + firstId + index)
    const signature = sha1Signature(ACCOUNT.token, timestamp, nonce)
    const xml = buildXml({
      ToUserName: ACCOUNT.originalId,
      FromUserName: `oBenchUser${index % 500}`,
      CreateTime: Number(timestamp),
      MsgType: 'text',
      Content: '门口的路灯坏了，请派人来修一下。',
      MsgId: String(firstId + index),
    })
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
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    sent: next,
  }
}

async function start(target: Target): Promise<{ process: ChildProcess; ready: Ready }> {
  const process_ = fork(fileURLToPath(import.meta.url), ['serve', target], {
    execArgv: ['--conditions=production', '--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ready = await new Promise<Ready>((resolve, reject) => {
    process_.once('message', (message) => resolve(message as Ready))
    process_.once('exit', (code) => reject(new Error(`${target} exited with ${code}`)))
  })
  return { process: process_, ready }
}

interface Usage {
  usage: NodeJS.CpuUsage
  memory: NodeJS.MemoryUsage
  journal: { writes: number; entries: number; writeMs: number } | null
}

/** A question to a server process, answered over IPC. */
function ask<T>(server: ChildProcess, question: 'usage' | 'journal-lines' | 'import'): Promise<T> {
  return new Promise((resolve) => {
    const listener = (message: unknown) => {
      if (!message || typeof message !== 'object' || (message as { question?: string }).question !== question) return
      server.off('message', listener)
      resolve(message as T)
    }
    server.on('message', listener)
    server.send(question)
  })
}

/** BENCH_ROUNDS rounds (default 5: a noisy minute then moves a median less), targets in a different order each round. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5))

async function main(): Promise<void> {
  const runs = {} as Record<Target, Record<Mode, Figures[]>>
  const servers = {} as Record<Target, { process: ChildProcess; ready: Ready }>
  for (const target of TARGETS) {
    servers[target] = await start(target)
    runs[target] = { plain: [], safe: [] }
  }
  let msgId = 7_000_000_000
  for (let round = 0; round < ROUNDS; round++) {
    const order = TARGETS.map((_, index) => TARGETS[(index + round) % TARGETS.length]!)
    // Mode by mode, the targets one after another: the figures a ratio compares are taken within
    // the same half minute.
    for (const mode of MODES) {
      for (const target of order) {
        const { process: server, ready } = servers[target]
        const appId = target.startsWith('ours') && mode === 'safe' ? `${ACCOUNT.appId.slice(0, -1)}2` : ACCOUNT.appId
        if (round === 0) {
          await load(ready.port, pool(mode, ready.paths[mode], appId, msgId, 2_000), WARMUP_S) // JIT, caches
          msgId += POOL_SIZE
        }
        const fresh = pool(mode, ready.paths[mode], appId, msgId)
        msgId += POOL_SIZE
        const before = await ask<Usage>(server, 'usage')
        const figures = await load(ready.port, fresh, DURATION_S)
        const after = await ask<Usage>(server, 'usage')
        runs[target][mode].push(figures)
        if (figures.sent > POOL_SIZE) console.warn(`${target}/${mode}: pool wrapped, later MsgIds repeated`)
        console.error(
          `round ${round + 1} ${target}/${mode}: ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99} ms, ${describeUsage(before, after, figures.rps * DURATION_S)}`,
        )
      }
    }
  }
  const results = {} as Record<Target, Record<Mode, Figures>>
  for (const target of TARGETS) results[target] = { plain: median(runs[target].plain), safe: median(runs[target].safe) }
  print(results, runs)
  for (const target of ['ours', 'ours-always'] as const) {
    if (!servers[target]) continue
    // Every answered message is in the journal, none twice: the durability the figures include.
    const { lines, answered } = await ask<{ lines: number; answered: number }>(servers[target].process, 'journal-lines')
    console.log(
      `journal of ${label[target].split(' ')[0]}: ${lines} lines for ${answered} messages answered 'stored' (${lines === answered ? 'all there' : 'MISMATCH'})`,
    )
  }
  if (servers.ours) {
    const { rows, ms } = await ask<{ rows: number; ms: number }>(servers.ours.process, 'import')
    console.log(`import into wechat-inbound (the scheduler's side): ${rows} rows in ${ms.toFixed(0)} ms → ${((rows / ms) * 1000).toFixed(0)} rows/s`)
  }
  for (const { process: server } of Object.values(servers)) server.kill()
}

function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

function median(figures: Figures[]): Figures {
  const pick = (key: keyof Figures) => medianOf(figures.map((figure) => figure[key]))
  const sum = (key: keyof Figures) => figures.reduce((total, figure) => total + figure[key], 0)
  return { rps: pick('rps'), p50: pick('p50'), p99: pick('p99'), non2xx: sum('non2xx'), errors: sum('errors'), sent: sum('sent') }
}

function describeUsage(before: Usage, after: Usage, served: number): string {
  const cpuUs = after.usage.user + after.usage.system - before.usage.user - before.usage.system
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
  let text = `server CPU ${(cpuUs / served).toFixed(0)} µs per request, RSS ${mb(after.memory.rss)} (heap ${mb(after.memory.heapUsed)}, buffers ${mb(after.memory.arrayBuffers)})`
  if (after.journal && before.journal) {
    const writes = after.journal.writes - before.journal.writes
    const entries = after.journal.entries - before.journal.entries
    text += `, journal ${(entries / Math.max(1, writes)).toFixed(1)} messages per write, ${((after.journal.writeMs - before.journal.writeMs) / Math.max(1, writes)).toFixed(2)} ms per write`
  }
  return text
}

const label: Record<Target, string> = {
  bare: '(a) bare http — ceiling',
  ours: '(b) ours, journal synced every 100 ms',
  'ours-always': "(b') ours, journal O_DSYNC per answer",
  peer: '(c) wechat@2.1.0 middleware — peer',
}

function print(results: Record<Target, Record<Mode, Figures>>, runs: Record<Target, Record<Mode, Figures[]>>): void {
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per run, text message, loopback\n`)
  console.log('target                                   mode    req/s    p50 ms  p99 ms  non-2xx  errors')
  for (const target of TARGETS) {
    for (const mode of MODES) {
      const figures = results[target][mode]
      console.log(
        `${label[target].padEnd(41)}${mode.padEnd(8)}${figures.rps.toFixed(0).padStart(6)}  ${String(figures.p50).padStart(7)} ${String(figures.p99).padStart(7)} ${String(figures.non2xx).padStart(8)} ${String(figures.errors).padStart(7)}`,
      )
    }
  }
  if (!results.bare || !results.peer) return
  for (const ours of ['ours', 'ours-always'] as const) {
    if (!results[ours]) continue
    const name = label[ours].split(' ')[0]
    const ratio = (other: Target, mode: Mode) => (results[ours][mode].rps / results[other][mode].rps).toFixed(2)
    console.log(`\n${name} ratios                   plain    safe    target`)
    console.log(`÷ peer throughput            ${ratio('peer', 'plain').padStart(5)}   ${ratio('peer', 'safe').padStart(5)}    ≥ 1.00`)
    console.log(`÷ ceiling throughput         ${ratio('bare', 'plain').padStart(5)}   ${ratio('bare', 'safe').padStart(5)}    ≥ 0.50`)
    // The same ratios round by round: both figures of a pair come from the same minute, so a noisy
    // minute moves both; their median is steadier than the ratio of medians above.
    for (const other of ['peer', 'bare'] as const) {
      const perRound = (mode: Mode) => runs[ours][mode].map((figures, round) => figures.rps / runs[other][mode][round]!.rps)
      const describe = (mode: Mode) =>
        `${medianOf(perRound(mode)).toFixed(2)} (${perRound(mode)
          .map((value) => value.toFixed(2))
          .join(', ')})`
      console.log(`÷ ${other === 'peer' ? 'peer' : 'ceiling'}, per round: plain ${describe('plain')}; safe ${describe('safe')}`)
    }
    console.log(`p99 (ms)                     ${String(results[ours].plain.p99).padStart(5)}   ${String(results[ours].safe.p99).padStart(5)}    < 50`)
  }
  console.log('')
}

if (process.argv[2] === 'serve') await child(process.argv[3] as Target)
else await main()
