/** Runs one API request through faults, access_token check, body parsing and the route handler. */
import type { IncomingMessage } from 'node:http'
import { wxError } from './errors'
import type { ApiRequest, ApiResponse, EmulatorContext } from './context'
import type { FaultController } from './faults'
import { summarizeBody, summarizeQuery, type RequestLogEntry } from './log'
import { parseMultipart, type MultipartPart } from './multipart'
import { ROUTES } from './routes'
import { checkAccessToken } from './token'

export interface DispatchResult {
  response: ApiResponse
  /** Destroy the socket instead of answering (the work has been done). */
  drop: boolean
  log: Omit<RequestLogEntry, 'seq' | 'durationMs'>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function dispatch(
  request: IncomingMessage,
  url: URL,
  rawBody: Buffer,
  context: EmulatorContext,
  faults: FaultController,
): Promise<DispatchResult> {
  const path = url.pathname
  const method = request.method ?? 'GET'
  const log: DispatchResult['log'] = {
    time: context.now(),
    method,
    path,
    query: summarizeQuery(url.searchParams),
    appId: null,
    body: null,
    errcode: null,
    httpStatus: 200,
    fault: null,
  }
  const finish = (response: ApiResponse, drop = false): DispatchResult => {
    log.httpStatus = response.status ?? 200
    const json = typeof response.body === 'object' && !Buffer.isBuffer(response.body) ? response.body : null
    const errcode = json ? json.errcode : undefined
    // A file answered (media/get) counts as success, like a JSON answer without errcode.
    log.errcode = typeof errcode === 'number' ? errcode : log.httpStatus === 200 && typeof response.body === 'object' ? 0 : null
    if (drop) log.fault = 'dropped'
    return { response, drop, log }
  }

  const route = ROUTES.get(path)
  if (!route) return finish({ status: 404, body: wxError(40066) })
  // GET routes accept POST as WeChat does; POST-only routes refuse GET.
  if (route.method === 'POST' && method !== 'POST') return finish({ body: wxError(43002) })

  const decision = faults.decide(path)
  if (decision.latencyMs > 0) await sleep(decision.latencyMs)
  if (decision.answer === 'http-500') {
    log.fault = 'http-500'
    return finish({ status: 500, body: 'Internal Server Error' })
  }
  if (decision.answer === 'system-error') {
    log.fault = 'system-error'
    return finish({ body: wxError(-1) })
  }

  const apiRequest: ApiRequest = {
    method,
    path,
    query: url.searchParams,
    headers: request.headers,
    rawBody,
    json: {},
    parts: [],
    account: null,
  }

  if (route.auth === 'access_token') {
    const { errcode, account } = checkAccessToken(context, url.searchParams.get('access_token'))
    if (errcode !== 0) return finish({ body: wxError(errcode) })
    apiRequest.account = account
    log.appId = account!.config.appId
  }

  let parts: MultipartPart[] | null = null
  let json: unknown
  if (route.body === 'json') {
    if (rawBody.length === 0) return finish({ body: wxError(44002) })
    try {
      json = JSON.parse(rawBody.toString('utf8'))
    } catch {
      log.body = { bytes: rawBody.length }
      return finish({ body: wxError(47001) })
    }
    log.body = summarizeBody(json, null, rawBody.length)
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return finish({ body: wxError(47001) })
    apiRequest.json = json as Record<string, unknown>
  } else if (route.body === 'multipart') {
    parts = parseMultipart(rawBody, request.headers['content-type'])
    log.body = summarizeBody(undefined, parts, rawBody.length)
    if (!parts) return finish({ body: wxError(41005) })
    apiRequest.parts = parts
  }
  if (path.startsWith('/datacube/') && typeof apiRequest.json.begin_date === 'string' && typeof apiRequest.json.end_date === 'string') {
    const errcode = faults.datacubeError(path, apiRequest.json.begin_date, apiRequest.json.end_date)
    if (errcode !== null) {
      log.fault = `errcode-${errcode}`
      return finish({ body: wxError(errcode) })
    }
  }
  if (!log.appId && typeof apiRequest.json.appid === 'string') log.appId = apiRequest.json.appid
  if (!log.appId) log.appId = url.searchParams.get('appid')

  const response = await route.handle(apiRequest, context)
  return finish(response, decision.dropResponse)
}
