/* eslint-disable @next/next/no-img-element -- plain markup from renderToStaticMarkup, no Next page: next/image's loader and script do not apply */
/** 社区服务号: the community accounts the street office's account links (markup only; data: services/accounts/community-accounts.ts). */
import type { CommunityAccountCard } from '../../../../services/accounts/community-accounts'
import { Shell } from './shell'

/** The list: per account its name, community, introduction, 「关注」 link and QR code (long-press to follow inside WeChat). */
export function CommunitiesPage({ accounts }: { accounts: CommunityAccountCard[] }) {
  return (
    <Shell title="社区服务号">
      <main className="m-page">
        <header className="m-header">
          <h1>社区服务号</h1>
          <p className="m-sub">街道各社区开设的公众号：关注后可收到本社区的通知和服务。</p>
        </header>
        {accounts.length === 0 ? (
          <section className="m-section">
            <p>暂无社区公众号，欢迎以后再来看看。</p>
          </section>
        ) : (
          <ul className="m-list">
            {accounts.map((account) => (
              <li key={account.id} className="m-section m-community-account">
                <h2 className="m-title">{account.name}</h2>
                <p className="m-muted">{account.community}</p>
                {account.intro ? <p>{account.intro}</p> : null}
                {account.qrPath ? (
                  <p>
                    <img className="m-qr" src={account.qrPath} alt={`${account.name}的二维码`} width={160} height={160} />
                    <br />
                    <span className="m-muted">在微信中长按二维码即可关注</span>
                  </p>
                ) : null}
                {account.followUrl ? (
                  <p>
                    <a className="weui-btn weui-btn_primary weui-btn_mini" href={account.followUrl}>
                      关注
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </main>
    </Shell>
  )
}
