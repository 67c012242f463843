/**
 * The 好差评 pages as functions of (Payload, Request), like appointment-handlers.tsx: the rating form
 * (GET) and its submission (POST), the resident's verdict and appeal on a rectification (POST), and the
 * public monthly summary. The form and the actions need the resident (requireResident) and see only
 * their own matters (404 otherwise); the summary is public and carries no personal data.
 */
import type { Payload } from 'payload'
import { ApiError } from '../../../../http/api-error'
import { currentMonth, isMonth, loadMonthlySummary, shiftMonth } from '../../../../services/ratings/public-summary'
import { canRate } from '../../../../services/ratings/rating-target'
import { loadRateableMatter, rateMatter, type RateTargetRef } from '../../../../services/ratings/rate'
import { loadRectification, takeRectificationStep } from '../../../../services/ratings/rectify'
import { residentRatingView } from '../../../../services/ratings/resident-view'
import { loadRatingSettings } from '../../../../services/ratings/settings'
import { foreignPost } from './appointment-handlers'
import { MonthlySummaryPage, MyRatingSection, RateFormPage } from './ratings'
import { readForm, SMALL_FORM_BODY, unreadableFormResponse } from './form-body'
import { htmlResponse } from './render'
import { requireResident } from './session'
import { MessagePage, NotFoundPage } from './shell'

const ID = /^[0-9A-Za-z-]{1,64}$/
/** The kinds of matter rated on these pages: an appointment, a consultation reply (微问政, `consultation-submissions`). */
const KINDS = ['appointment', 'reply'] as const

/** After the resident's verdict or appeal (303 back with `?<action>=1`). */
const VERDICT_FLASH: Record<string, string> = {
  accept: '感谢您认可整改结果。',
  dispute: '已记录您的意见，科室将再次整改。',
  appeal: '申诉已提交，街道领导将复核。',
}

const notFound = (what: string) => htmlResponse(<NotFoundPage what={what} />, { status: 404, cache: 'personal' })
const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } })

/** The resident's page of the rated matter: the appointment, or 我的建议 (the consultation pages, wip/consult-pages) for a reply. */
const matterHref = (ref: RateTargetRef) => (ref.kind === 'appointment' ? `/m/appointments/${ref.id}` : '/m/my-suggestions')

/** Where the rating's rectification is shown and answered: the appointment's page, or for a reply its rating page. */
const ratingHomeHref = (ref: RateTargetRef) => (ref.kind === 'appointment' ? `/m/appointments/${ref.id}` : `/m/rate/${ref.kind}/${ref.id}`)

function parseRef(kind: string, id: string): RateTargetRef | null {
  if (!(KINDS as readonly string[]).includes(kind) || !ID.test(id)) return null
  return { kind: kind as RateTargetRef['kind'], id }
}

const text = (value: FormDataEntryValue | null, max = 2000): string => (typeof value === 'string' ? value.slice(0, max) : '')

/**
 * `GET /m/rate/<kind>/<id>`: the rating form of the resident's closed matter; once rated (or with
 * `?done=1` right after), their rating; a matter not rateable (not closed, not served) says why.
 */
export async function ratePageResponse(payload: Payload, request: Request, kind: string, id: string): Promise<Response> {
  const ref = parseRef(kind, id)
  if (!ref) return notFound('事项')
  const gate = await requireResident(payload, request)
  if (gate.response) return gate.response
  const openid = gate.identity.openid
  const matter = await loadRateableMatter(payload, ref)
  if (!matter || !matter.openid || matter.openid !== openid) return notFound('事项')
  const view = await residentRatingView(payload, ref, openid)
  if (view) {
    const query = new URL(request.url).searchParams
    const thanks = query.get('done') === '1'
    const flash = Object.keys(VERDICT_FLASH).find((key) => query.get(key) === '1')
    // An appointment's rectification is answered on the appointment's page; a reply's here.
    const actionsHere = ref.kind === 'reply'
    return htmlResponse(
      <MessagePage
        title={thanks ? '感谢您的评价' : '我的评价'}
        links={[{ href: matterHref(ref), label: ref.kind === 'appointment' ? '返回事项' : '我的建议', primary: true }]}
      >
        {flash ? (
          <p className="m-ok" role="status">
            {VERDICT_FLASH[flash]}
          </p>
        ) : null}
        <p>{thanks ? '您的评价已提交。' : '每件事项只能评价一次，您已经评价过了。'}</p>
        <MyRatingSection
          view={actionsHere ? view : { ...view, rectification: view.rectification ? { ...view.rectification, actions: [] } : null }}
          rateHref={null}
        />
        {view.rectification && thanks ? <p>我们将在整改期限内回访您，并把整改结果反馈给您。</p> : null}
      </MessagePage>,
      { cache: 'personal' },
    )
  }
  const decision = canRate(matter.target, { isOwner: true }, false)
  if (!decision.ok) {
    return htmlResponse(
      <MessagePage title="暂不能评价" links={[{ href: matterHref(ref), label: '返回事项', primary: true }]}>
        <p>{decision.message}</p>
      </MessagePage>,
      { status: decision.status, cache: 'personal' },
    )
  }
  const settings = await loadRatingSettings(payload)
  return htmlResponse(<RateFormPage action={`/m/rate/${ref.kind}/${ref.id}`} title={matter.title} backHref={matterHref(ref)} reasons={settings.reasons} />, {
    cache: 'personal',
  })
}

