import { archiveName, archiveTime, chooseRetained } from '../../src/services/backup/retention'

/** An archive name for a Beijing wall-clock time `YYYY-MM-DD HH:mm`. */
const at = (beijing: string, suffix = 1) => archiveName(new Date(`${beijing.replace(' ', 'T')}:00+08:00`), suffix)

describe('backup archive names', () => {
  it('are Beijing time and parse back', () => {
    const instant = new Date('2026-11-30T18:30:05Z')
    expect(archiveName(instant)).toBe('cms-20261201-023005.tar.gz')
    expect(archiveTime('cms-20261201-023005.tar.gz')).toBe(instant.getTime())
    expect(archiveName(instant, 2)).toBe('cms-20261201-023005-2.tar.gz')
    expect(archiveTime('cms-20261201-023005-2.tar.gz')).toBeGreaterThan(instant.getTime())
    expect(archiveTime('.cms-20261201-023005.tar.gz.1.partial')).toBeNull()
    expect(archiveTime('notes.txt')).toBeNull()
  })
})

describe('retention: 7 daily, 4 weekly', () => {
  it('keeps the newest of each of the last 7 days and of each of the last 4 ISO weeks, and prunes the rest', () => {
    // 2026-12-31 is a Thursday (ISO week 2026-W53). One nightly backup per day for 60 days, plus a manual one on three days.
    const names: string[] = []
    for (let day = 0; day < 60; day++) {
      const date = new Date(Date.UTC(2026, 11, 31 - day)).toISOString().slice(0, 10)
      names.push(at(`${date} 02:30`))
    }
    names.push(at('2026-12-31 15:00'), at('2026-12-30 09:00'), at('2026-12-20 10:00'))
    const { keep, prune } = chooseRetained(names)
    const daily = ['2026-12-31 15:00', '2026-12-30 09:00', '2026-12-29 02:30', '2026-12-28 02:30', '2026-12-27 02:30', '2026-12-26 02:30', '2026-12-25 02:30']
    // Weeks: W53 (Mon 12-28 … Thu 12-31) newest is 12-31 15:00 (also daily); W52 (12-21 … 12-27) newest 12-27 (daily);
    // W51 (12-14 … 12-20): 12-20 10:00, not 02:30; W50 (12-07 … 12-13): 12-13.
    const weekly = ['2026-12-20 10:00', '2026-12-13 02:30']
    expect(keep).toEqual([...daily, ...weekly].map((time) => at(time)).sort((a, b) => archiveTime(b)! - archiveTime(a)!))
    expect(keep).toHaveLength(9)
    expect(prune).toHaveLength(names.length - 9)
    expect(prune).toContain(at('2026-12-31 02:30'))
    expect(prune).toContain(at('2026-12-20 02:30'))
    expect(new Set([...keep, ...prune]).size).toBe(names.length)
  })

  it('keeps everything while there are fewer backups than the policy holds, and never touches other files', () => {
    const names = [at('2026-12-01 02:30'), at('2026-12-02 02:30'), 'README.txt', '.cms-20261203-023000.tar.gz.77.partial', 'before-restore-x']
    const { keep, prune } = chooseRetained(names)
    expect(keep).toEqual([at('2026-12-02 02:30'), at('2026-12-01 02:30')])
    expect(prune).toEqual([])
  })

  it('counts days in Beijing time: 23:30 and 00:30 Beijing are two days', () => {
    const names = [at('2026-12-01 23:30'), at('2026-12-02 00:30'), at('2026-12-02 00:10')]
    const { keep, prune } = chooseRetained(names, { daily: 2, weekly: 0 })
    expect(keep).toEqual([at('2026-12-02 00:30'), at('2026-12-01 23:30')])
    expect(prune).toEqual([at('2026-12-02 00:10')])
  })

  it('a gap of weeks without backups does not shorten what is kept: weeks are counted among those with a backup', () => {
    const names = [at('2026-12-30 02:30'), at('2026-11-02 02:30'), at('2026-10-05 02:30'), at('2026-09-07 02:30'), at('2026-08-03 02:30')]
    const { keep, prune } = chooseRetained(names, { daily: 1, weekly: 4 })
    expect(keep).toEqual(names.slice(0, 4))
    expect(prune).toEqual([at('2026-08-03 02:30')])
  })
})
