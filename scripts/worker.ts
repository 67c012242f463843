import { hostname } from 'node:os'
import cron from 'node-cron'
import { startPayloadOrExit } from '../src/cli/errors'
import { pollPushResults, POLL_PUSH_RESULTS_SCHEDULE } from '../jobs/poll-push-results'
import { runWeeklyPushTick, WEEKLY_PUSH_SCHEDULE } from '../jobs/weekly-push'
import { appointmentJobs } from '../jobs/appointments-daily'
import { backupJobs } from '../jobs/backup'
import { consultationJobs } from '../jobs/consultations-daily'
import { ratingJobs } from '../jobs/ratings-daily'
import { HEALTH_CHECK_SCHEDULE, runHealthCheck } from '../jobs/health-check'
import { startHeartbeat } from '../src/services/health/heartbeat'
import { analyticsJobs, analyticsSyncDue } from '../jobs/analytics-sync'
import { startInboundWorker } from '../src/inbound/worker'
import { settleConsultationAlerts } from '../src/services/consultations/submit'
import { TIME_ZONE } from '../src/shared/time'

// The scheduler process: node-cron triggers the jobs in Beijing time; each job claims its work in
// the database, so any number of these may run side by side.
// Listened for before anything else, so a stop during the start-up work (the catch-up tick can take a
// while) still ends cleanly — heartbeat removed — instead of Node's default kill. Every signal, not
// only the first: a terminal's Ctrl-C reaches this process (SIGINT) and npm start (SIGTERM), and a
// second one would otherwise kill it mid-stop and leave its heartbeat as 「已停止心跳（可能已崩溃）」.
const stopped = new Promise<void>((resolve) => {
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) console.log(`调度进程正在停止（收到 ${signal}），请稍候…`)
    stopping = true
    resolve()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
})
const payload = await startPayloadOrExit()
const owner = `${hostname()}-${process.pid}`

function serial(name: string, job: () => Promise<unknown>) {
  let running = false
  return async () => {
    if (running) return
    running = true
    try {
      const report = await job()
      payload.logger.debug({ msg: `job ${name}`, report })
    } catch (error) {
      payload.logger.error({ msg: `job ${name} failed`, error: error instanceof Error ? error.message : String(error) })
    } finally {
      running = false
    }
  }
}

const weeklyPush = serial('weekly-push', () => runWeeklyPushTick(payload, { owner }))
const pollResults = serial('poll-push-results', () => pollPushResults(payload))

// The callback's journal is imported here as each segment closes; rows left by a previous run are
// processed on start.
const inboundWorker = startInboundWorker(payload, 'scheduler')

const analytics = analyticsJobs(owner)

// 运行状态 calls the scheduler dead after 3 minutes without a beat (src/services/health/heartbeat.ts);
// it beats from here on, before the catch-up tick below, which may take a while.
const heartbeat = startHeartbeat(payload, {
  processId: owner,
  jobs: [
    'weekly-push',
    'poll-push-results',
    'wechat-inbound',
    ...Object.keys({ ...appointmentJobs, ...consultationJobs, ...ratingJobs, ...analytics, ...backupJobs }),
    'health-check',
  ],
})

// A slot missed while no scheduler ran is caught up now, within that slot's day.
await weeklyPush()
cron.schedule(WEEKLY_PUSH_SCHEDULE, weeklyPush, { timezone: TIME_ZONE, name: 'weekly-push' })
cron.schedule(POLL_PUSH_RESULTS_SCHEDULE, pollResults, { timezone: TIME_ZONE, name: 'poll-push-results' })
// The statistics of a day whose 08:30 run no scheduler made are fetched now (each account's run is
// claimed per day, so a second scheduler starting does nothing); not awaited: it takes a while.
if (analyticsSyncDue(new Date())) void serial('analyticsSync', () => analytics.analyticsSync.run(payload))()
for (const [name, job] of Object.entries({ ...appointmentJobs, ...consultationJobs, ...ratingJobs, ...analytics, ...backupJobs })) {
  cron.schedule(
    job.schedule,
    serial(name, () => job.run(payload)),
    { timezone: TIME_ZONE, name },
  )
}
cron.schedule(
  HEALTH_CHECK_SCHEDULE,
  serial('health-check', () => runHealthCheck(payload)),
  { timezone: TIME_ZONE, name: 'health-check' },
)
payload.logger.info(`调度进程已启动（${owner}）：每周推送按北京时间执行`)

// `payload run` exits when the script's module finishes: this one runs until it is stopped.
await stopped
inboundWorker.stop()
// A clean stop removes this process's heartbeat: only a process that died is reported as such.
await heartbeat.stop()
// Suggestions from the chat (stored by the inbound worker) start their staff alert without awaiting it.
await settleConsultationAlerts(payload)
await payload.destroy()
process.exit(0)
