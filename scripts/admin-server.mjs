// The admin and API server `npm start` runs in place of `next start`: the same Next.js app behind a
// plain Node HTTP server that knows the connection. Next's route handlers never see the socket, and
// `next start` keeps a client's own X-Forwarded-For, so the sign-in limit per address
// (collections/users/login-throttle.ts) could not tell one client from another. This server
// works out the client's address (`TRUST_PROXY`, below) and hands it to the app in one header,
// overwriting any value the client sent (src/http/client-address.ts reads it).
//
// Usage: node scripts/admin-server.mjs -p PORT -H HOST (the flags of `next start`; PORT / HOST
// from the environment otherwise, 3000 / 127.0.0.1).
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import proxyaddr from 'proxy-addr'

/** The header and the process mark of src/http/client-address.ts (same strings). */
export const CLIENT_ADDRESS_HEADER = 'x-street-office-client-address'
const STAMPED = Symbol.for('street-office.client-address-stamped')

/**
 * `TRUST_PROXY` as proxy-addr's trust function:
 * - unset, empty, `false`, `0`: no proxy — the address is the connection's (X-Forwarded-For ignored);
 * - a number N (`true` = 1): N reverse proxies in front, each appending the address it saw — the
 *   address is the entry N places from the right (the one the outermost trusted proxy appended);
 *   entries further left are the client's own claims;
 * - a list of proxy addresses or ranges (`loopback`, `10.0.0.0/8`, `uniquelocal`, …, comma
 *   separated): X-Forwarded-For is followed from the right while the hop is one of them.
 * Throws (Chinese) on a list proxy-addr cannot read.
 * @param {string | undefined} value
 * @returns {(address: string, hop: number) => boolean}
 */
export function trustFromEnv(value = process.env.TRUST_PROXY) {
  const text = value?.trim() ?? ''
  const lower = text.toLowerCase()
  if (text === '' || ['false', 'off', 'no', '0'].includes(lower)) return () => false
  const hops = ['true', 'on', 'yes'].includes(lower) ? 1 : /^\d+$/.test(text) ? Number(text) : null
  if (hops !== null) return (_address, hop) => hop < hops
  try {
    return proxyaddr.compile(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
  } catch (error) {
    throw new Error(
      `TRUST_PROXY 的值无效："${text}"（${error instanceof Error ? error.message : error}）。可填代理的层数（如 1）或代理的地址（如 loopback, 10.0.0.0/8）`,
    )
  }
}

/**
 * Writes the client's address into CLIENT_ADDRESS_HEADER of a Node request, replacing what the
 * client sent under that name.
 * @param {http.IncomingMessage} req
 * @param {(address: string, hop: number) => boolean} trust
 */
export function stampClientAddress(req, trust) {
  let address = ''
  try {
    address = proxyaddr(req, trust)
  } catch {
    // A malformed X-Forwarded-For entry: the connection's address.
    address = req.socket.remoteAddress ?? ''
  }
  // IPv4 seen over an IPv6 socket (::ffff:203.0.113.7) is the same client as 203.0.113.7.
  req.headers[CLIENT_ADDRESS_HEADER] = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')
}

/** @param {string[]} argv */
function option(argv, short, long) {
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === short || argv[index] === long) return argv[index + 1]
  }
  return undefined
}

async function main() {
  const argv = process.argv.slice(2).filter((arg) => arg !== 'start')
  const port = Number(option(argv, '-p', '--port') ?? process.env.PORT ?? 3000)
  const hostname = option(argv, '-H', '--hostname') ?? process.env.HOST ?? '127.0.0.1'
  const trust = trustFromEnv()
  // As `next start` does: the config reads NODE_ENV and PORT (src/http/origins.ts) when it loads.
  process.env.NODE_ENV ??= 'production'
  process.env.PORT = String(port)
  const { default: next } = await import('next')
  const app = next({ dev: false, dir: path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'), hostname, port })
  const handle = app.getRequestHandler()
  await app.prepare()
  globalThis[STAMPED] = true
  const server = http.createServer((req, res) => {
    stampClientAddress(req, trust)
    void handle(req, res)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, () => resolve(undefined))
  })
  console.log(`▶ Ready on http://${hostname}:${port}`)
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
