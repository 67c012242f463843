import type { Payload } from 'payload'

/**
 * One value per process under a global name. Next may load a module once per route bundle (and
 * again on a dev reload), so a module-level constant can exist several times in the admin's
 * process; what must be one per process is kept on globalThis. Used only through perPayload: state
 * is built once and passed in (see src/inbound/README.md, "State").
 */
function perProcess<T>(name: string, create: () => T): T {
  // globalThis's type has no symbol-keyed entries of our own: the registry is ours by its name.
  const registry = globalThis as unknown as Record<symbol, T | undefined>
  return (registry[Symbol.for(`street-office.${name}`)] ??= create())
}

/**
 * `create(payload)` built once per Payload instance and process, on first use: for what code that
 * has no constructor of its own — a Next route handler, a Payload endpoint or hook, which get only
 * the Payload (`req.payload`) — shares between calls. Keyed by the instance, not by a global: another
 * Payload (another database, each test's) gets its own value, so nothing ever needs resetting, and
 * a destroyed Payload's value goes with it (WeakMap). `name` must be unique in the project.
 */
export function perPayload<T>(name: string, create: (payload: Payload) => T): (payload: Payload) => T {
  const values = perProcess(name, () => new WeakMap<Payload, T>())
  return (payload) => {
    let value = values.get(payload)
    if (value === undefined) {
      value = create(payload)
      values.set(payload, value)
    }
    return value
  }
}
