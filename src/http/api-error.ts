/**
 * The one error of the project's own endpoints, and the one body they answer errors with:
 *
 *   { "errors": [{ "message": "…", "code": "not-signed-off", "data"?: { … } }] }
 *
 * It is Payload's own REST error body (`{ errors: [{ message, data? }] }`, utilities/formatErrors.ts)
 * plus a `code`: a stable machine string (kebab-case: `unauthenticated`, `forbidden`, `not-found`,
 * `send-started`, …) that clients and tests test instead of the message, which is for people and
 * comes in the admin's language (Chinese unless the user chose English). `data` holds whatever else
 * the answer carries (a review's failing fields `problems`, a preview's per-recipient results).
 */
import { APIError, Forbidden, Locked, NotFound, QueryError, UnauthorizedError, ValidationError, type AfterErrorHook, type PayloadRequest } from 'payload'
import { languageOf, type Bilingual } from '../shared/bilingual'

/** One entry of the `errors` list. */
type ApiErrorEntry = {
  message: string
  code: string
  data?: Record<string, unknown>
}

/** The body of every error answer of the project's endpoints. */
export type ApiErrorBody = {
  errors: ApiErrorEntry[]
}

type LanguageSource = Pick<PayloadRequest, 'i18n'> | { i18n?: { language?: string } } | null | undefined

/**
 * An error a person may read, with its HTTP status and a stable `code`. Built on Payload's APIError,
 * so Payload treats it as public wherever it escapes to (REST routes, GraphQL: `extensions.statusCode`
 * is the status, `extensions.data` is `{ code, ...data }`). `message` is the Chinese text (what logs
 * and WeChat replies show); `messageIn(req)` the admin's language when an English text was given.
 */
export class ApiError extends APIError<{ code: string; [key: string]: unknown }> {
  readonly code: string
  /** The extra fields of the answer (`data` in the body), if any. */
  readonly details: Record<string, unknown> | undefined
  /** Headers the answer must carry (e.g. `Retry-After` on a 429). */
  readonly headers: Record<string, string>
  private readonly english: string | undefined

  constructor(status: number, code: string, message: string | Bilingual, data?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const zh = typeof message === 'string' ? message : message.zh
    super(zh, status, { code, ...(data ?? {}) }, true)
    // Written out: a minified build would rename the class (logs, GraphQL's extensions.name).
    this.name = 'ApiError'
    this.code = code
    this.details = data
    this.headers = headers
    this.english = typeof message === 'string' ? undefined : message.en
  }

  /** The message in the request's admin language (Chinese when no English text was given). */
  messageIn(req: LanguageSource): string {
    return languageOf(req) === 'en' && this.english ? this.english : this.message
  }
}

/** Payload's own error classes as codes, by class (their names do not survive minification). */
const PAYLOAD_CODES: Array<[new (...args: never[]) => object, string]> = [
  [Forbidden, 'forbidden'],
  [NotFound, 'not-found'],
  [UnauthorizedError, 'unauthenticated'],
  [ValidationError, 'invalid'],
  [Locked, 'locked'],
  [QueryError, 'invalid-query'],
]

const payloadCode = (error: APIError): string => PAYLOAD_CODES.find(([type]) => error instanceof type)?.[1] ?? 'refused'

/** The body for `error`, or null when it is not one a person may read (then it is a 500). */
export function errorBody(error: unknown, req: LanguageSource): ApiErrorBody | null {
  if (error instanceof ApiError) {
    return { errors: [{ message: error.messageIn(req), code: error.code, ...(error.details ? { data: error.details } : {}) }] }
  }
  // Payload's own (Forbidden, NotFound, ValidationError, a hook's public APIError), raised by a Local
  // API call inside an endpoint: same body, the class as the code (`refused` for a plain APIError), its data (field errors) kept.
  if (error instanceof APIError && error.isPublic && error.status < 500) {
    // QueryError's data is a list of paths: kept under `errors`, as ValidationError's are.
    const raw: unknown = error.data
    const data = Array.isArray(raw)
      ? { errors: raw }
      : raw && typeof raw === 'object' && Object.keys(raw).length > 0
        ? (raw as Record<string, unknown>)
        : undefined
    return { errors: [{ message: error.message, code: payloadCode(error), ...(data ? { data } : {}) }] }
  }
  return null
}

/**
 * The answer to `error`: `{ errors: [{ message, code, data? }] }` with its status (and headers).
 * Anything else is thrown again, for Payload to log and answer 500 (in the admin's language, see
 * `explainValidationErrors` in src/shared/errors.ts).
 */
export function errorResponse(error: unknown, req: LanguageSource): Response {
  const body = errorBody(error, req)
  if (!body) throw error
  const { status } = error as APIError
  return Response.json(body, { status, headers: error instanceof ApiError ? error.headers : {} })
}

/**
 * The config's `afterError` hook for an ApiError that escaped an endpoint (thrown by a collection
 * hook, say): REST answers get the same body as the endpoints' own, GraphQL answers the message in
 * the admin's language.
 */
export const apiErrorEnvelope: AfterErrorHook = ({ error, req, graphqlResult }) => {
  const original = ((error as { originalError?: unknown }).originalError ?? error) as unknown
  if (!(original instanceof ApiError)) return
  if (graphqlResult) return { graphqlResult: { ...graphqlResult, message: original.messageIn(req) } }
  return { response: errorBody(original, req) ?? undefined, status: original.status }
}
