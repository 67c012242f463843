/**
 * Whether the system is running, before a restore replaces its database: the processes that hold
 * the SQLite file open (Linux's /proc: the admin, the callback server and the schedulers all do),
 * and the ports of the admin and the callback server.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

/**
 * Process ids (other than this one) with `file` or its `-wal`/`-shm` open, read from /proc. Empty
 * where /proc is missing (not Linux) or unreadable (another user's processes): the port check below
 * covers those.
 */
export function processesUsing(file: string): number[] {
  const targets = new Set(['', '-wal', '-shm'].map((suffix) => path.resolve(`${file}${suffix}`)))
  let pids: string[]
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
  } catch {
    return []
  }
  const found: number[] = []
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        if (targets.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          found.push(Number(pid))
          break
        }
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return found
}

/** Resolves true when something listens on `host:port` (a connection is accepted within a second). */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    const done = (answer: boolean) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}
