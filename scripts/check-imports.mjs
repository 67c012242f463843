#!/usr/bin/env node
/**
 * `npm run lint:imports`: the import rules of .dependency-cruiser.cjs (layers, no module cycles, the
 * Payload config kept light), then one rule dependency-cruiser cannot state: no cycle between folders
 * (folder A imports folder B and B, maybe through others, imports A). Exit code 1 on any violation,
 * each printed with the imports that make it.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { cruise, format } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const SCANNED = ['src', 'collections', 'jobs', 'scripts']

const options = await extractDepcruiseOptions(createRequire(import.meta.url).resolve(path.join(root, '.dependency-cruiser.cjs')))
const result = await cruise(SCANNED, { ...options, validate: true, outputType: 'json' }, undefined, {
  tsConfig: extractTSConfig(path.join(root, 'tsconfig.json')),
})
const cruised = typeof result.output === 'string' ? JSON.parse(result.output) : result.output
const rulesReport = await format(cruised, { outputType: 'err' })
process.stdout.write(rulesReport.output)

/**
 * A module's folder. The files at the top of src/ (the Payload config, the generated types, the
 * Next proxy) are nodes of their own: they are not a layer, and the config imports what imports the types.
 */
const folderOf = (file) => (/^src\/[^/]+$/.test(file) ? file : path.posix.dirname(file))

const edges = new Map() // folder → Map(folder → first import seen, as "from → to")
for (const cruisedModule of cruised.modules) {
  if (cruisedModule.coreModule || cruisedModule.source.includes('node_modules')) continue
  for (const dependency of cruisedModule.dependencies) {
    if (dependency.coreModule || dependency.couldNotResolve || dependency.resolved.includes('node_modules')) continue
    const from = folderOf(cruisedModule.source)
    const to = folderOf(dependency.resolved)
    if (from === to) continue
    if (!edges.has(from)) edges.set(from, new Map())
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${cruisedModule.source} → ${dependency.resolved}`)
  }
}

// Strongly connected components (Tarjan): each component of more than one folder is a cycle.
const index = new Map()
const low = new Map()
const stack = []
const onStack = new Set()
const components = []
let counter = 0
const visit = (folder) => {
  index.set(folder, counter)
  low.set(folder, counter)
  counter += 1
  stack.push(folder)
  onStack.add(folder)
  for (const next of edges.get(folder)?.keys() ?? []) {
    if (!index.has(next)) {
      visit(next)
      low.set(folder, Math.min(low.get(folder), low.get(next)))
    } else if (onStack.has(next)) low.set(folder, Math.min(low.get(folder), index.get(next)))
  }
  if (low.get(folder) === index.get(folder)) {
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(member)
    } while (member !== folder)
    if (component.length > 1) components.push(component)
  }
}
for (const folder of edges.keys()) if (!index.has(folder)) visit(folder)

for (const component of components) {
  console.log(`\n  error folder-cycle: ${component.join(' ⇄ ')}`)
  for (const from of component)
    for (const [to, example] of edges.get(from) ?? []) if (component.includes(to)) console.log(`      ${from} → ${to}  (${example})`)
}
if (components.length === 0) console.log('✔ no cycles between folders')
process.exitCode = rulesReport.exitCode > 0 || components.length > 0 ? 1 : 0
