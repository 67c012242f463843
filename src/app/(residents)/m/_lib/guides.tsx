/** The guide pages' markup: the list with its search box, one guide, and its printable 一次性告知书. */
import type { ReactNode } from 'react'
import type { Document, Office, ServiceGuide } from '../../../../payload-types'
import { Shell } from './shell'

type Material = NonNullable<ServiceGuide['materials']>[number]

const MATERIAL_FORM: Record<Material['form'], string> = { original: '原件', copy: '复印件', 'original-and-copy': '原件和复印件' }

/** `5 个工作日`, `即办（当场办结）` for 0, null when not given. Working days (工作日), never calendar days. */
export function timeLimitText(days: number | null | undefined): string | null {
  if (days == null) return null
  return days === 0 ? '即办（当场办结）' : `${days} 个工作日`
}

/** A `tel:` link for a phone as staff write it (`029-88881234转801` → `tel:029-88881234,801`: the extension dialled after a pause). */
export function telHref(phone: string): string {
  const [main, extension] = phone.split(/转|ext\.?|分机/i)
  const digits = (text: string) => text.replace(/[^\d+]/g, '')
  return `tel:${digits(main ?? '')}${extension ? `,${digits(extension)}` : ''}`
}

const officeOf = (guide: ServiceGuide): Office | null => (guide.office && typeof guide.office === 'object' ? guide.office : null)

/** A populated document the resident may download (Payload's file URL, /api/documents/file/<name>), or null. */
function downloadable(value: Material['blankForm']): { href: string; title: string } | null {
  if (!value || typeof value !== 'object') return null
  const document = value as Document
  if (typeof document.url !== 'string' || !/^(\/(?!\/)|https?:\/\/)/.test(document.url)) return null
  return { href: document.url, title: document.title }
}

function Badges({ guide }: { guide: ServiceGuide }) {
  if (!guide.bookable && !guide.fullyOnline) return null
  return (
    <div className="m-badges">
      {guide.bookable ? <span className="m-badge">可网上预约</span> : null}
      {guide.fullyOnline ? <span className="m-badge m-badge_online">全程网办</span> : null}
    </div>
  )
}

function Phone({ value }: { value: string | null | undefined }) {
  if (!value) return null
  return <a href={telHref(value)}>{value}</a>
}

