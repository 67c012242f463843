/**
 * No module-level state that tests would have to reset: caches and registries are built once where
 * a process starts and passed in (the callback's runtime, src/inbound/callback-runtime.ts), or kept per Payload
 * instance (perPayload, src/shared/per-payload.ts) where code has only a Payload. Every module of src/,
 * collections/ and jobs/ is read with TypeScript's parser; at the top level of a module this finds
 * `let`/`var`, and `new X(…)` of anything but a stateless helper or a Map/Set the module never
 * changes. The few exceptions are listed with the reason each needs no reset.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'

const ROOTS = ['src', 'collections', 'jobs']

/** Constructors whose instances hold nothing that changes. */
const STATELESS = new Set(['TextEncoder', 'TextDecoder', 'Intl.DateTimeFormat', 'Intl.NumberFormat', 'Intl.Collator', 'RegExp', 'Error'])
/** Collections allowed at module level while the module never mutates them (constant lookups). */
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet'])
const MUTATORS = new Set(['set', 'add', 'delete', 'clear'])

/** `file name`: why this state needs no reset and is right at module level. */
const ALLOWED: Record<string, string> = {
  'src/wechat/crypto.ts decodedKeys': "an EncodingAESKey's decoded bytes: a pure function of the key",
  'src/wechat/crypto.ts contexts': "cipher contexts per key; every result equals a fresh context's (tests/wechat/crypto.test.ts holds them equal)",
  'src/wechat/crypto.ts randomOffset': 'the read position in a pool of random bytes',
  'src/services/auto-reply/safe-regex.ts compiled': 'compiled auto-reply patterns: a pure function of the pattern text',
  'src/services/push/store.ts lastSeq': 'step-log order within one process, by design per process (the clock orders processes)',
  'src/http/client-address.ts warned': 'a configuration warning logged once per process',
  'src/admin/code-editor/local-monaco.ts loading': "the browser's one load of the code editor",
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Names of module-level variables the module mutates through a Map/Set method (`name.set(…)`, …). */
function mutatedNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ts.isIdentifier(node.expression.expression) &&
      MUTATORS.has(node.expression.name.text)
    ) {
      names.add(node.expression.expression.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return names
}

/** `file name` of every module-level variable that holds state. */
function moduleState(file: string): string[] {
  const relative = path.relative(process.cwd(), file).split(path.sep).join('/')
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const mutated = mutatedNames(source)
  const found: string[] = []
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue
    const isConst = (statement.declarationList.flags & ts.NodeFlags.Const) !== 0
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(source)
      if (!isConst) {
        found.push(`${relative} ${name}`)
        continue
      }
      const init = declaration.initializer
      if (!init || !ts.isNewExpression(init)) continue
      const constructor = init.expression.getText(source)
      if (STATELESS.has(constructor)) continue
      if (COLLECTIONS.has(constructor) && !mutated.has(name)) continue
      found.push(`${relative} ${name}`)
    }
  }
  return found
}

test('module-level state in src/, collections/ and jobs/ is only the listed kinds that need no reset', () => {
  const found = ROOTS.flatMap((root) => sourceFiles(path.resolve(root))).flatMap(moduleState)
  expect(found.filter((entry) => !(entry in ALLOWED))).toEqual([])
  // An exception that is gone is taken off the list.
  expect(Object.keys(ALLOWED).filter((entry) => !found.includes(entry))).toEqual([])
})

test('the check finds what it looks for', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-state-'))
  try {
    const file = path.join(dir, 'sample.ts')
    fs.writeFileSync(
      file,
      [
        "const CONSTANT = new Set(['a'])",
        'const cache = new Map<string, number>()',
        'const limiter = new RateLimiterMemory({ points: 1 })',
        'let counter = 0',
        'const encoder = new TextEncoder()',
        'export function use(key: string) { cache.set(key, ++counter); return CONSTANT.has(key) && encoder && limiter }',
      ].join('\n'),
    )
    expect(moduleState(file).map((entry) => entry.split(' ')[1])).toEqual(['cache', 'limiter', 'counter'])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
