/** The secret that signs sessions. Never defaulted: a guessable secret is a forged login. */
export function requireSecret(): string {
  const secret = process.env.PAYLOAD_SECRET ?? ''
  if (secret.length < 32) {
    throw new Error('PAYLOAD_SECRET 未设置或少于 32 个字符。请在 .env 中设置（npm start 会为演示环境自动生成）。')
  }
  return secret
}
