/**
 * 微问政's markup for residents: the topics (征集中, 已截止, 结果已公开), one topic with its public
 * suggestions and outcome, the suggestion form with photos, and 我的建议. No script: the form posts
 * multipart, the withdraw button is a form, photos are plain links to the full image.
 */
/* eslint-disable @next/next/no-img-element -- plain markup from renderToStaticMarkup, no Next page: next/image's loader and script do not apply */
import type { OwnSuggestion, PublicSuggestion, TopicCard, TopicDetail, TopicImage } from '../../../../services/consultations/resident-views'
import { topicImageHref } from '../../../../services/consultations/resident-views'
import type { SubmissionField } from '../../../../services/consultations/submission'
import { MAX_PHOTOS, MAX_TEXT_LENGTH } from '../../../../services/consultations/submission'
import { formatShanghai, formatShanghaiDay } from '../../../../shared/time'
import { MessagePage, Shell } from './shell'

const PHASE_GROUPS: Array<{ phase: TopicCard['phase']; title: string }> = [
  { phase: 'open', title: '征集中' },
  { phase: 'closed', title: '已截止' },
  { phase: 'outcome_published', title: '结果已公开' },
]

/** The phase as a badge: green while it takes suggestions, grey after, blue once the outcome is out. */
function PhaseBadge({ topic }: { topic: Pick<TopicCard, 'phase' | 'phaseLabel'> }) {
  const tone = topic.phase === 'open' ? '' : topic.phase === 'outcome_published' ? ' m-badge_online' : ' m-badge_off'
  return <span className={`m-badge${tone}`}>{topic.phaseLabel}</span>
}

/** A suggestion's state as a badge: 待审核 orange, 已公开/已回复 green, 未采纳/已撤回 grey. */
function StateBadge({ state, label }: { state: string; label: string }) {
  const tone = state === 'pending' ? ' m-badge_warn' : state === 'rejected' || state === 'withdrawn' ? ' m-badge_off' : ''
  return <span className={`m-badge${tone}`}>{label}</span>
}

const dates = (topic: Pick<TopicCard, 'opensOn' | 'closesOn'>) => `${topic.opensOn} 至 ${topic.closesOn}`

