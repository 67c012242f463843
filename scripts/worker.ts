import { hostname } from 'node:os'
import cron from 'node-cron'
import { startPayloadOrExit } from '../src/cli/errors'
import { pollPushResults, POLL_PUSH_RESULTS_SCHEDULE } from '../jobs/poll-push-results'
import { runWeeklyPushTick, WEEKLY_PUSH_SCHEDULE } from '../jobs/weekly-push'
import { appointmentJobs } from '../jobs/appointments-daily'
import { consultationJobs } from '../jobs/consultations-daily'
import { ratingJobs } from '../jobs/ratings-daily'
import { analyticsJobs, analyticsSyncDue } from '../jobs/analytics-sync'
import { startInboundWorker } from '../src/inbound/worker'
import { settleConsultationAlerts } from '../src/services/consultations/submit'
import { TIME_ZONE } from '../src/shared/time'

// The scheduler process: node-cron triggers the jobs in Beijing time; each job claims its work in
// the database, so any number of these may run side by side.
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

// A slot missed while no scheduler ran is caught up now, within that slot's day.
await weeklyPush()
cron.schedule(WEEKLY_PUSH_SCHEDULE, weeklyPush, { timezone: TIME_ZONE, name: 'weekly-push' })
cron.schedule(POLL_PUSH_RESULTS_SCHEDULE, pollResults, { timezone: TIME_ZONE, name: 'poll-push-results' })
const analytics = analyticsJobs(owner)
// The statistics of a day whose 08:30 run no scheduler made are fetched now (each account's run is
// claimed per day, so a second scheduler starting does nothing); not awaited: it takes a while.
if (analyticsSyncDue(new Date())) void serial('analyticsSync', () => analytics.analyticsSync.run(payload))()
for (const [name, job] of Object.entries({ ...appointmentJobs, ...consultationJobs, ...ratingJobs, ...analytics })) {
  cron.schedule(
    job.schedule,
    serial(name, () => job.run(payload)),
    { timezone: TIME_ZONE, name },
  )
}
payload.logger.info(`调度进程已启动（${owner}）：每周推送按北京时间执行`)

// `payload run` exits when the script's module finishes: this one runs until it is stopped.
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve)
  process.once('SIGTERM', resolve)
})
inboundWorker.stop()
// Suggestions from the chat (stored by the inbound worker) start their staff alert without awaiting it.
await settleConsultationAlerts(payload)
await payload.destroy()
process.exit(0)
