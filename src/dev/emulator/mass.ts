/** Mass send (群发): sendall with clientmsgid idempotency and quotas, preview, get, delete, and the finish event. */
import { buildXml, type XmlBuildRecord } from '../../wechat/xml'
import { wxError, wxOk } from './errors'
import { asNumber, asRecord, asString, byteLength, countRecent, type EmulatorContext, type Route } from './context'
import { generatedOpenid, subscribedOpenids, type AccountState, type DraftArticle, type MassJob, type MassStatus } from './state'
import { DAY_MS, shanghaiDate, shanghaiMonth } from '../../shared/time'

const SENDALL_PER_MINUTE = 60
const CLIENTMSGID_MAX_BYTES = 64
const CLIENTMSGID_TTL_MS = DAY_MS
const CLIENTMSGID_RETRY_TOO_FAST_MS = 60_000
const SERVICE_SENDS_PER_MONTH = 4
const SUBSCRIPTION_SENDS_PER_DAY = 1
const PREVIEWS_PER_DAY = 100

type Content = { msgType: string; articles: DraftArticle[]; draftId: string | null }

/** Reads `msgtype` and its payload; mpnews needs an existing draft. */
function readContent(account: AccountState, json: Record<string, unknown>): Content | number {
  const msgType = asString(json.msgtype)
  if (msgType === 'mpnews') {
    const mediaId = asString(asRecord(json.mpnews)?.media_id)
    if (!mediaId) return 41006
    const draft = account.drafts.get(mediaId)
    if (!draft) return 40007
    return { msgType, articles: draft.articles.map((a) => ({ ...a })), draftId: mediaId }
  }
  if (msgType === 'text') {
    return asString(asRecord(json.text)?.content) ? { msgType, articles: [], draftId: null } : 47001
  }
  return 40008
}

function readTargets(account: AccountState, filterValue: unknown): string[] | number {
  const filter = asRecord(filterValue)
  if (!filter) return 47001
  if (filter.is_to_all === true) return subscribedOpenids(account)
  const tagId = asNumber(filter.tag_id)
  if (tagId === null || !account.tags.has(tagId)) return 45159
  return subscribedOpenids(account).filter((openid) => account.users.get(openid)!.tagIds.includes(tagId))
}

function hasQuota(account: AccountState, now: number): boolean {
  if (account.config.type === 'subscription') {
    const today = shanghaiDate(now)
    return account.quotaSendTimes.filter((t) => shanghaiDate(t) === today).length < SUBSCRIPTION_SENDS_PER_DAY
  }
  // A service account reaches each follower 4 times per calendar month, Beijing time.
  const month = shanghaiMonth(now)
  return account.quotaSendTimes.filter((t) => shanghaiMonth(t) === month).length < SERVICE_SENDS_PER_MONTH
}

function createJob(context: EmulatorContext, account: AccountState, content: Content, targets: string[], preview: boolean): MassJob {
  const now = context.now()
  const sequence = context.state.sequence
  const job: MassJob = {
    msgId: sequence.msgId++,
    msgDataId: content.msgType === 'mpnews' ? sequence.msgDataId++ : 0,
    createdAt: now,
    finishAt: now + context.settings.massJobDelayMs,
    finished: false,
    outcome: (!preview && account.forcedMassOutcomes.shift()) || 'send success',
    msgType: content.msgType,
    articles: content.articles,
    targetOpenids: targets,
    deletedArticles: new Set(),
    preview,
  }
  account.massJobs.set(job.msgId, job)
  if (!preview) context.schedule(context.settings.massJobDelayMs, () => finishJob(context, account, job))
  return job
}

const sendAll: Route = {
  method: 'POST',
  path: '/cgi-bin/message/mass/sendall',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const { json } = request
    const now = context.now()
    if (countRecent(account.sendallCallTimes, now, 60_000) >= SENDALL_PER_MINUTE) return { body: wxError(45009) }
    account.sendallCallTimes.push(now)

    const clientMsgId = json.clientmsgid === undefined ? null : String(json.clientmsgid)
    if (clientMsgId !== null) {
      if (byteLength(clientMsgId) > CLIENTMSGID_MAX_BYTES) return { body: wxError(45067) }
      const previous = account.clientMsgIds.get(clientMsgId)
      if (previous && now - previous.at < CLIENTMSGID_TTL_MS) {
        if (now - previous.at < CLIENTMSGID_RETRY_TOO_FAST_MS) return { body: wxError(45066) }
        // Idempotent replay: the original send's msg_id comes back, nothing is sent again.
        return { body: wxError(45065, { msg_id: previous.msgId }) }
      }
    }

    const targets = readTargets(account, json.filter)
    if (typeof targets === 'number') return { body: wxError(targets) }
    const content = readContent(account, json)
    if (typeof content === 'number') return { body: wxError(content) }
    if (!hasQuota(account, now)) return { body: wxError(45028) }

    const job = createJob(context, account, content, targets, false)
    account.quotaSendTimes.push(now)
    if (clientMsgId !== null) account.clientMsgIds.set(clientMsgId, { msgId: job.msgId, at: now })
    // A draft is removed once it has been mass-sent.
    if (content.draftId) account.drafts.delete(content.draftId)
    const extra: Record<string, unknown> = { msg_id: job.msgId }
    if (job.msgDataId) extra.msg_data_id = job.msgDataId
    return { body: wxOk(extra, 'send job submission success') }
  },
}

