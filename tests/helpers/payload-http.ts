import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { handleEndpoints, type SanitizedConfig } from 'payload'

export interface PayloadHttp {
  /** `http://127.0.0.1:<port>`, where `/api/…` answers as the Next app's API would. */
  url: string
  close: () => Promise<void>
}

/**
 * Payload's REST and GraphQL handlers — `handleEndpoints` and `GRAPHQL_POST`, the same the Next
 * routes call — on a plain Node HTTP server at a free port, over the Payload the test started
 * (tests/helpers/payload.ts): real HTTP and real logins without a Next build.
 */
export async function startPayloadHttp(): Promise<PayloadHttp> {
  const config = (await import('../../src/payload.config')).default as unknown as Promise<SanitizedConfig>
  const graphqlPost = (await import('@payloadcms/next/routes')).GRAPHQL_POST(config) as (request: Request) => Promise<Response>
  let url = ''
  const toRequest = (request: IncomingMessage, body: Buffer): Request => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value)
    const method = request.method ?? 'GET'
    return new Request(`${url}${request.url}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body) })
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const incoming = toRequest(request, Buffer.concat(chunks))
      const answer = request.url?.startsWith('/api/graphql') ? await graphqlPost(incoming) : await handleEndpoints({ config, request: incoming })
      const headers: Record<string, string> = {}
      answer.headers.forEach((value, name) => (headers[name] = value))
      response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
