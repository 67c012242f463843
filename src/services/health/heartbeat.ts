/**
 * The scheduler's heartbeat (`scheduler-heartbeats`): each worker process writes its row at start and
 * every minute; the health check calls the scheduler dead when no row was beaten for 3 minutes.
 */
import { hostname } from 'node:os'
import type { Payload } from 'payload'

export const HEARTBEAT_INTERVAL_MS = 60_000
/** Rows of processes that died are kept a day (the health page names them), then pruned. */
export const HEARTBEAT_KEEP_MS = 24 * 3600_000

export interface HeartbeatProcess {
  /** `<hostname>-<pid>`, the worker's owner name. */
  processId: string
  startedAt: string
  /** Names of the jobs the process schedules. */
  jobs: string[]
}

/**
 * Writes this process's beat (`now`, ms) and prunes rows older than a day. Only this process writes
 * its row, so a find-then-write is enough (no claim needed).
 */
export async function beat(payload: Payload, process: HeartbeatProcess, now = Date.now()): Promise<void> {
  const lastBeatAt = new Date(now).toISOString()
  const existing = await payload.find({
    collection: 'scheduler-heartbeats',
    overrideAccess: true,
    depth: 0,
    limit: 1,
    pagination: false,
    where: { processId: { equals: process.processId } },
  })
  const row = existing.docs[0]
  if (row) {
    await payload.update({ collection: 'scheduler-heartbeats', id: row.id, overrideAccess: true, depth: 0, data: { lastBeatAt, jobs: process.jobs } })
  } else {
    const [host, pid] = [hostname(), Number(process.processId.split('-').at(-1))]
    await payload.create({
      collection: 'scheduler-heartbeats',
      overrideAccess: true,
      depth: 0,
      data: {
        processId: process.processId,
        hostname: host,
        pid: Number.isFinite(pid) ? pid : null,
        startedAt: process.startedAt,
        lastBeatAt,
        jobs: process.jobs,
      },
    })
  }
  await payload.delete({
    collection: 'scheduler-heartbeats',
    overrideAccess: true,
    where: { lastBeatAt: { less_than: new Date(now - HEARTBEAT_KEEP_MS).toISOString() } },
  })
}

/** A clean stop removes the row: only processes that died without stopping are reported. */
export async function endHeartbeat(payload: Payload, processId: string): Promise<void> {
  await payload.delete({ collection: 'scheduler-heartbeats', overrideAccess: true, where: { processId: { equals: processId } } })
}

/**
 * Beats now and every minute until `stop()`; a failed beat is logged, never thrown (the next one
 * tries again, and a database that stays down shows on the health page anyway).
 */
export function startHeartbeat(payload: Payload, process: Omit<HeartbeatProcess, 'startedAt'>): { stop: () => Promise<void> } {
  const heartbeat: HeartbeatProcess = { ...process, startedAt: new Date().toISOString() }
  const tick = () =>
    beat(payload, heartbeat).catch((error: unknown) =>
      payload.logger.warn({ msg: 'scheduler heartbeat failed', error: error instanceof Error ? error.message : String(error) }),
    )
  let running = tick()
  const timer = setInterval(() => {
    running = running.then(tick)
  }, HEARTBEAT_INTERVAL_MS)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await running
      await endHeartbeat(payload, heartbeat.processId).catch(() => undefined)
    },
  }
}
