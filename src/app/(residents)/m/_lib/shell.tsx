/**
 * The residents' document: the root layout of every /m page (Chinese, a phone viewport, WeUI and
 * our CSS, no script), and the pages that only say something (not found, open in WeChat, sign-in failed).
 */
import type { ReactNode } from 'react'

/** Bumped with the CSS: the stylesheet is cached a day, a new version is a new URL. */
export const STYLE_HREF = '/m/style.css?v=weui-2.6.26.4'

/** `<html lang="zh-CN">` with the viewport, WeUI and our CSS; `title` is suffixed with nothing (WeChat shows it as the page title). */
export function Shell({ title, children, bodyClass }: { title: string; children: ReactNode; bodyClass?: string }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="format-detection" content="telephone=no" />
        <meta name="referrer" content="same-origin" />
        <title>{title}</title>
        <link rel="stylesheet" href={STYLE_HREF} />
      </head>
      <body data-weui-theme="light" className={bodyClass}>
        {children}
      </body>
    </html>
  )
}

/** A page that only says something: a heading, paragraphs and optional links. */
export function MessagePage({
  title,
  children,
  links = [],
}: {
  title: string
  children: ReactNode
  links?: Array<{ href: string; label: string; primary?: boolean }>
}) {
  return (
    <Shell title={title}>
      <main className="m-page">
        <div className="m-message">
          <h1>{title}</h1>
          {children}
        </div>
        {links.length > 0 ? (
          <div className="m-actions">
            {links.map((link) => (
              <a key={link.href} className={`weui-btn ${link.primary ? 'weui-btn_primary' : 'weui-btn_default'}`} href={link.href}>
                {link.label}
              </a>
            ))}
          </div>
        ) : null}
      </main>
    </Shell>
  )
}

/** 404: a guide that does not exist or residents may not see (unapproved), or an unknown /m path. */
export function NotFoundPage({ what = '页面' }: { what?: string }) {
  return (
    <MessagePage title={`${what}不存在`} links={[{ href: '/m/guides', label: '查看全部办事指南', primary: true }]}>
      <p>您要找的{what}不存在，或已下线（正在修订的办事指南暂时看不到）。</p>
    </MessagePage>
  )
}

/** Outside WeChat, for a page that needs to know the resident. */
export function OpenInWeChatPage() {
  return (
    <MessagePage title="请在微信中打开" links={[{ href: '/m/guides', label: '先看看办事指南（无需微信）' }]}>
      <p>这个页面需要确认您的微信身份，只能在微信里打开。</p>
      <ol>
        <li>在微信中搜索并关注街道办服务号；</li>
        <li>在公众号对话框底部点击菜单「微·服务」，再点「预约服务」。</li>
      </ol>
      <p className="m-muted">办事指南是公开信息，在任何浏览器中都能查看。</p>
    </MessagePage>
  )
}

/** The return from WeChat failed: the code was used or expired, or the state did not match. */
export function SignInFailedPage({ retryHref, reason }: { retryHref: string; reason: 'code' | 'state' }) {
  return (
    <MessagePage title="登录已失效" links={[{ href: retryHref, label: '重新进入', primary: true }]}>
      <p>{reason === 'code' ? '微信的登录凭证已使用过或已过期（例如刷新了页面，或打开了别人转发的链接）。' : '登录超时，或这个链接不是从本机微信打开的。'}</p>
      <p>请点击「重新进入」，微信会自动重新确认您的身份。</p>
    </MessagePage>
  )
}

/** WeChat's snapshot mode (a page from Moments before 「使用完整服务」): the openid would be a virtual one. */
export function SnapshotPage() {
  return (
    <MessagePage title="请使用完整服务" links={[{ href: '/m/guides', label: '查看办事指南' }]}>
      <p>您正在以快照模式浏览这个页面，无法确认您的微信身份。</p>
      <p>请点击屏幕下方的「使用完整服务」，或从公众号菜单「微·服务」进入。</p>
    </MessagePage>
  )
}

/** No account configured, or WeChat could not be reached. */
export function UnavailablePage({ retryHref }: { retryHref: string }) {
  return (
    <MessagePage title="服务暂时不可用" links={[{ href: retryHref, label: '重新进入', primary: true }]}>
      <p>暂时无法向微信确认您的身份，请稍后再试。</p>
    </MessagePage>
  )
}
