/**
 * The residents' own CSS, served after WeUI's at /m/style.css. Sizes in rem/em so WeChat's and the
 * system's large text settings scale everything; no fixed heights; long words and numbers wrap, so
 * the pages read at 320 px. `@media print` makes the 一次性告知书 one A4 page.
 */
export const RESIDENT_CSS = `
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-size: 1.0625rem; line-height: 1.6; background: #f5f5f5; color: rgba(0,0,0,.9);
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif; overflow-wrap: anywhere; word-break: break-word; }
.m-page { max-width: 40rem; margin: 0 auto; padding: 0 0 2rem; }
.m-header { padding: 1.25rem 1rem .75rem; }
.m-header h1 { font-size: 1.375rem; line-height: 1.4; margin: 0; font-weight: 600; }
.m-header .m-sub { color: rgba(0,0,0,.55); font-size: .875rem; margin: .25rem 0 0; }
.m-section { background: #fff; margin: .75rem 0; padding: .875rem 1rem; }
.m-section h2 { font-size: 1.0625rem; margin: 0 0 .5rem; font-weight: 600; }
.m-section p { margin: .25rem 0; }
.m-qr { width: 10rem; max-width: 100%; height: auto; }
.m-text { white-space: pre-wrap; }
.m-muted { color: rgba(0,0,0,.55); font-size: .875rem; }
.m-badges { margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .375rem; }
.m-badge { display: inline-block; font-size: .8125rem; line-height: 1.5; padding: 0 .5em; border-radius: .25em; border: 1px solid #07c160; color: #06ae56; }
.m-badge_online { border-color: #10aeff; color: #1485ee; }
.m-badge_warn { border-color: #fa9d3b; color: #c87d2f; }
.m-search { display: flex; flex-wrap: wrap; gap: .5rem; padding: .75rem 1rem; background: #fff; }
.m-search input { flex: 1 1 10em; min-width: 0; font: inherit; padding: .5em .75em; border: 1px solid rgba(0,0,0,.15); border-radius: .375em; background: #fff; }
.m-search button { flex: 0 0 auto; font: inherit; padding: .5em 1.25em; border: 0; border-radius: .375em; background: #07c160; color: #fff; }
.m-group-title { margin: 1rem 1rem .375rem; font-size: .875rem; color: rgba(0,0,0,.55); }
.m-list { list-style: none; margin: 0; padding: 0; background: #fff; }
.m-list li + li { border-top: 1px solid rgba(0,0,0,.08); }
.m-list a { display: block; padding: .875rem 1rem; color: inherit; text-decoration: none; }
.m-list .m-title { font-size: 1.0625rem; }
.m-fields { margin: 0; }
.m-fields div { display: flex; flex-wrap: wrap; gap: 0 .75em; padding: .375rem 0; }
.m-fields div + div { border-top: 1px solid rgba(0,0,0,.06); }
.m-fields dt { flex: 0 0 6.5em; color: rgba(0,0,0,.55); }
.m-fields dd { flex: 1 1 12em; margin: 0; min-width: 0; }
.m-table { width: 100%; border-collapse: collapse; font-size: .9375rem; }
.m-table th, .m-table td { border: 1px solid rgba(0,0,0,.12); padding: .375em .5em; text-align: left; vertical-align: top; }
.m-table th { background: #fafafa; font-weight: 600; }
.m-table .m-num { text-align: center; white-space: nowrap; }
.m-steps { margin: 0; padding-left: 1.5em; }
.m-steps li { margin: .375rem 0; }
.m-faq details { padding: .375rem 0; }
.m-faq details + details { border-top: 1px solid rgba(0,0,0,.06); }
.m-faq summary { cursor: pointer; font-weight: 500; }
.m-actions { display: flex; flex-direction: column; gap: .75rem; padding: 1rem; }
.m-actions .weui-btn { width: 100%; box-sizing: border-box; font-size: 1.0625rem; line-height: 1.5; padding: .6em 1em; height: auto; }
.m-message { text-align: center; padding: 3rem 1.25rem 1rem; }
.m-message h1 { font-size: 1.375rem; margin: 0 0 .75rem; }
.m-message p { margin: .5rem 0; text-align: left; }
.m-message ol { text-align: left; margin: .75rem 0; padding-left: 1.5em; }
.m-preview { background: #fff3e0; color: #8a4b00; padding: .625rem 1rem; font-size: .9375rem; }
a { color: #576b95; }
.m-badge_off { border-color: rgba(0,0,0,.3); color: rgba(0,0,0,.55); }
.m-days { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(7.5em, 100%), 1fr)); gap: .5rem; }
.m-day { display: flex; flex-direction: column; padding: .5em .75em; border: 1px solid rgba(0,0,0,.15); border-radius: .375em; color: inherit; text-decoration: none; }
.m-day_on { border-color: #07c160; background: #e9f9ef; }
.m-day_full { color: rgba(0,0,0,.4); }
.m-slots { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(8.5em, 100%), 1fr)); gap: .5rem; }
.m-slot { display: flex; flex-wrap: wrap; align-items: center; gap: .25em .5em; padding: .5em .75em; border: 1px solid rgba(0,0,0,.15); border-radius: .375em; }
.m-slot input { margin: 0; width: 1.1em; height: 1.1em; }
.m-slot_full { color: rgba(0,0,0,.4); background: #fafafa; }
.m-field { display: flex; flex-direction: column; gap: .25rem; margin: .5rem 0 .875rem; }
.m-field-label { font-weight: 500; }
.m-field input { font: inherit; padding: .5em .75em; border: 1px solid rgba(0,0,0,.15); border-radius: .375em; background: #fff; min-width: 0; }
.m-field_error input { border-color: #fa5151; }
.m-field-problem, .m-error { color: #d93025; }
.m-error { background: #fdecea; padding: .625rem 1rem; margin: .75rem 0; }
.m-ok { background: #e9f9ef; color: #0a6b35; padding: .625rem 1rem; margin: 0; }
.m-code { text-align: center; }
.m-code-value { font-size: 2.25rem; letter-spacing: .2em; font-weight: 700; margin: .25rem 0; font-family: ui-monospace, "SF Mono", Menlo, monospace; }
.m-timeline { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 2px solid rgba(0,0,0,.1); }
.m-timeline li { position: relative; padding: 0 0 .875rem .75rem; }
.m-timeline li::before { content: ""; position: absolute; left: -1.45rem; top: .45em; width: .6rem; height: .6rem; border-radius: 50%; background: rgba(0,0,0,.25); }
.m-timeline li.m-timeline_now::before { background: #07c160; }
.m-timeline-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 .75em; }
.m-actions form { display: flex; flex-direction: column; gap: .5rem; }
.m-notice { background: #fff; color: #000; max-width: 48rem; margin: 0 auto; padding: 1.5rem 1.25rem; line-height: 1.55; }
.m-notice header { text-align: center; border-bottom: 2px solid #000; padding-bottom: .5rem; margin-bottom: .75rem; }
.m-notice header .m-org { font-size: 1.125rem; margin: 0; }
.m-notice header h1 { font-size: 1.5rem; margin: .25rem 0 0; letter-spacing: .1em; }
.m-notice h2 { font-size: 1rem; margin: .75rem 0 .25rem; }
.m-notice p { margin: .125rem 0; }
.m-notice .m-sign { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem 2rem; margin-top: 1.5rem; }
.m-notice .m-sign span { min-width: 12em; border-bottom: 1px solid #000; padding-bottom: .125rem; }
.m-print-bar { max-width: 48rem; margin: 0 auto; padding: .75rem 1.25rem; display: flex; flex-wrap: wrap; gap: 1rem; }
.m-field textarea { font: inherit; padding: .5em .75em; border: 1px solid rgba(0,0,0,.15); border-radius: .375em; background: #fff; min-width: 0; resize: vertical; }
.m-field_error textarea { border-color: #fa5151; }
.m-field input[type=file] { border: 0; padding: .25em 0; }
.m-topic { display: flex; flex-direction: column; gap: .25rem; }
.m-topic-cover, .m-topic-banner { display: block; width: 100%; height: auto; aspect-ratio: 900 / 383; object-fit: cover; border-radius: .375em; background: #eee; }
.m-topic-banner { border-radius: 0; }
.m-photos { list-style: none; margin: .5rem 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(6em, 30%), 1fr)); gap: .375rem; }
.m-photos a { display: block; }
.m-photos img { display: block; width: 100%; height: auto; aspect-ratio: 1; object-fit: cover; border-radius: .25em; background: #eee; }
.m-figure { margin: .375rem 0; }
.m-suggestions { list-style: none; margin: 0; padding: 0; }
.m-suggestion { padding: .75rem 0; }
.m-suggestion + .m-suggestion { border-top: 1px solid rgba(0,0,0,.08); }
.m-reply { background: #f7f7f7; border-left: 3px solid #07c160; padding: .375rem .75rem; margin: .5rem 0; }
.m-inline-form { margin: .5rem 0 0; }
@page { size: A4; margin: 14mm 16mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  .m-no-print { display: none !important; }
  .m-notice { max-width: none; padding: 0; font-size: 10.5pt; }
  .m-notice .m-table { font-size: 9.5pt; }
  .m-notice section, .m-notice tr { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
}
`
