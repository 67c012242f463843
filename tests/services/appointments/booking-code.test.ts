import { BOOKING_CODE_ALPHABET, generateBookingCode, isBookingCode, normalizeBookingCode } from '../../../src/services/appointments/booking-code'

describe('booking codes', () => {
  test('the alphabet: 32 distinct characters, digits 2–9 and capitals, none of 0 O 1 I', () => {
    expect(new Set(BOOKING_CODE_ALPHABET).size).toBe(32)
    expect(BOOKING_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/)
    for (const lookAlike of ['0', 'O', '1', 'I']) expect(BOOKING_CODE_ALPHABET).not.toContain(lookAlike)
  })

  test('a code is 6 characters of the alphabet by default; other lengths on request', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateBookingCode()
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
      expect(isBookingCode(code)).toBe(true)
    }
    expect(generateBookingCode(8)).toHaveLength(8)
    expect(() => generateBookingCode(3)).toThrow(RangeError)
    expect(() => generateBookingCode(6.5)).toThrow(RangeError)
  })

  test('random: every character used about equally, and 10 000 codes (nearly) all different', () => {
    const counts = new Map<string, number>()
    const codes = new Set<string>()
    for (let i = 0; i < 10_000; i++) {
      const code = generateBookingCode()
      codes.add(code)
      for (const char of code) counts.set(char, (counts.get(char) ?? 0) + 1)
    }
    // 60 000 characters over 32: 1875 each; a fair draw stays well within ±15 % (about 7 standard deviations)
    expect(counts.size).toBe(32)
    for (const count of counts.values()) expect(Math.abs(count - 1875)).toBeLessThan(1875 * 0.15)
    // expected collisions among 10 000 draws of 32^6: about 0.05
    expect(codes.size).toBeGreaterThanOrEqual(9_998)
  })

  test('what staff type is normalized; look-alikes are refused, not guessed', () => {
    expect(normalizeBookingCode(' ab2-cd3 ')).toBe('AB2CD3')
    expect(isBookingCode(normalizeBookingCode('ab2 cd3'))).toBe(true)
    expect(isBookingCode('AB0CD3')).toBe(false)
    expect(isBookingCode('ABOCD3')).toBe(false)
    expect(isBookingCode('AB1CD3')).toBe(false)
    expect(isBookingCode('ABICD3')).toBe(false)
    expect(isBookingCode('AB2CD')).toBe(false)
    expect(isBookingCode('ab2cd3')).toBe(false)
  })
})
