/** The two things staff type into the account's chat: `绑定 12345678` (codes.ts CODE_DIGITS) and `审定`. */
export type WeChatCommand = { kind: 'bind'; code: string } | { kind: 'sign-off' }

/** NFKC: full-width digits and spaces (typed with a Chinese keyboard) count as ordinary ones. */
export function parseCommand(content: string): WeChatCommand | null {
  // Every resident's text passes here: skip the normalisation for the ones that cannot be commands.
  if (!content.includes('绑') && !content.includes('审')) return null
  const text = content.normalize('NFKC').trim()
  const bind = /^绑定[\s:：]*(\d{8})$/.exec(text)
  if (bind) return { kind: 'bind', code: bind[1]! }
  if (/^审定[。.!！]?$/.test(text)) return { kind: 'sign-off' }
  return null
}
