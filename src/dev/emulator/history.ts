/**
 * A believable past for the demo's account, so a backfill of the last months shows figures: follower
 * growth (part of today's followers joined during the window, a few others followed and left) and a
 * weekly mass send (群发) every Thursday 18:00 Beijing of five articles. Deterministic: the same start
 * date and account give the same history (no randomness); a send's ids and titles depend on its date
 * only, so a restart on another day keeps them. Today's followers stay the same people (only their
 * subscribe times move), so nothing else the emulator answers changes.
 */
import { createHash } from 'node:crypto'
import { addDays, DAY_MS, shanghaiDate, shanghaiDayStart } from '../../shared/time'
import { generatedOpenid, type AccountState, type DraftArticle, type MassJob } from './state'

export interface EmulatorHistory {
  /** How many days before the start the history reaches back (e.g. 120 for about four months). */
  days: number
  /** Article titles of the past sends, used in turn (five per week). */
  titles: string[]
}

/**
 * The past weeks' articles: the street office's usual subjects (the demo's current items are still
 * waiting for their own send, so the history has other ones).
 */
export const DEMO_HISTORY_TITLES = [
  '秋季森林防火安全提示',
  '第三季度居民议事会议纪要',
  '一图读懂城乡居民养老保险',
  '西关社区中秋游园会',
  '九月垃圾分类红黑榜',
  '关于开展老旧小区加装电梯意愿摸底的通知',
  '退役军人优待证申领指南',
  '土门社区“银龄课堂”开课啦',
  '防范养老诈骗，守护幸福晚年',
  '国庆假期便民服务安排',
  '灵活就业人员医保参保政策解读',
  '社区党员志愿服务月活动回顾',
  '冬季供暖报修电话汇总',
  '流感高发季健康提示',
  '新就业形态劳动者暖心驿站开放',
  '十一月居民议事会征集议题',
  '电动自行车安全充电倡议书',
  '独居老人关爱走访行动',
]

const SCENES = ['ADD_SCENE_QR_CODE', 'ADD_SCENE_SEARCH', 'ADD_SCENE_QR_CODE', 'ADD_SCENE_PROFILE_CARD', 'ADD_SCENE_PROFILE_LINK']
/** Share of today's followers who joined during the window (the rest followed before it). */
const JOINED_IN_WINDOW = 0.4
const ARTICLES_PER_SEND = 5
const THURSDAY = 4
const SEND_HOUR_UTC = 10 // 18:00 Beijing
/** The past sends' ids: a base plus the week number since 1970 (the emulator's own sequences start at 3147483648 / 2247483648). */
const HISTORY_MSG_ID_BASE = 3_000_000_000
const HISTORY_MSG_DATA_ID_BASE = 2_100_000_000

/** A number 0..n-1 from a text, the same on every run. */
function pick(text: string, n: number): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) % n
}

function article(title: string, week: number, index: number): DraftArticle {
  return {
    title,
    author: '街道办',
    digest: '',
    content: `<p>${title}</p>`,
    content_source_url: '',
    thumb_media_id: `history-thumb-${week}-${index}`,
    thumb_url: '',
    need_open_comment: 0,
    only_fans_can_comment: 0,
    url: '',
  }
}

/** Gives `account` the history of `days` days before `now`. */
export function seedHistory(account: AccountState, now: number, history: EmulatorHistory): void {
  if (history.days < 1) return
  const appId = account.config.appId
  const today = shanghaiDate(now)
  const first = addDays(today, -history.days)
  const followers = [...account.users.values()].filter((user) => user.subscribed)
  const joined = followers.slice(Math.floor(followers.length * (1 - JOINED_IN_WINDOW)))
  joined.forEach((user, index) => {
    const day = addDays(first, Math.floor((index * history.days) / joined.length))
    user.subscribeTime = shanghaiDayStart(day) + (8 + pick(`${appId}:${user.openid}:hour`, 13)) * 3600_000
    user.subscribeScene = SCENES[pick(`${appId}:${user.openid}:scene`, SCENES.length)]!
  })
  // Some residents follow and leave again a few days later (a week's 取消关注).
  for (let day = 0; day < history.days - 3; day += 5) {
    const openid = generatedOpenid(appId, 100_000 + day)
    const subscribeTime = shanghaiDayStart(addDays(first, day)) + 11 * 3600_000
    account.users.set(openid, {
      openid,
      nickname: '居民',
      subscribed: false,
      subscribeTime,
      unsubscribeTime: subscribeTime + (1 + pick(`${appId}:${day}:stay`, 3)) * DAY_MS,
      subscribeScene: SCENES[pick(`${appId}:${day}:scene`, SCENES.length)]!,
      tagIds: [],
    })
  }
  // The weekly sends: every Thursday of the window, five articles, to the followers of that moment.
  // Their ids and titles follow from the date alone (not from the start), so an emulator restarted on
  // another day answers the same msgid for the same send and a backfill replaces rows instead of adding.
  for (let day = first; day < today; day = addDays(day, 1)) {
    const at = Date.parse(`${day}T${String(SEND_HOUR_UTC).padStart(2, '0')}:00:00Z`)
    if (new Date(at).getUTCDay() !== THURSDAY || at >= now) continue
    const week = Math.floor(at / (7 * DAY_MS))
    const targets = [...account.users.values()].filter((user) => user.subscribeTime < at && (user.unsubscribeTime === null || user.unsubscribeTime > at))
    const titles = Array.from(
      { length: ARTICLES_PER_SEND },
      (_, index) => history.titles[(week * ARTICLES_PER_SEND + index) % history.titles.length] ?? `第${index + 1}条`,
    )
    const job: MassJob = {
      // Below the sequences' start (new sends), like real ids of older sends.
      msgId: HISTORY_MSG_ID_BASE + week,
      msgDataId: HISTORY_MSG_DATA_ID_BASE + week,
      createdAt: at,
      finishAt: at + 60_000,
      finished: true,
      outcome: 'send success',
      msgType: 'mpnews',
      articles: titles.map((title, index) => article(title, week, index)),
      targetOpenids: targets.map((user) => user.openid),
      deletedArticles: new Set(),
      preview: false,
    }
    account.massJobs.set(job.msgId, job)
  }
}
