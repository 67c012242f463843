/** The 48-hour window as staff read it, e.g. "还可回复 12 小时 5 分钟". */
export function windowLabel(remainingMs: number): string {
  if (remainingMs <= 0) return '已超过 48 小时回复时限，无法回复；居民再次发来消息后可回复。'
  const minutes = Math.ceil(remainingMs / 60_000)
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  const text = hours > 0 ? `${hours} 小时${rest > 0 ? ` ${rest} 分钟` : ''}` : `${rest} 分钟`
  return `还可回复 ${text}`
}
