import fs from 'node:fs/promises'
import path from 'node:path'

/**
 * `GET /vendor/monaco/vs/<file>`: the Monaco editor's files (node_modules/monaco-editor/min/vs),
 * served by this server so the admin's JSON and code fields never load it from a CDN
 * (src/admin/code-editor/local-monaco.ts). Read-only, confined to that folder.
 */
const ROOT = path.join(process.cwd(), 'node_modules', 'monaco-editor', 'min', 'vs')

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
}

export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const segments = (await params).path ?? []
  const file = path.resolve(ROOT, ...segments)
  const type = TYPES[path.extname(file)]
  if (!file.startsWith(ROOT + path.sep) || !type) return new Response('Not found', { status: 404 })
  try {
    const body = await fs.readFile(file)
    return new Response(new Uint8Array(body), {
      headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' },
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}
