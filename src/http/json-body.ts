import type { PayloadRequest } from 'payload'
import { ApiError } from './api-error'

/**
 * The JSON object a custom endpoint was posted (`{}` when there is no body or it is not an object),
 * for endpoints that read fields from it (`body.action`, `body.note`…); each field is still checked by
 * the service. (JSON only is enforced before the handler: `json-only.ts`.)
 * @throws ApiError 400 `bad-body` 「请求格式错误」 when the body is not valid JSON.
 */
export async function jsonBody(req: PayloadRequest): Promise<Record<string, unknown>> {
  try {
    const body: unknown = req.json ? await req.json() : {}
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  } catch {
    throw new ApiError(400, 'bad-body', { zh: '请求格式错误', en: 'The request is not valid JSON' })
  }
}
