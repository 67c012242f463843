/**
 * How WeChat measures a text: article titles, digests and authors in characters (an emoji or a Chinese
 * character is one), menu button names in UTF-8 bytes (a Chinese character is three).
 */
export type LengthUnit = 'chars' | 'bytes'

const encoder = new TextEncoder()

/** The length of `text` as WeChat counts it in `unit`. */
export function measure(text: string, unit: LengthUnit): number {
  return unit === 'bytes' ? encoder.encode(text).length : Array.from(text).length
}