const preview: Route = {
  method: 'POST',
  path: '/cgi-bin/message/mass/preview',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const now = context.now()
    const touser = asString(request.json.touser) ?? asString(request.json.towxname)
    if (!touser || !account.users.get(touser)?.subscribed) return { body: wxError(40003) }
    const content = readContent(account, request.json)
    if (typeof content === 'number') return { body: wxError(content) }
    if (countRecent(account.previewTimes, now, DAY_MS) >= PREVIEWS_PER_DAY) return { body: wxError(45009) }
    account.previewTimes.push(now)
    const job = createJob(context, account, content, [touser], true)
    return { body: wxOk({ msg_id: job.msgId }, 'preview success') }
  },
}

function massStatus(context: EmulatorContext, account: AccountState, job: MassJob): MassStatus {
  if (job.articles.length > 0 && job.deletedArticles.size >= job.articles.length) return 'DELETE'
  if (job.deletedArticles.has(0)) return 'DELETE'
  if (!job.preview && !job.finished && context.now() >= job.finishAt) finishJob(context, account, job)
  if (!job.finished && !job.preview) return 'SENDING'
  return job.outcome === 'send success' ? 'SEND_SUCCESS' : 'SEND_FAIL'
}

function findJob(account: AccountState, msgId: unknown): MassJob | null {
  const id = asNumber(msgId)
  return id === null ? null : (account.massJobs.get(id) ?? null)
}

const getMass: Route = {
  method: 'POST',
  path: '/cgi-bin/message/mass/get',
  auth: 'access_token',
  body: 'json',
  handle(request, context) {
    const account = request.account!
    const job = findJob(account, request.json.msg_id)
    if (!job) return { body: wxError(40059) }
    return { body: { msg_id: job.msgId, msg_status: massStatus(context, account, job) } }
  },
}

const deleteMass: Route = {
  method: 'POST',
  path: '/cgi-bin/message/mass/delete',
  auth: 'access_token',
  body: 'json',
  handle(request) {
    const job = findJob(request.account!, request.json.msg_id)
    if (!job) return { body: wxError(40059) }
    const index = asNumber(request.json.article_idx) ?? 0
    if (index < 0 || index > job.articles.length) return { body: wxError(47001) }
    // 1-based article index; 0 removes the whole message.
    job.deletedArticles.add(index)
    return { body: wxOk() }
  },
}

/** Marks the job done (once) and posts MASSSENDJOBFINISH to the callback URL. */
export function finishJob(context: EmulatorContext, account: AccountState, job: MassJob): void {
  if (job.finished) return
  job.finished = true
  void context.callbacks.deliver(account, massFinishedEventXml(account, job, context.now()))
}

export function articleUrl(account: AccountState, job: MassJob, index: number): string {
  return `https://mp.weixin.qq.com/s?__biz=${account.config.originalId}&mid=${job.msgDataId}&idx=${index}`
}

function massFinishedEventXml(account: AccountState, job: MassJob, now: number): string {
  const success = job.outcome === 'send success'
  const total = job.targetOpenids.length
  const copyrightFlagged = job.outcome === 'err(20013)'
  const record: XmlBuildRecord = {
    ToUserName: account.config.originalId,
    // The event comes from a system openid, not from a follower.
    FromUserName: generatedOpenid(account.config.appId, -1),
    CreateTime: Math.floor(now / 1000),
    MsgType: 'event',
    Event: 'MASSSENDJOBFINISH',
    MsgID: job.msgId,
    Status: job.outcome,
    TotalCount: total,
    FilterCount: success ? total : 0,
    SentCount: success ? total : 0,
    ErrorCount: job.outcome === 'send fail' ? total : 0,
    CopyrightCheckResult: {
      Count: copyrightFlagged ? 1 : 0,
      ResultList: copyrightFlagged
        ? {
            item: [
              {
                ArticleIdx: 1,
                UserDeclareState: 0,
                AuditState: 2,
                OriginalArticleUrl: 'http://mp.weixin.qq.com/s?__biz=original',
                OriginalArticleType: 1,
                CanReprint: 0,
                NeedReplaceContent: 0,
                NeedShowReprintSource: 1,
              },
            ],
          }
        : '',
      CheckState: copyrightFlagged ? 3 : 1,
    },
    ArticleUrlResult: success
      ? {
          Count: job.articles.length,
          ResultList: { item: job.articles.map((_, i) => ({ ArticleIdx: i + 1, ArticleUrl: articleUrl(account, job, i + 1) })) },
        }
      : { Count: 0, ResultList: '' },
  }
  return buildXml(record)
}

export const massRoutes: Route[] = [sendAll, preview, getMass, deleteMass]