/** Photos as thumbnails linking to the full image (no script: the browser's own viewer). */
function Photos({ hrefs, label }: { hrefs: string[]; label: string }) {
  if (hrefs.length === 0) return null
  return (
    <ul className="m-photos" aria-label={label}>
      {hrefs.map((href, index) => (
        <li key={href}>
          <a href={href}>
            <img src={href} alt={`${label} ${index + 1}`} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  )
}

function Images({ images, label }: { images: TopicImage[]; label: string }) {
  if (images.length === 0) return null
  return (
    <figure className="m-figure">
      <figcaption className="m-muted">{label}</figcaption>
      <ul className="m-photos">
        {images.map((image, index) => (
          <li key={image.id}>
            <a href={topicImageHref(image.id)}>
              <img src={topicImageHref(image.id, 'thumbnail')} alt={image.alt || `${label} ${index + 1}`} loading="lazy" />
            </a>
          </li>
        ))}
      </ul>
    </figure>
  )
}

/** `/m/topics`: every topic residents may see, grouped by phase. */
export function TopicsPage({ topics }: { topics: TopicCard[] }) {
  return (
    <Shell title="微问政">
      <main className="m-page">
        <header className="m-header">
          <h1>微问政</h1>
          <p className="m-sub">街道就身边的事征求您的意见：提建议、看回复、查结果。</p>
        </header>
        {topics.length === 0 ? (
          <section className="m-section">
            <p>暂无征集话题，欢迎以后再来看看。</p>
          </section>
        ) : null}
        {PHASE_GROUPS.map(({ phase, title }) => {
          const group = topics.filter((topic) => topic.phase === phase)
          if (group.length === 0) return null
          return (
            <section key={phase}>
              <h2 className="m-group-title">{title}</h2>
              <ul className="m-list">
                {group.map((topic) => (
                  <li key={topic.id}>
                    <a href={`/m/topics/${topic.id}`} className="m-topic">
                      {topic.cover ? (
                        <img className="m-topic-cover" src={topicImageHref(topic.cover.id, 'cover')} alt={topic.cover.alt || topic.title} />
                      ) : null}
                      <span className="m-title">{topic.title}</span>
                      <span className="m-badges">
                        <PhaseBadge topic={topic} />
                        <span className="m-badge m-badge_off">{topic.categoryLabel}</span>
                      </span>
                      <span className="m-muted">
                        征集时间 {dates(topic)} · {topic.publicCount} 条公开建议
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )
        })}
        <div className="m-actions">
          <a className="weui-btn weui-btn_default" href="/m/my-suggestions">
            我的建议
          </a>
        </div>
      </main>
    </Shell>
  )
}

function SuggestionItem({ suggestion }: { suggestion: PublicSuggestion }) {
  return (
    <li className="m-suggestion">
      <p className="m-muted">
        居民建议 · {formatShanghaiDay(suggestion.receivedAt)} <StateBadge state={suggestion.state} label={suggestion.stateLabel} />
      </p>
      <p className="m-text">{suggestion.text}</p>
      <Photos hrefs={suggestion.photos} label="建议照片" />
      {suggestion.reply ? (
        <div className="m-reply">
          <p className="m-muted">街道回复{suggestion.answeredAt ? ` · ${formatShanghaiDay(suggestion.answeredAt)}` : ''}</p>
          <p className="m-text">{suggestion.reply}</p>
        </div>
      ) : null}
    </li>
  )
}

/** `/m/topics/<id>`: the question and background, how to take part, the outcome, the public suggestions. */
export function TopicPage({ topic }: { topic: TopicDetail }) {
  return (
    <Shell title={topic.title}>
      <main className="m-page">
        {topic.cover ? <img className="m-topic-banner" src={topicImageHref(topic.cover.id, 'cover')} alt={topic.cover.alt || topic.title} /> : null}
        <header className="m-header">
          <h1>{topic.title}</h1>
          <p className="m-badges">
            <PhaseBadge topic={topic} />
            <span className="m-badge m-badge_off">{topic.categoryLabel}</span>
          </p>
          <p className="m-sub">征集时间：{dates(topic)}（北京时间，含首尾两天）</p>
        </header>
        <section className="m-section">
          <h2>征集的问题</h2>
          <p className="m-text">{topic.question}</p>
        </section>
        {topic.background ? (
          <section className="m-section">
            <h2>背景介绍</h2>
            <p className="m-text">{topic.background}</p>
          </section>
        ) : null}
        {topic.acceptsSubmissions ? (
          <section className="m-section">
            <h2>参与方式</h2>
            <p>点击「我要提建议」填写，可附最多 {MAX_PHOTOS} 张照片。建议经工作人员审核后公开，姓名和手机号不会公开。</p>
            {topic.keyword ? (
              <p>
                也可以在公众号对话框直接留言：以「{topic.keyword}」开头，后面写您的建议，例如「{topic.keyword}：我建议……」。
              </p>
            ) : null}
            <div className="m-actions">
              <a className="weui-btn weui-btn_primary" href={`/m/topics/${topic.id}/suggest`}>
                我要提建议
              </a>
            </div>
          </section>
        ) : topic.phase === 'closed' ? (
          <p className="m-preview">征集已截止，感谢您的关注。办理结果公开后会在这里发布。</p>
        ) : null}
        {topic.outcome ? (
          <section className="m-section m-outcome">
            <h2>结果公开</h2>
            <p className="m-muted">发布于 {formatShanghai(topic.outcome.publishedAt)}</p>
            <ol className="m-timeline">
              {topic.outcome.milestones.map((milestone, index) => (
                <li key={`${milestone.date}-${index}`}>
                  <p className="m-muted">{milestone.date}</p>
                  <p className="m-text">{milestone.text}</p>
                  <Images images={milestone.before} label="整治前" />
                  <Images images={milestone.after} label="整治后" />
                </li>
              ))}
            </ol>
            <h2>结果说明</h2>
            <p className="m-text">{topic.outcome.statement}</p>
          </section>
        ) : null}
        <section className="m-section">
          <h2>居民建议（{topic.suggestions.length} 条）</h2>
          <p className="m-muted">建议经审核后公开，不显示建议人的姓名和联系方式。</p>
          {topic.suggestions.length === 0 ? (
            <p>暂无公开的建议。</p>
          ) : (
            <ul className="m-suggestions">
              {topic.suggestions.map((suggestion) => (
                <SuggestionItem key={suggestion.id} suggestion={suggestion} />
              ))}
            </ul>
          )}
        </section>
        <div className="m-actions">
          <a className="weui-btn weui-btn_default" href="/m/my-suggestions">
            我的建议
          </a>
          <a className="weui-btn weui-btn_default" href="/m/topics">
            全部话题
          </a>
        </div>
      </main>
    </Shell>
  )
}

/** What the form had, shown again after a refusal (photos cannot be: the browser forgets them). */
export interface SuggestionFormValues {
  text?: string
  name?: string
  phone?: string
  /** Photos had been chosen: say to choose them again. */
  hadPhotos?: boolean
}

/** `/m/topics/<id>/suggest`: the form (text, photos, optional name and phone). */
export function SuggestPage({
  topic,
  values = {},
  problems = {},
  error,
}: {
  topic: Pick<TopicCard, 'id' | 'title' | 'closesOn'>
  values?: SuggestionFormValues
  problems?: Partial<Record<SubmissionField, string>>
  error?: string
}) {
  const fieldClass = (field: SubmissionField) => `m-field${problems[field] ? ' m-field_error' : ''}`
  return (
    <Shell title={`提建议：${topic.title}`}>
      <main className="m-page">
        <header className="m-header">
          <h1>我要提建议</h1>
          <p className="m-sub">{topic.title}</p>
          <p className="m-sub">征集截止：{topic.closesOn}</p>
        </header>
        {error ? <p className="m-error">{error}</p> : null}
        <form className="m-section" method="post" action={`/m/topics/${topic.id}/suggest`} encType="multipart/form-data">
          <label className={fieldClass('text')}>
            <span className="m-field-label">您的建议（必填，{MAX_TEXT_LENGTH} 字以内）</span>
            <textarea name="text" rows={8} required defaultValue={values.text} />
            {problems.text ? <span className="m-field-problem">{problems.text}</span> : null}
          </label>
          <label className={fieldClass('photos')}>
            <span className="m-field-label">照片（选填）</span>
            <input type="file" name="photos" accept="image/*" multiple />
            <span className="m-muted">最多 {MAX_PHOTOS} 张、每张 10 MB 以内，支持 JPG、PNG、HEIC、WebP。照片中的拍摄位置等信息会被去掉。</span>
            {problems.photos ? <span className="m-field-problem">{problems.photos}</span> : null}
            {values.hadPhotos && !problems.photos ? <span className="m-field-problem">请重新选择照片。</span> : null}
          </label>
          <p className="m-ok">姓名和手机号只用于工作人员联系您，任何时候都不会公开。</p>
          <label className={fieldClass('name')}>
            <span className="m-field-label">姓名（选填）</span>
            <input name="name" defaultValue={values.name} autoComplete="name" />
            {problems.name ? <span className="m-field-problem">{problems.name}</span> : null}
          </label>
          <label className={fieldClass('phone')}>
            <span className="m-field-label">手机号（选填）</span>
            <input name="phone" type="tel" inputMode="tel" defaultValue={values.phone} autoComplete="tel" />
            {problems.phone ? <span className="m-field-problem">{problems.phone}</span> : null}
          </label>
          <p className="m-muted">提交后经工作人员审核才会公开，审核结果和回复可在「我的建议」中查看。</p>
          <div className="m-actions">
            <button type="submit" className="weui-btn weui-btn_primary">
              提交建议
            </button>
            <a className="weui-btn weui-btn_default" href={`/m/topics/${topic.id}`}>
              返回话题
            </a>
          </div>
        </form>
      </main>
    </Shell>
  )
}

/** After a suggestion is stored (or was already): 已提交，审核后公开. */
export function SubmittedPage({ topicId }: { topicId: string }) {
  return (
    <MessagePage
      title="已提交，审核后公开"
      links={[
        { href: '/m/my-suggestions', label: '查看我的建议', primary: true },
        { href: `/m/topics/${topicId}`, label: '返回话题' },
      ]}
    >
      <p>感谢您的建议！工作人员审核后会公开（不显示您的姓名和手机号），回复也会在「我的建议」中看到。</p>
    </MessagePage>
  )
}

const FLASH: Record<string, { tone: 'ok' | 'error'; text: string }> = {
  withdrawn: { tone: 'ok', text: '建议已撤回。' },
}

/** 好差评 of an answered suggestion's reply: 「评价答复」 (its rating page) until rated, then the level given. */
export type SuggestionRating = { rated: false; href: string } | { rated: true; levelLabel: string; href: string }

/**
 * `/m/my-suggestions`: the resident's own suggestions, every state, with the reason of a rejection and
 * the reply; `ratings` (by suggestion id) for the answered ones.
 */
export function MySuggestionsPage({
  rows,
  ratings = new Map(),
  flash,
  error,
}: {
  rows: OwnSuggestion[]
  ratings?: ReadonlyMap<string, SuggestionRating>
  flash?: string | null
  error?: string
}) {
  const message = flash ? FLASH[flash] : undefined
  return (
    <Shell title="我的建议">
      <main className="m-page">
        <header className="m-header">
          <h1>我的建议</h1>
          <p className="m-sub">只有您自己能看到这里的全部内容。</p>
        </header>
        {message ? <p className={message.tone === 'ok' ? 'm-ok' : 'm-error'}>{message.text}</p> : null}
        {error ? <p className="m-error">{error}</p> : null}
        {rows.length === 0 ? (
          <section className="m-section">
            <p>您还没有提过建议。</p>
          </section>
        ) : (
          rows.map((row) => (
            <section key={row.id} className="m-section m-own" id={`s-${row.id}`}>
              <h2>
                <a href={`/m/topics/${row.topicId}`}>{row.topicTitle || '征集话题'}</a>
              </h2>
              <p className="m-muted">
                {formatShanghai(row.receivedAt)} 提交 <StateBadge state={row.state} label={row.stateLabel} />
              </p>
              <p className="m-text">{row.text}</p>
              <Photos hrefs={row.photos} label="我的照片" />
              {row.name || row.phone ? <p className="m-muted">留下的联系方式（不公开）：{[row.name, row.phone].filter(Boolean).join('，')}</p> : null}
              {row.state === 'pending' ? <p className="m-muted">等待工作人员审核，审核通过后公开。</p> : null}
              {row.rejectionReason ? (
                <div className="m-reply">
                  <p className="m-muted">未采纳理由（仅您可见）</p>
                  <p className="m-text">{row.rejectionReason}</p>
                </div>
              ) : null}
              {row.reply ? (
                <div className="m-reply">
                  <p className="m-muted">街道回复{row.answeredAt ? ` · ${formatShanghaiDay(row.answeredAt)}` : ''}</p>
                  <p className="m-text">{row.reply}</p>
                </div>
              ) : null}
              <ReplyRating rating={ratings.get(row.id)} />
              {row.withdrawable ? (
                <form method="post" action={`/m/my-suggestions/${row.id}/withdraw`} className="m-inline-form">
                  <button type="submit" className="weui-btn weui-btn_mini weui-btn_default">
                    撤回
                  </button>
                </form>
              ) : null}
            </section>
          ))
        )}
        <div className="m-actions">
          <a className="weui-btn weui-btn_default" href="/m/topics">
            全部话题
          </a>
        </div>
      </main>
    </Shell>
  )
}

/** 「评价答复」 while the reply is not rated; then 「我的评价：满意」 linking to the rating (and its rectification). */
function ReplyRating({ rating }: { rating: SuggestionRating | undefined }) {
  if (!rating) return null
  if (rating.rated) {
    return (
      <p className="m-muted">
        我的评价：<a href={rating.href}>{rating.levelLabel}</a>
      </p>
    )
  }
  return (
    <p className="m-inline-form">
      <a className="weui-btn weui-btn_mini weui-btn_primary" href={rating.href}>
        评价答复
      </a>
    </p>
  )
}

/** A topic that no longer (or not yet) takes suggestions. */
export function ClosedTopicPage({ topic, message }: { topic: Pick<TopicCard, 'id' | 'title'>; message: string }) {
  return (
    <MessagePage title="暂不能提建议" links={[{ href: `/m/topics/${topic.id}`, label: '返回话题', primary: true }]}>
      <p>
        「{topic.title}」：{message}
      </p>
    </MessagePage>
  )
}