/** `/m/guides`: the search box and the approved guides, grouped by office (科室). */
export function GuideListPage({ guides, keyword }: { guides: ServiceGuide[]; keyword: string }) {
  const groups = new Map<string, ServiceGuide[]>()
  for (const guide of guides) {
    const name = officeOf(guide)?.name ?? '其他事项'
    groups.set(name, [...(groups.get(name) ?? []), guide])
  }
  return (
    <Shell title="办事指南">
      <main className="m-page">
        <header className="m-header">
          <h1>办事指南</h1>
          <p className="m-sub">来办事之前，先看看要带什么材料</p>
        </header>
        <form className="m-search" method="get" action="/m/guides" role="search">
          <input type="search" name="q" defaultValue={keyword} placeholder="搜索事项、材料，如：居住证" aria-label="搜索办事指南" maxLength={100} />
          <button type="submit">搜索</button>
        </form>
        {keyword ? (
          <p className="m-group-title">
            「{keyword}」：找到 {guides.length} 项{guides.length > 0 ? '' : '，请换个词试试（如只输入“居住”）'}
          </p>
        ) : null}
        {guides.length === 0 && !keyword ? <p className="m-group-title">暂无办事指南</p> : null}
        {[...groups.entries()].map(([office, list]) => (
          <section key={office}>
            <h2 className="m-group-title">{office}</h2>
            <ul className="m-list">
              {list.map((guide) => (
                <li key={guide.id}>
                  <a href={`/m/guides/${guide.id}`}>
                    <span className="m-title">{guide.title}</span>
                    {guide.timeLimitDays != null ? <span className="m-muted"> · {timeLimitText(guide.timeLimitDays)}</span> : null}
                    <Badges guide={guide} />
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </main>
    </Shell>
  )
}

function MaterialsTable({ materials, withDownloads }: { materials: Material[]; withDownloads: boolean }) {
  return (
    <table className="m-table">
      <thead>
        <tr>
          <th scope="col">材料名称</th>
          <th scope="col" className="m-num">
            形式
          </th>
          <th scope="col" className="m-num">
            份数
          </th>
        </tr>
      </thead>
      <tbody>
        {materials.map((material, index) => {
          const blank = withDownloads ? downloadable(material.blankForm) : null
          const sample = withDownloads ? downloadable(material.sample) : null
          return (
            <tr key={material.id ?? index}>
              <td>
                {index + 1}. {material.name}
                {material.notes ? <div className="m-muted m-text">{material.notes}</div> : null}
                {blank ? (
                  <div>
                    <a href={blank.href} download>
                      下载空白表格：{blank.title}
                    </a>
                  </div>
                ) : null}
                {sample ? (
                  <div>
                    <a href={sample.href} download>
                      下载填写样表：{sample.title}
                    </a>
                  </div>
                ) : null}
              </td>
              <td className="m-num">{MATERIAL_FORM[material.form] ?? material.form}</td>
              <td className="m-num">{material.copies} 份</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (children == null || children === '') return null
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

/** `/m/guides/<id>`: every field residents need; `preview` marks a guide staff see before approval. */
export function GuideDetailPage({ guide, preview }: { guide: ServiceGuide; preview: boolean }) {
  const office = officeOf(guide)
  const materials = guide.materials ?? []
  const steps = guide.steps ?? []
  const faq = guide.faq ?? []
  return (
    <Shell title={guide.title}>
      <main className="m-page">
        {preview ? <p className="m-preview m-no-print">预览：这份办事指南尚未审核通过，居民看不到。</p> : null}
        <header className="m-header">
          <h1>{guide.title}</h1>
          <p className="m-sub">
            {office ? `承办科室：${office.name}` : null}
            {office && guide.code ? ' · ' : null}
            {guide.code ? `事项编码：${guide.code}` : null}
          </p>
          <Badges guide={guide} />
        </header>
        {guide.bookable ? (
          <div className="m-actions">
            <a className="weui-btn weui-btn_primary" href={`/m/book/${guide.id}`}>
              预约办理
            </a>
          </div>
        ) : null}
        <section className="m-section">
          <h2>办理须知</h2>
          <dl className="m-fields">
            <Field label="承诺时限">{timeLimitText(guide.timeLimitDays)}</Field>
            <Field label="收费标准">{guide.fee}</Field>
            <Field label="办理地点">{guide.place ?? office?.place}</Field>
            <Field label="办理时间">{guide.openingHours}</Field>
            <Field label="咨询电话">{(guide.consultPhone ?? office?.phone) ? <Phone value={guide.consultPhone ?? office?.phone} /> : null}</Field>
            <Field label="监督投诉电话">{guide.complaintPhone ? <Phone value={guide.complaintPhone} /> : null}</Field>
          </dl>
        </section>
        {guide.conditions ? (
          <section className="m-section">
            <h2>受理条件</h2>
            <p className="m-text">{guide.conditions}</p>
          </section>
        ) : null}
        <section className="m-section">
          <h2>申请材料</h2>
          {materials.length > 0 ? <MaterialsTable materials={materials} withDownloads /> : <p className="m-muted">无需提交材料。</p>}
        </section>
        {steps.length > 0 ? (
          <section className="m-section">
            <h2>办理流程</h2>
            <ol className="m-steps">
              {steps.map((step, index) => (
                <li key={step.id ?? index}>
                  {step.title}
                  {step.description ? <div className="m-muted m-text">{step.description}</div> : null}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {faq.length > 0 ? (
          <section className="m-section m-faq">
            <h2>常见问题</h2>
            {faq.map((entry, index) => (
              <details key={entry.id ?? index}>
                <summary>{entry.question}</summary>
                <p className="m-text">{entry.answer}</p>
              </details>
            ))}
          </section>
        ) : null}
        {guide.legalBasis ? (
          <section className="m-section">
            <h2>设定依据</h2>
            <p className="m-text">{guide.legalBasis}</p>
          </section>
        ) : null}
        <div className="m-actions">
          <a className="weui-btn weui-btn_default" href={`/m/guides/${guide.id}/notice`}>
            打印一次性告知书
          </a>
          <a href="/m/guides">返回办事指南</a>
        </div>
      </main>
    </Shell>
  )
}

/**
 * `/m/guides/<id>/notice`: the 一次性告知书 — everything a resident must bring, on one A4 page, to
 * hand over at the window and sign. `organisation` is the account's name (wechat-accounts `name`,
 * WECHAT_ACCOUNT_NAME at the first start); `printedOn` the Beijing date (yyyy-MM-dd).
 */
export function NoticePage({ guide, organisation, printedOn, preview }: { guide: ServiceGuide; organisation: string; printedOn: string; preview: boolean }) {
  const office = officeOf(guide)
  const materials = guide.materials ?? []
  return (
    <Shell title={`一次性告知书：${guide.title}`}>
      <nav className="m-print-bar m-no-print">
        <a href={`/m/guides/${guide.id}`}>返回办事指南</a>
        <span className="m-muted">用浏览器的「打印」即可打印为一页 A4。</span>
      </nav>
      {preview ? <p className="m-preview m-no-print">预览：这份办事指南尚未审核通过，居民看不到。</p> : null}
      <article className="m-notice">
        <header>
          <p className="m-org">{organisation}</p>
          <h1>一次性告知书</h1>
        </header>
        <p>
          <strong>事项名称：</strong>
          {guide.title}
        </p>
        {guide.code ? (
          <p>
            <strong>事项编码：</strong>
            {guide.code}
          </p>
        ) : null}
        {office ? (
          <p>
            <strong>承办科室：</strong>
            {office.name}
          </p>
        ) : null}
        {guide.conditions ? (
          <section>
            <h2>一、受理条件</h2>
            <p className="m-text">{guide.conditions}</p>
          </section>
        ) : null}
        <section>
          <h2>{guide.conditions ? '二' : '一'}、申请材料</h2>
          {materials.length > 0 ? <MaterialsTable materials={materials} withDownloads={false} /> : <p>无需提交材料。</p>}
        </section>
        <section>
          <h2>{guide.conditions ? '三' : '二'}、办理须知</h2>
          {timeLimitText(guide.timeLimitDays) ? (
            <p>
              承诺时限：{timeLimitText(guide.timeLimitDays)}
              {guide.timeLimitDays ? '（自受理之日起计算，不含周末和法定节假日）' : ''}
            </p>
          ) : null}
          <p>收费标准：{guide.fee}</p>
          {(guide.place ?? office?.place) ? <p>办理地点：{guide.place ?? office?.place}</p> : null}
          {guide.openingHours ? <p>办理时间：{guide.openingHours}</p> : null}
          {(guide.consultPhone ?? office?.phone) ? <p>咨询电话：{guide.consultPhone ?? office?.phone}</p> : null}
          {guide.complaintPhone ? <p>监督投诉电话：{guide.complaintPhone}</p> : null}
        </section>
        <p className="m-muted">以上为办理本事项所需的全部材料，材料齐全即予受理。打印日期：{printedOn}</p>
        <div className="m-sign">
          <span>告知日期：　　　　年　　月　　日</span>
          <span>经办人（签字）：</span>
        </div>
      </article>
    </Shell>
  )
}
