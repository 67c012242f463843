import { APIError } from 'payload'

/** An error whose message (in Chinese) reaches the client as it is, with its HTTP status. */
export const publicError = (message: string, status: number): APIError => new APIError(message, status, {}, true)
