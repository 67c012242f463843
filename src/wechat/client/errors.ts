/** The one error the client throws, and what each errcode means for the people using the CMS. */

/** What went wrong: WeChat answered with an errcode, or the request never got a usable answer. */
export type WeChatFailureKind = 'wechat' | 'http' | 'network' | 'timeout'

/** How the retry policy treats a failure. */
export type RetryClass = 'token' | 'transient' | 'rate-limit' | 'final'

const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 42001, 40014])
const RATE_LIMIT_ERRCODES: ReadonlySet<number> = new Set([45009, 45011])

/**
 * Errcodes about the account itself, not about what a call carried (全局返回码): the AppID or
 * AppSecret is wrong, missing or frozen, the server is not on the IP whitelist, the account may not
 * use the API or is restricted — and 40001 when it outlives a fresh token, 61024 (the IP whitelist, on
 * the stable token). Every call of the account fails the same way, whatever it uploads, and a retry
 * cannot succeed until a person fixes the account (全局返回码说明,
 * developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).
 */
const ACCOUNT_ERRCODES: ReadonlySet<number> = new Set([40001, 40013, 40125, 40164, 40243, 41002, 41004, 48001, 50001, 50002, 61024])

/** Chinese meanings shown to staff; codes from the WeChat reference and the MASSSENDJOBFINISH statuses. */
const ERRCODE_MEANINGS: Readonly<Record<number, string>> = {
  [-1]: '微信系统繁忙，请稍后再试',
  40001: 'access_token 无效或不是最新的',
  40003: '不合法的 openid（用户不存在或未关注）',
  40004: '不合法的媒体文件类型',
  40005: '不支持的文件格式（图片只能是 JPG 或 PNG）',
  40007: '不合法的素材 ID（素材或草稿不存在，可能已被删除或已群发）',
  40008: '不合法的消息类型',
  40009: '图片过大（正文图片须小于 1 MB）',
  40012: '封面缩略图过大（须为不超过 64 KB 的 JPG）',
  40013: 'AppID 不正确',
  40014: 'access_token 不合法',
  40164: '调用接口的 IP 地址不在公众号的 IP 白名单中',
  40018: '菜单名称过长',
  40029: '网页授权 code 无效或已过期（5 分钟内有效）',
  40037: '模板 ID 不正确',
  40059: '群发消息 ID 不存在',
  40125: 'AppSecret 不正确',
  40163: '网页授权 code 已被使用（每个 code 只能用一次）',
  40243: 'AppSecret 已被冻结（请在公众平台解冻）',
  41001: '缺少 access_token',
  41002: '缺少 AppID',
  41004: '缺少 AppSecret',
  41005: '缺少上传的文件',
  42001: 'access_token 已过期',
  43004: '用户未关注公众号',
  44003: '图文消息内容为空',
  45002: '正文过长（须少于 20000 字、1 MB）',
  45003: '标题过长（最多 32 个字）',
  45004: '摘要过长（最多 128 个字）',
  45005: '原文链接过长（最多 1 KB）',
  45008: '图文数量超过上限（一次最多 8 篇）',
  45009: '接口调用太频繁或已达今日上限，请稍后再试',
  45011: '接口调用太频繁，请稍后再试',
  45015: '回复时间已超过 48 小时，或用户已取消关注',
  45028: '没有群发配额（服务号每位粉丝每月最多收到 4 次群发）',
  45047: '客服消息条数已达上限',
  45065: '这次群发已经提交过（clientmsgid 相同，24 小时内不会重复发送）',
  45066: '同一群发重试过快，请一分钟后再试',
  45067: 'clientmsgid 过长（最多 64 字节）',
  45103: '该接口已被微信停用',
  45110: '作者名过长（最多 16 个字）',
  45157: '标签名不合法或已存在',
  45158: '标签名过长',
  45159: '标签不存在',
  47001: '提交的数据格式不正确',
  48001: '公众号没有该接口的权限',
  50001: '公众号未获授权使用该接口',
  50002: '公众号受限（可能因违规被封禁接口）',
  61500: '日期格式不正确',
  61501: '日期范围不正确',
  // MASSSENDJOBFINISH err(N) statuses: the content was refused after submission.
  10001: '涉嫌广告',
  20001: '涉嫌政治敏感',
  20002: '涉嫌色情',
  20004: '涉嫌社会敏感',
  20006: '涉嫌违法犯罪',
  20008: '涉嫌欺诈',
  20013: '版权检查未通过（涉嫌转载）',
  21000: '涉嫌其他违规',
  22000: '涉嫌互推（互相宣传）',
  30001: '原创校验出现系统错误且用户选择了被判为转载就不群发',
  30002: '原创校验被判定为不能群发',
  30003: '原创校验被判定为转载文且用户选择了被判为转载就不群发',
}

