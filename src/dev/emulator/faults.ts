/**
 * Fault injection, so the CMS's retry and idempotency code can be exercised: latency, `-1`
 * answers, HTTP 500, token invalidation, and "do the work but drop the response".
 */
export interface FaultSettings {
  /** Added to every matching API call. */
  latencyMs: number
  /** Share (0..1) of matching calls answered `{"errcode":-1}` without doing anything. */
  systemErrorRate: number
  /** Share (0..1) of matching calls answered with HTTP 500 without doing anything. */
  http500Rate: number
  /** Limit latency and error shares to these paths; null = every API path. */
  paths: string[] | null
}

/**
 * A datacube report answered with a WeChat error instead of its figures: for every request to `path`
 * (e.g. `/datacube/getusersummary`) whose begin_date…end_date covers `date` (absent: any request),
 * until cleared. E.g. 45009 (quota), 61501 (date out of range) for one day of a sync.
 */
export interface DatacubeFault {
  path: string
  date?: string
  errcode: number
}

/** The JSON accepted by `POST /__emulator/faults` and `WECHAT_EMULATOR_FAULTS`. */
export interface FaultCommand extends Partial<FaultSettings> {
  /** Added to the datacube faults in force (`clear` removes them). */
  datacubeErrors?: DatacubeFault[]
  /** Path -> number of upcoming calls whose response is dropped after the work is done. */
  dropResponses?: Record<string, number>
  invalidateTokens?: boolean
  /** Clear everything before applying the rest. */
  clear?: boolean
}

export interface FaultDecision {
  latencyMs: number
  answer: 'normal' | 'system-error' | 'http-500'
  dropResponse: boolean
}

const NO_FAULTS: FaultSettings = { latencyMs: 0, systemErrorRate: 0, http500Rate: 0, paths: null }

export class FaultController {
  private settings: FaultSettings = { ...NO_FAULTS }
  private readonly drops = new Map<string, number>()
  private datacube: DatacubeFault[] = []

  constructor(
    private readonly random: () => number,
    private readonly invalidateTokens: () => void,
  ) {}

  set(partial: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...partial }
  }

  clear(): void {
    this.settings = { ...NO_FAULTS }
    this.drops.clear()
    this.datacube = []
  }

  /** The errcode a datacube request over `begin`…`end` (YYYY-MM-DD) is to be answered with, or null. */
  datacubeError(path: string, begin: string, end: string): number | null {
    const fault = this.datacube.find((entry) => entry.path === path && (entry.date === undefined || (entry.date >= begin && entry.date <= end)))
    return fault ? fault.errcode : null
  }

  /** The next `count` calls to `path` run normally, then the socket is destroyed instead of answering. */
  dropNextResponses(path: string, count = 1): void {
    this.drops.set(path, (this.drops.get(path) ?? 0) + count)
  }

  invalidateAllTokens(): void {
    this.invalidateTokens()
  }

  current(): FaultSettings & { dropResponses: Record<string, number>; datacubeErrors: DatacubeFault[] } {
    return { ...this.settings, dropResponses: Object.fromEntries(this.drops), datacubeErrors: [...this.datacube] }
  }

  apply(command: FaultCommand): void {
    if (command.clear) this.clear()
    const { dropResponses, invalidateTokens, datacubeErrors, clear: _clear, ...settings } = command
    this.set(sanitize(settings))
    for (const [path, count] of Object.entries(dropResponses ?? {})) {
      if (Number.isInteger(count) && count > 0) this.dropNextResponses(path, count)
    }
    if (invalidateTokens) this.invalidateAllTokens()
    for (const fault of datacubeErrors ?? []) {
      if (typeof fault?.path === 'string' && Number.isInteger(fault.errcode)) {
        this.datacube.push({ path: fault.path, errcode: fault.errcode, ...(typeof fault.date === 'string' ? { date: fault.date } : {}) })
      }
    }
  }

  decide(path: string): FaultDecision {
    const matches = this.settings.paths === null || this.settings.paths.includes(path)
    const pendingDrops = this.drops.get(path) ?? 0
    if (pendingDrops > 0) {
      if (pendingDrops === 1) this.drops.delete(path)
      else this.drops.set(path, pendingDrops - 1)
    }
    if (!matches) return { latencyMs: 0, answer: 'normal', dropResponse: pendingDrops > 0 }
    let answer: FaultDecision['answer'] = 'normal'
    if (this.settings.http500Rate > 0 && this.random() < this.settings.http500Rate) answer = 'http-500'
    else if (this.settings.systemErrorRate > 0 && this.random() < this.settings.systemErrorRate) answer = 'system-error'
    return { latencyMs: this.settings.latencyMs, answer, dropResponse: pendingDrops > 0 && answer === 'normal' }
  }
}

function sanitize(settings: Partial<FaultSettings>): Partial<FaultSettings> {
  const result: Partial<FaultSettings> = {}
  if (typeof settings.latencyMs === 'number' && settings.latencyMs >= 0) result.latencyMs = settings.latencyMs
  if (typeof settings.systemErrorRate === 'number') result.systemErrorRate = clampShare(settings.systemErrorRate)
  if (typeof settings.http500Rate === 'number') result.http500Rate = clampShare(settings.http500Rate)
  if (settings.paths === null || (Array.isArray(settings.paths) && settings.paths.every((p) => typeof p === 'string'))) {
    result.paths = settings.paths
  }
  return result
}

function clampShare(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0
}

/** Reads `WECHAT_EMULATOR_FAULTS`; a malformed value is a startup error, not silently ignored. */
export function faultsFromEnv(raw: string | undefined): FaultCommand | null {
  if (!raw || raw.trim() === '') return null
  const parsed: unknown = JSON.parse(raw)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('WECHAT_EMULATOR_FAULTS must be a JSON object')
  }
  return parsed as FaultCommand
}
