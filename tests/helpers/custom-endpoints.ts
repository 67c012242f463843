import os from 'node:os'
import path from 'node:path'
import { buildConfig, type Endpoint, type SanitizedConfig } from 'payload'
import { databaseAdapter } from '../../src/config/database'

const key = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`

/** `method path` of the endpoints Payload adds by itself to every collection (plain, auth, upload) and global. */
async function builtInEndpoints(): Promise<Set<string>> {
  const bare = await buildConfig({
    secret: 'x'.repeat(32),
    db: databaseAdapter(`file:${path.join(os.tmpdir(), 'custom-endpoints-unused.db')}`),
    collections: [
      { slug: 'plain', fields: [] },
      { slug: 'with-auth', auth: true, fields: [] },
      { slug: 'with-upload', upload: true, fields: [] },
    ],
    globals: [{ slug: 'a-global', fields: [] }],
  })
  return new Set([...bare.collections, ...bare.globals].flatMap((entity) => (Array.isArray(entity.endpoints) ? entity.endpoints.map(key) : [])))
}

/**
 * The project's own endpoints, read from the configuration itself (what it holds beyond Payload's
 * built-in ones), so an endpoint added later is covered by the checks that use this list.
 * `owner` is `<collection>/<path>` or `globals/<global>/<path>`.
 */
export async function customEndpoints(config: SanitizedConfig): Promise<Array<{ owner: string; endpoint: Endpoint }>> {
  const builtIn = await builtInEndpoints()
  const owners = [
    ...config.collections.map((collection) => ({ slug: collection.slug, endpoints: collection.endpoints })),
    ...config.globals.map((global) => ({ slug: `globals/${global.slug}`, endpoints: global.endpoints })),
  ]
  return owners.flatMap(({ slug, endpoints }) =>
    Array.isArray(endpoints)
      ? endpoints.filter((endpoint) => !builtIn.has(key(endpoint))).map((endpoint) => ({ owner: `${slug}${endpoint.path}`, endpoint }))
      : [],
  )
}
