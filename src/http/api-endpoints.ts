/**
 * The one wrapper for the project's own endpoints (every collection's and global's `endpoints:`):
 * a body that is not JSON is refused first (415, see json-only.ts), then the handler runs and any
 * ApiError it throws — or Payload's own public error (Forbidden, NotFound, ValidationError) from a
 * Local API call inside it — is answered `{ errors: [{ message, code, data? }] }` with its status,
 * in the admin's language (see api-error.ts). Anything else goes on to Payload: logged, 500.
 * Handlers therefore throw their errors and return only their successes.
 */
import type { Endpoint } from 'payload'
import { errorResponse } from './api-error'
import { jsonOnly } from './json-only'

export function apiEndpoints(endpoints: Endpoint[]): Endpoint[] {
  return jsonOnly(endpoints).map((endpoint) => ({
    ...endpoint,
    handler: async (req) => {
      try {
        return await endpoint.handler(req)
      } catch (error) {
        return errorResponse(error, req)
      }
    },
  }))
}
