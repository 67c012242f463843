/**
 * The callback on a plain Node HTTP server: the one endpoint the public internet has to reach,
 * without the admin's framework in front of it. Next's route handler serves the same path on the
 * admin's port (same handler, same deps); this server answers a burst with a fraction of the CPU
 * (bench/README.md) and lets the admin stay off the internet.
 */
import { createServer, type Server } from 'node:http'
import { handleCallback } from './handler'
import type { CallbackDeps } from './types'

const CALLBACK_PATH = /^\/api\/wechat\/callback\/([^/?#]+)\/?$/

export function createCallbackServer(deps: CallbackDeps): Server {
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0]!
    if (pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
      return
    }
    const match = CALLBACK_PATH.exec(pathname)
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    void handleCallback(
      decodeSegment(match[1]!),
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers as Record<string, string | undefined>, body: req },
      deps,
    ).then(
      (result) => {
        if (result.status === 413) {
          // A refused body may still be arriving: do not read the rest of a 10 MB upload.
          res.once('finish', () => req.destroy())
          res.writeHead(413, { ...result.headers, connection: 'close' }).end(result.body)
          return
        }
        res.writeHead(result.status, result.headers).end(result.body)
      },
      () => res.writeHead(500).end('error'),
    )
  })
  // A slow client cannot hold a connection open: WeChat sends its whole request at once.
  server.headersTimeout = 5_000
  server.requestTimeout = 10_000
  server.keepAliveTimeout = 5_000
  return server
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return '' // refused as an unknown account
  }
}