/**
 * `POST /m/rate/<kind>/<id>`: stores the rating (rate.ts), then 303 to `?done=1`. The reasons ticked
 * in every level's group are sent to `validateRating`, which refuses any not of the chosen level; a
 * refusal shows the form again with what was chosen. Two posts at once: one rating; the other is told
 * 「该事项已评价」 (409).
 */
export async function rateSubmitResponse(payload: Payload, request: Request, kind: string, id: string, options: { now?: number } = {}): Promise<Response> {
  const ref = parseRef(kind, id)
  if (!ref) return notFound('事项')
  const refused = foreignPost(request)
  if (refused) return refused
  const gate = await requireResident(payload, request, { next: `/m/rate/${ref.kind}/${ref.id}` })
  if (gate.response) return gate.response
  const read = await readForm(request, SMALL_FORM_BODY)
  if (!read.ok) return unreadableFormResponse(read.reason, `/m/rate/${ref.kind}/${ref.id}`)
  const form = read.form
  const level = text(form.get('level'), 40)
  const reasons = [...form.entries()].filter(([name]) => name.startsWith('reason_')).map(([, value]) => text(value, 100))
  const comment = text(form.get('comment'), 2000)
  try {
    await rateMatter(payload, {
      openid: gate.identity.openid,
      accountId: gate.accountId,
      target: ref,
      input: { level: level || undefined, reasons, comment },
      now: options.now,
    })
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 404 || error.status === 403) return notFound('事项')
    if (error.code === 'invalid-rating') {
      const [matter, settings] = [await loadRateableMatter(payload, ref), await loadRatingSettings(payload)]
      return htmlResponse(
        <RateFormPage
          action={`/m/rate/${ref.kind}/${ref.id}`}
          title={matter?.title ?? ''}
          backHref={matterHref(ref)}
          reasons={settings.reasons}
          values={{ level, reasons, comment }}
          error={{ message: error.message, problems: error.details?.problems as Record<string, string> | undefined }}
        />,
        { status: 400, cache: 'personal' },
      )
    }
    return htmlResponse(
      <MessagePage title={error.code === 'already-rated' ? '该事项已评价' : '暂不能评价'} links={[{ href: matterHref(ref), label: '返回事项', primary: true }]}>
        <p>{error.message}</p>
      </MessagePage>,
      { status: error.status, cache: 'personal' },
    )
  }
  return seeOther(`/m/rate/${ref.kind}/${ref.id}?done=1`)
}

/**
 * `POST /m/rectifications/<id>` (`action` = accept | dispute | appeal, `note` optional): the resident's
 * verdict on the fix, or their one appeal to the leader; 303 back to the matter's page with `?<action>=1`,
 * or the refusal (409: not from this state, appeal already used).
 */
export async function rectificationActionResponse(payload: Payload, request: Request, id: string, options: { now?: number } = {}): Promise<Response> {
  if (!ID.test(id)) return notFound('差评整改')
  const refused = foreignPost(request)
  if (refused) return refused
  const gate = await requireResident(payload, request, { next: '/m/appointments' })
  if (gate.response) return gate.response
  const loaded = await loadRectification(payload, id)
  if (!loaded || loaded.rating.openid !== gate.identity.openid) return notFound('差评整改')
  const back = ratingHomeHref({ kind: loaded.rating.targetKind, id: loaded.rating.targetId })
  const read = await readForm(request, SMALL_FORM_BODY)
  if (!read.ok) return unreadableFormResponse(read.reason, back)
  const form = read.form
  const action = text(form.get('action'), 40)
  // Only the resident's own actions here: a staff action named in a forged form is refused by the rules (403).
  try {
    await takeRectificationStep(payload, id, action, { kind: 'resident', openid: gate.identity.openid }, { note: text(form.get('note')) }, options.now)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 404) return notFound('差评整改')
    return htmlResponse(
      <MessagePage title="操作未完成" links={[{ href: back, label: '返回事项', primary: true }]}>
        <p>{error.message}</p>
      </MessagePage>,
      { status: error.status, cache: 'personal' },
    )
  }
  return seeOther(`${back}?${action}=1`)
}

/**
 * `GET /m/ratings` (the current Beijing month) and `/m/ratings/<YYYY-MM>`: the public monthly summary,
 * with links to the month before and (up to the current month) after. A month after the current one, or
 * not `YYYY-MM`: 404.
 */
export async function ratingsSummaryResponse(payload: Payload, _request: Request, month?: string, options: { now?: number } = {}): Promise<Response> {
  const current = currentMonth(options.now ?? Date.now())
  const shown = month ?? current
  if (!isMonth(shown) || shown > current) return htmlResponse(<NotFoundPage what="月度公示" />, { status: 404, cache: 'public-info' })
  const summary = await loadMonthlySummary(payload, shown)
  const next = shiftMonth(shown, 1)
  return htmlResponse(<MonthlySummaryPage summary={summary} prev={shiftMonth(shown, -1)} next={next <= current ? next : null} />, { cache: 'public-info' })
}
