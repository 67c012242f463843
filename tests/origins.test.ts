import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { allowedOrigins, isProductionDeployment } from '../src/http/origins'

// Issue 11, finding 3: the origins trusted with a login are never an empty list (an empty list made
// Payload trust every origin), and production does not start without PUBLIC_URL.

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

test('PUBLIC_URL: its origin only, whatever path it carries', () => {
  expect(allowedOrigins({ PUBLIC_URL: 'https://wx.example.test/admin/', NODE_ENV: 'production', DATABASE_URI: 'mongodb://db/cms' })).toEqual([
    'https://wx.example.test',
  ])
})

test('unset on the embedded demo (also under NODE_ENV=production, as npm start runs it): the admin’s own loopback origins on its port', () => {
  expect(allowedOrigins({ NODE_ENV: 'production', DATABASE_URI: 'file:./data/cms.db', PORT: '3005' })).toEqual([
    'http://localhost:3005',
    'http://127.0.0.1:3005',
  ])
  expect(allowedOrigins({ NODE_ENV: 'development', PUBLIC_URL: '' })).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000'])
  expect(isProductionDeployment({ NODE_ENV: 'production' })).toBe(false)
})

test('unset in production (NODE_ENV=production on MongoDB): refused in Chinese', () => {
  expect(() => allowedOrigins({ NODE_ENV: 'production', DATABASE_URI: 'mongodb://db/cms' })).toThrow(/生产环境必须设置 PUBLIC_URL/)
  expect(() => allowedOrigins({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL 不是有效的网址/)
})

test('a production server process without PUBLIC_URL stops at its configuration with the Chinese reason', async () => {
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    // Loading the configuration is the first thing every server process does (next start, payload run, the CLI).
    const child = spawn(
      process.execPath,
      ['--conditions=production', '--import', 'tsx', '--input-type=module', '-e', "await import('./src/payload.config.ts')"],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'production',
          DATABASE_URI: 'mongodb://127.0.0.1:9/cms',
          PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        } as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
  expect(result.code).not.toBe(0)
  expect(result.output).toContain('生产环境必须设置 PUBLIC_URL')
}, 120_000)
