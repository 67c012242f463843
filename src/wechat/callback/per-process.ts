/**
 * One value per process under a global name. Next may load a module once per route bundle, so a
 * module-level constant can exist several times in the admin's process; what must be one per
 * process (a journal's writer, the inbound worker, the callback deps) is kept on globalThis.
 */
export function perProcess<T>(name: string, create: () => T): T {
  // globalThis's type has no symbol-keyed entries of our own: the registry is ours by its name.
  const registry = globalThis as unknown as Record<symbol, T | undefined>
  return (registry[Symbol.for(`street-office.${name}`)] ??= create())
}
