import { manifestProblem, safeEntryPath } from '../../src/services/backup/manifest'
import { compareMigrations } from '../../src/services/backup/restore'

const valid = {
  format: 'street-office-cms-backup',
  version: 1,
  createdAt: '2026-12-01T18:30:00.000Z',
  app: { name: 'street-office-wechat-cms', version: '0.1.0' },
  database: { kind: 'sqlite', collections: [{ slug: 'users', table: 'users', count: 3 }], migrations: [], pushed: false },
  directories: [],
  secrets: [],
  files: [{ path: 'database/cms.db', size: 4096, sha256: 'a'.repeat(64) }],
}

describe('the backup manifest', () => {
  it('accepts this system’s manifest and names what is wrong with any other', () => {
    expect(manifestProblem(valid)).toBeNull()
    expect(manifestProblem(null)).toBe('清单不是 JSON 对象')
    expect(manifestProblem({ ...valid, format: 'other' })).toMatch(/不是本系统的备份/)
    expect(manifestProblem({ ...valid, version: 2 })).toMatch(/版本 2 不受支持/)
    expect(manifestProblem({ ...valid, files: [] })).toBe('备份中没有数据库')
    expect(manifestProblem({ ...valid, files: [...valid.files, { path: '../etc/passwd', size: 1, sha256: 'b'.repeat(64) }] })).toMatch(
      /文件条目无效：\.\.\/etc\/passwd/,
    )
    expect(manifestProblem({ ...valid, files: [{ path: 'database/cms.db', size: 1, sha256: 'not-a-hash' }] })).toMatch(/文件条目无效/)
    // Journal segments go back into one folder by name.
    const segment = (path: string) => ({ ...valid, files: [...valid.files, { path, size: 1, sha256: 'c'.repeat(64) }] })
    expect(manifestProblem(segment('journal/1764460800000-host_1-1.jsonl'))).toBeNull()
    expect(manifestProblem(segment('journal/ready/1764460800000-host_1-1.jsonl'))).toMatch(/回调日志条目无效/)
    expect(manifestProblem(segment('journal/notes.txt'))).toMatch(/回调日志条目无效/)
  })

  it('allows only relative paths that stay inside the folder they are unpacked in', () => {
    for (const ok of ['manifest.json', 'files/media/a b.jpg', 'secrets/payload-secret']) expect(safeEntryPath(ok)).toBe(true)
    for (const bad of ['', '/etc/passwd', '../x', 'files/../../x', 'files//x', 'files/./x', 'files\\x']) expect(safeEntryPath(bad)).toBe(false)
  })

  it('tells the migrations to run after a restore from those that make the backup newer than the code', () => {
    expect(compareMigrations(['m1', 'm2'], ['m1', 'm2', 'm3'])).toEqual({ missing: ['m3'], unknown: [] })
    expect(compareMigrations(['m1', 'm2', 'm4'], ['m1', 'm2'])).toEqual({ missing: [], unknown: ['m4'] })
    expect(compareMigrations(['m1'], ['m1'])).toEqual({ missing: [], unknown: [] })
  })
})