export function errcodeMeaning(errcode: number | null): string {
  if (errcode === null) return '无法连接微信服务器'
  return ERRCODE_MEANINGS[errcode] ?? `微信返回错误码 ${errcode}`
}

export interface WeChatApiErrorInit {
  kind: WeChatFailureKind
  errcode: number | null
  errmsg: string
  endpoint: string
  httpStatus?: number | null
  /** The JSON WeChat answered, when there was one (45065 carries the original msg_id). */
  data?: Record<string, unknown> | null
  attempts?: number
}

export class WeChatApiError extends Error {
  readonly kind: WeChatFailureKind
  /** WeChat's errcode; null when no WeChat answer arrived (network, timeout, HTTP error page). */
  readonly errcode: number | null
  readonly errmsg: string
  /** API path, e.g. /cgi-bin/draft/add (never with the access_token). */
  readonly endpoint: string
  /** Chinese explanation for staff. */
  readonly meaning: string
  readonly httpStatus: number | null
  readonly data: Record<string, unknown> | null
  attempts: number

  constructor(init: WeChatApiErrorInit) {
    const meaning =
      init.kind === 'timeout' ? '微信服务器响应超时' : init.kind === 'http' ? `微信服务器出错（HTTP ${init.httpStatus ?? '?'}）` : errcodeMeaning(init.errcode)
    super(`${init.endpoint}: ${meaning}（${init.errcode ?? init.kind}: ${init.errmsg}）`)
    this.name = 'WeChatApiError'
    this.kind = init.kind
    this.errcode = init.errcode
    this.errmsg = init.errmsg
    this.endpoint = init.endpoint
    this.meaning = meaning
    this.httpStatus = init.httpStatus ?? null
    this.data = init.data ?? null
    this.attempts = init.attempts ?? 1
  }

  get retryClass(): RetryClass {
    return retryClassOf(this)
  }

  /** For 45065: the msg_id of the send that already happened. */
  get existingMsgId(): number | null {
    const value = this.data?.msg_id
    return this.errcode === 45065 && typeof value === 'number' ? value : null
  }
}

function retryClassOf(error: Pick<WeChatApiError, 'kind' | 'errcode' | 'httpStatus'>): RetryClass {
  if (error.kind === 'network' || error.kind === 'timeout') return 'transient'
  if (error.kind === 'http') return (error.httpStatus ?? 500) >= 500 ? 'transient' : 'final'
  if (error.errcode === -1) return 'transient'
  if (error.errcode !== null && TOKEN_ERRCODES.has(error.errcode)) return 'token'
  if (error.errcode !== null && RATE_LIMIT_ERRCODES.has(error.errcode)) return 'rate-limit'
  // Quota (45028), idempotency (45065/45066) and content errors: retrying cannot help.
  return 'final'
}

/**
 * True for a WeChat answer about the account rather than the call (ACCOUNT_ERRCODES: wrong or
 * missing AppID/AppSecret, IP whitelist, no permission): callers that wrap failures with what they
 * were doing (e.g. "the cover failed") let these through, so the person fixes the account.
 */
export function isAccountError(error: unknown): error is WeChatApiError {
  return error instanceof WeChatApiError && isSetupErrcode(error.errcode)
}

/**
 * Whether `errcode` means the account's setup must be fixed before any retry can succeed
 * (ACCOUNT_ERRCODES): the analytics sync and backfill promise no automatic retry for these.
 */
export function isSetupErrcode(errcode: number | null | undefined): boolean {
  return typeof errcode === 'number' && ACCOUNT_ERRCODES.has(errcode)
}

/** Ambiguous failures: the request may have been carried out although no answer arrived. */
export function outcomeUnknown(error: WeChatApiError): boolean {
  return error.kind === 'network' || error.kind === 'timeout'
}
