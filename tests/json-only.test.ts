import { randomBytes } from 'node:crypto'
import type { Endpoint, PayloadRequest, SanitizedConfig } from 'payload'
import { customEndpoints as customEndpointsOf } from './helpers/custom-endpoints'

// Issue 11, finding 3: every custom endpoint that changes something (collections' and globals'
// `endpoints:`) takes application/json only, so no cross-site form (multipart `_payload`,
// urlencoded, text/plain) reaches a handler. Read from the configuration itself, so an endpoint
// added later without the check fails here.

let config: SanitizedConfig
let endpoints: Array<{ owner: string; endpoint: Endpoint }>

beforeAll(async () => {
  process.env.PAYLOAD_SECRET ??= randomBytes(32).toString('hex')
  config = await (await import('../src/payload.config')).default
  endpoints = await customEndpointsOf(config)
})

/** The project's own endpoints: what the configuration holds beyond Payload's built-in ones. */
const customEndpoints = () => endpoints

/** A request as the handler gets it, with no user: any 415 comes before authentication. */
const requestWith = (method: string, contentType: string | null, language = 'zh') =>
  ({
    method,
    headers: new Headers(contentType ? { 'content-type': contentType } : {}),
    i18n: { language },
    routeParams: { id: 'x' },
    payload: { config },
  }) as unknown as PayloadRequest

test('the configuration has the custom endpoints this check is about', () => {
  const names = customEndpoints().map(({ owner }) => owner)
  for (const expected of [
    'auto-replies/try',
    'binding-codes/issue',
    'resident-messages/:id/reply',
    'weekly-pushes/:id/action',
    'articles/:id/review',
    'wechat-menus/:id/publish',
  ])
    expect(names).toContain(expected)
})

test('every custom endpoint that is not GET answers 415 in Chinese to a form or text body, before anything else', async () => {
  const changing = customEndpoints().filter(({ endpoint }) => endpoint.method !== 'get')
  expect(changing.length).toBeGreaterThanOrEqual(8)
  for (const { owner, endpoint } of changing) {
    for (const contentType of ['multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/plain;charset=UTF-8', null]) {
      const response = await endpoint.handler(requestWith('POST', contentType))
      expect({ owner, contentType, status: response.status }).toEqual({ owner, contentType, status: 415 })
      expect((await response.json()).errors[0].message).toBe('此接口只接受 JSON 请求（Content-Type: application/json）')
    }
  }
})

test('in English for an English admin; JSON (with a charset) passes the check and reaches the handler', async () => {
  const [{ endpoint }] = customEndpoints().filter(({ owner }) => owner === 'auto-replies/try')
  const english = await endpoint!.handler(requestWith('POST', 'text/plain', 'en'))
  expect((await english.json()).errors[0].message).toBe('This endpoint accepts JSON only (Content-Type: application/json).')
  // No user: the handler itself answers 401, so the JSON request got past the check.
  expect((await endpoint!.handler(requestWith('POST', 'application/json; charset=utf-8'))).status).toBe(401)
})
