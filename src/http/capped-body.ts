/**
 * Reads a request body up to a byte cap, aborting the stream as soon as the cap is passed — whatever
 * Content-Length says (it may be absent, with chunked encoding, or lie). Used by the WeChat callback
 * (src/wechat/callback/handler.ts) and the residents' form posts (src/app/(residents)/m/_lib/form-body.tsx).
 */

/** A body as the servers hand it over: text, bytes, a web stream, a Node stream or any async iterable. */
export type RequestBody = string | Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null | undefined

/** Thrown when more than the cap arrives; the rest of the body is not read. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('request body over the size cap')
    this.name = 'BodyTooLargeError'
  }
}

/**
 * The whole of `body` as bytes, at most `maxBytes` of them.
 * @throws BodyTooLargeError past the cap; the stream's own error when the connection breaks.
 */
export async function readCappedBody(body: RequestBody, maxBytes: number): Promise<Uint8Array> {
  if (body === null || body === undefined) return new Uint8Array(0)
  if (typeof body === 'string') return checked(Buffer.from(body, 'utf8'), maxBytes)
  if (body instanceof Uint8Array) return checked(body, maxBytes)
  if (isReadableStream(body)) return readStream(body, maxBytes)
  if (isNodeReadable(body)) return readNodeStream(body, maxBytes)
  return readIterable(body, maxBytes)
}

type NodeReadable = AsyncIterable<Uint8Array> & Pick<NodeJS.ReadableStream, 'on' | 'once' | 'pause' | 'read'>

function isNodeReadable(body: object): body is NodeReadable {
  return typeof (body as NodeReadable).on === 'function' && typeof (body as NodeReadable).read === 'function'
}

/**
 * A Node request (the callback server): events, not the async iterator, which costs a promise and
 * a tick per chunk — measurable at thousands of requests a second. Past the cap it stops reading;
 * the server answers 413 and closes the connection. (Inline callbacks: no per-request closures
 * that a loader's keep-names helper would rename.)
 */
function readNodeStream(stream: NodeReadable, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    let settled = false
    stream.on('data', (chunk: Buffer | string) => {
      if (settled) return
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
      total += bytes.byteLength
      if (total <= maxBytes) {
        chunks.push(bytes)
        return
      }
      settled = true
      stream.pause()
      reject(new BodyTooLargeError())
    })
    stream.once('end', () => {
      if (settled) return
      settled = true
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total))
    })
    stream.once('error', (error: Error) => {
      if (settled) return
      settled = true
      reject(error)
    })
  })
}

function checked(bytes: Uint8Array, maxBytes: number): Uint8Array {
  if (bytes.byteLength > maxBytes) throw new BodyTooLargeError()
  return bytes
}

function isReadableStream(body: object): body is ReadableStream<Uint8Array> {
  return typeof (body as ReadableStream).getReader === 'function'
}

async function readStream(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      // Stop pulling: the rest of a 10 MB body is never read into memory.
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLargeError()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

async function readIterable(iterable: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of iterable) {
    total += chunk.byteLength
    if (total > maxBytes) throw new BodyTooLargeError()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
