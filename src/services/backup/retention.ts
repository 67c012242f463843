/**
 * Which backup archives to keep: 7 daily and 4 weekly, in Beijing time. Pure (unit tested in
 * tests/backup/retention.test.ts); the caller deletes what it answers as `prune`.
 */
import { isoWeekOf, shanghaiDate } from '../../shared/time'

/** `cms-YYYYMMDD-HHmmss.tar.gz`, Beijing time; `-N` when two were made in the same second. */
export const ARCHIVE_PATTERN = /^cms-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.tar\.gz$/

/** The archive's name for `instant` (Beijing time), e.g. `cms-20261201-023000.tar.gz`; `suffix` > 1 appends `-N`. */
export function archiveName(instant: Date, suffix = 1): string {
  const local = new Date(instant.getTime() + 8 * 3600_000).toISOString()
  const stamp = `${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 19).replaceAll(':', '')}`
  return `cms-${stamp}${suffix > 1 ? `-${suffix}` : ''}.tar.gz`
}

/** When an archive was made, from its name (epoch ms; the name is Beijing time), or null for another file. */
export function archiveTime(name: string): number | null {
  const match = ARCHIVE_PATTERN.exec(name)
  if (!match) return null
  const [, y, mo, d, h, mi, s, n] = match
  // Archives of the same second sort by their suffix.
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) - 8 * 3600_000 + (n ? Number(n) / 1000 : 0)
}

export interface RetentionPolicy {
  /** The newest archive of each of this many most recent Beijing days that have one. */
  daily: number
  /** The newest archive of each of this many most recent ISO weeks (Beijing) that have one. */
  weekly: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4 }

/**
 * Splits archive file names into those to keep and those to delete: the newest of each of the
 * `daily` most recent days with a backup, and the newest of each of the `weekly` most recent ISO
 * weeks with one (a week's newest is usually also a daily one). Names that are not archives
 * (ARCHIVE_PATTERN) are in neither list: they are never deleted. Both lists newest first.
 */
export function chooseRetained(names: readonly string[], policy: RetentionPolicy = DEFAULT_RETENTION): { keep: string[]; prune: string[] } {
  const archives = names
    .map((name) => ({ name, time: archiveTime(name) }))
    .filter((entry): entry is { name: string; time: number } => entry.time !== null)
    .sort((a, b) => b.time - a.time)
  const keep = new Set<string>()
  const newestPer = (bucket: (time: number) => string, count: number) => {
    const seen = new Set<string>()
    for (const { name, time } of archives) {
      const key = bucket(time)
      if (seen.has(key)) continue
      if (seen.size >= count) break
      seen.add(key)
      keep.add(name)
    }
  }
  newestPer((time) => shanghaiDate(time), policy.daily)
  newestPer((time) => isoWeekOf(new Date(time)), policy.weekly)
  return {
    keep: archives.filter((a) => keep.has(a.name)).map((a) => a.name),
    prune: archives.filter((a) => !keep.has(a.name)).map((a) => a.name),
  }
}
