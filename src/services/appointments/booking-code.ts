/**
 * The short code a resident shows at the window (and staff type to check them in): 6 characters from an
 * alphabet without the look-alikes 0/O and 1/I, random from node:crypto.
 *
 * The alphabet has 32 characters (2–9 and the Latin capitals but I and O), so each character carries
 * 5 random bits with no modulo bias: 32^6 ≈ 1.07 × 10^9 codes. A code is unique only where it is
 * stored: the appointments collection keeps it under a unique index and draws again on a collision
 * (with a few thousand open appointments a collision is about one in a hundred thousand draws).
 */
import { randomBytes } from 'node:crypto'

/** 2–9 and A–Z without I and O: 32 characters. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
export const BOOKING_CODE_LENGTH = 6

/**
 * A new random booking code, `length` characters (default 6) of `BOOKING_CODE_ALPHABET`.
 * @throws RangeError when `length` is not a whole number from 4 to 16.
 */
export function generateBookingCode(length: number = BOOKING_CODE_LENGTH): string {
  if (!Number.isInteger(length) || length < 4 || length > 16) throw new RangeError('length must be a whole number from 4 to 16')
  const bytes = randomBytes(length)
  let code = ''
  for (const byte of bytes) code += BOOKING_CODE_ALPHABET[byte & 31]
  return code
}

/**
 * What staff or a resident typed, ready to look up: upper-case, spaces and hyphens removed. 0, O, 1 and
 * I are left as they are: no code contains them, so `isBookingCode` refuses the text and the form can
 * say so rather than guess which character was meant.
 */
export function normalizeBookingCode(input: string): string {
  return input.trim().replace(/[\s-]/g, '').toUpperCase()
}

/** True for a code of `length` characters of the alphabet (after `normalizeBookingCode`). */
export function isBookingCode(value: string, length: number = BOOKING_CODE_LENGTH): boolean {
  return value.length === length && [...value].every((char) => BOOKING_CODE_ALPHABET.includes(char))
}
