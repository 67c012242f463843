/**
 * The menu of the case study (three sections: 微·公益, 微·指南, 微·服务), what every account's menu row
 * starts with (`wechat-menus`, created with the account) so it can publish something sensible at once. Reply texts are placeholders staff edit.
 * 社区服务号, 办事指南, 预约服务, 微问政 and 意见评价 open the residents' pages inside WeChat (`view`: /m/communities, /m/guides, /m/appointments, /m/topics, /m/ratings,
 * src/app/(residents)/README.md), so they need the server's public address.
 */
import { publicBaseUrl } from '../../http/admin-url'
import { SUB_MENU, type SavedMenuButton } from './types'

const click = (name: string, key: string, replyText: string) => ({ name, type: 'click', key, replyText })
const view = (name: string, url: string) => ({ name, type: 'view', url })

/**
 * The default menu, its `view` buttons pointing at `publicUrl` (default PUBLIC_URL, read when called,
 * so a new row's default follows the running server's address).
 */
export function defaultMenuButtons(publicUrl: string | undefined = process.env.PUBLIC_URL): SavedMenuButton[] {
  const base = publicBaseUrl(publicUrl)
  return [
    {
      name: '微·公益',
      type: SUB_MENU,
      subButtons: [
        click('公益活动', 'WELFARE_EVENTS', '本月公益活动请见每周推送。想参加的居民，直接在对话框留言“报名+活动名称+姓名+电话”即可。'),
        click('志愿者招募', 'VOLUNTEER_SIGNUP', '欢迎加入街道志愿者队伍！请留言“志愿者+姓名+电话+所在社区”，工作人员会尽快与您联系。'),
        // The street office's account is the one-stop entry to the community accounts: their page
        // (/m/communities) replaces the old reply asking residents to name their community. Here, not
        // under 微·服务, whose fifth place is kept for a pinned topic.
        view('社区服务号', `${base}/m/communities`),
      ],
    },
    {
      name: '微·指南',
      type: SUB_MENU,
      subButtons: [
        view('办事指南', `${base}/m/guides`),
        click(
          '科室职能',
          'DEPARTMENTS',
          '街道办各科室职能：党政办公室负责综合协调；社会事务科负责民政、社保、残联；城市管理科负责市容、环卫；综治办负责平安建设与矛盾调解。',
        ),
        click('联系我们', 'CONTACT', '办公时间：周一至周五 9:00–12:00、14:00–17:30（法定节假日除外）。也可以直接在对话框留言，工作人员会在工作时间回复。'),
      ],
    },
    {
      name: '微·服务',
      type: SUB_MENU,
      subButtons: [
        view('预约服务', `${base}/m/appointments`),
        // The case study's 微信议事园 is 微问政: its topics' pages (征集中, 已截止, 结果公开). Replacing the old
        // placeholder reply keeps the section at four items, leaving the fifth for a pinned topic.
        view('微信议事园（微问政）', `${base}/m/topics`),
        click('办事结果查询', 'RESULT_QUERY', '办事结果查询：请留言“查询+预约时留的手机号”，我们会告诉您办理到了哪一步。'),
        // 好差评: one rating per matter from 我的预约 / 我的建议, so the item opens the month's public
        // summary, which says where to rate — not a chat reply inviting scores nobody could count.
        view('意见评价', `${base}/m/ratings`),
      ],
    },
  ]
}

/** The street office's account as a community account's menu names it. */
export const STREET_ACCOUNT_ITEM = '街道服务号'

/**
 * A community's account's first menu. The street office's services (guides, appointments, 微问政,
 * 好差评) are the same for every resident, so 微·指南 and 微·服务 stay as they are. In 微·公益,
 * 社区服务号 — the street office's list of the community accounts, the one-stop entry's job — is of no
 * use to someone already following their community's account; what they lack is the way back to the
 * street office's own account: 「街道服务号」 opening its 关注链接 (`streetFollowUrl`, the default
 * account's `followUrl`). Without one nothing stands in its place (a link to nowhere helps nobody);
 * staff add it once the street office's follow page is known.
 */
export function communityMenuButtons(streetFollowUrl: string | null, publicUrl: string | undefined = process.env.PUBLIC_URL): SavedMenuButton[] {
  const buttons = defaultMenuButtons(publicUrl)
  const welfare = buttons[0]!
  const communities = `${publicBaseUrl(publicUrl)}/m/communities`
  welfare.subButtons = (welfare.subButtons ?? []).flatMap((item) =>
    item.url === communities ? (streetFollowUrl ? [view(STREET_ACCOUNT_ITEM, streetFollowUrl)] : []) : [item],
  )
  return buttons
}
