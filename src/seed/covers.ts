import sharp from 'sharp'

const PALETTES = [
  ['#c0392b', '#f5b041'],
  ['#1f618d', '#76d7c4'],
  ['#196f3d', '#f7dc6f'],
  ['#6c3483', '#f1948a'],
  ['#b9770e', '#85c1e9'],
  ['#117a65', '#f0b27a'],
]

/** A 900×383 cover drawn locally: a gradient and a few shapes, different for every seed. */
export async function drawCover(seed: number): Promise<Buffer> {
  const [from, to] = PALETTES[seed % PALETTES.length]
  const circles = Array.from({ length: 5 }, (_, index) => {
    const x = (seed * 97 + index * 173) % 900
    const y = (seed * 53 + index * 71) % 383
    const r = 30 + ((seed + index * 31) % 70)
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="#ffffff" fill-opacity="0.18"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="383">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="900" height="383" fill="url(#g)"/>${circles}
    <rect x="60" y="250" width="${300 + (seed % 5) * 60}" height="24" rx="12" fill="#ffffff" fill-opacity="0.6"/>
  </svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer()
}
