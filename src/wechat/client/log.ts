/**
 * Structured logging for the client. Every entry passes through a scrubber: the app secret and
 * every access_token the client has seen are replaced by "***" wherever they appear, because
 * urllib puts the full request URL (with `?access_token=`) into its error messages.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogEntry = Record<string, unknown> & { event: string }

export interface WeChatLogger {
  log(level: LogLevel, entry: LogEntry): void
}

/** One JSON object per line on stdout/stderr. */
export const consoleJsonLogger: WeChatLogger = {
  log(level, entry) {
    const line = JSON.stringify({ time: new Date().toISOString(), level, ...entry })
    if (level === 'error' || level === 'warn') console.error(line)
    else console.log(line)
  },
}

/** The pino logger of a Payload instance (`payload.logger`). */
export interface PinoLike {
  debug(object: object, message?: string): void
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
  error(object: object, message?: string): void
}

export function payloadLogger(logger: PinoLike): WeChatLogger {
  return { log: (level, entry) => logger[level](entry, entry.event) }
}

/** A logger that keeps entries in memory; for tests. */
export function memoryLogger(): WeChatLogger & { entries: Array<{ level: LogLevel } & LogEntry>; text(): string } {
  const entries: Array<{ level: LogLevel } & LogEntry> = []
  return {
    entries,
    log: (level, entry) => entries.push({ level, ...entry }),
    text: () => entries.map((entry) => JSON.stringify(entry)).join('\n'),
  }
}

const MAX_REMEMBERED_SECRETS = 16
const SECRET_QUERY = /([?&](?:access_token|secret|appsecret)=)[^&\s"']*/gi

export class SecretScrubber {
  private readonly secrets: string[] = []

  constructor(initial: string[] = []) {
    initial.forEach((value) => this.remember(value))
  }

  /** Adds a value that must never be logged (bounded: old tokens are dead anyway). */
  remember(value: string | null | undefined): void {
    if (!value || value.length < 6 || this.secrets.includes(value)) return
    this.secrets.push(value)
    // Keep the first entry (the app secret) and the most recent tokens.
    if (this.secrets.length > MAX_REMEMBERED_SECRETS) this.secrets.splice(1, 1)
  }

  text(value: string): string {
    let result = value.replace(SECRET_QUERY, '$1***')
    for (const secret of this.secrets) result = result.split(secret).join('***')
    return result
  }

  entry(entry: LogEntry): LogEntry {
    return JSON.parse(this.text(JSON.stringify(entry))) as LogEntry
  }
}

export function scrubbingLogger(inner: WeChatLogger, scrubber: SecretScrubber): WeChatLogger {
  return { log: (level, entry) => inner.log(level, scrubber.entry(entry)) }
}
