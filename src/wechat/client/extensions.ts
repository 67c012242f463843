/**
 * What wechat-api 1.35.1 lacks, added the way the library itself is extended: `API.mixin` with
 * methods built by its own `util.make` (so each gets the usual `name` + unwrapped `_name` pair),
 * using `this.endpoint`, `this.token` and `this.request` like the built-in methods do.
 */
import WeChatAPI, { type WeChatCallback } from 'wechat-api'
import wechatUtil from 'wechat-api/lib/util.js'
import { multipartFile } from './multipart'

type Self = WeChatAPI & { token: { accessToken: string } }

const { make, postJSON, wrapper } = wechatUtil

interface SendAllNewsOptions {
  mediaId: string
  /** Absent: every follower. */
  tagId?: number
  /** ≤ 64 bytes; makes the send idempotent for 24 h (45065 replays the original msg_id). */
  clientMsgId?: string
  /** 0: stop when an article is judged a reprint; 1: send anyway. */
  sendIgnoreReprint: 0 | 1
}

function url(self: Self, path: string, query = ''): string {
  return `${self.endpoint}${path}?access_token=${self.token.accessToken}${query}`
}

function postJson(self: Self, path: string, body: unknown, callback: WeChatCallback): void {
  self.request(url(self, path), postJSON(body), wrapper(callback))
}

function upload(self: Self, target: string, bytes: Buffer, filename: string, contentType: string, callback: WeChatCallback): void {
  const form = multipartFile('media', filename, contentType, bytes)
  const options = { dataType: 'json', type: 'POST', content: form.body, headers: { 'Content-Type': form.contentType } }
  self.request(target, options, wrapper(callback))
}

const extensions: Record<string, unknown> = {
  /** POST /cgi-bin/stable_token: the secret travels in the body, never in a URL. */
  fetchStableToken(this: Self, forceRefresh: boolean, callback: WeChatCallback) {
    const body = { grant_type: 'client_credential', appid: this.appid, secret: this.appsecret, force_refresh: forceRefresh }
    this.request(`${this.endpoint}/cgi-bin/stable_token`, postJSON(body), wrapper(callback))
  },
}

make(extensions, 'addDraft', function (this: Self, articles: unknown[], callback: WeChatCallback) {
  postJson(this, '/cgi-bin/draft/add', { articles }, callback)
})
make(extensions, 'getDraft', function (this: Self, mediaId: string, callback: WeChatCallback) {
  postJson(this, '/cgi-bin/draft/get', { media_id: mediaId }, callback)
})
make(extensions, 'deleteDraft', function (this: Self, mediaId: string, callback: WeChatCallback) {
  postJson(this, '/cgi-bin/draft/delete', { media_id: mediaId }, callback)
})
// The built-in massSendNews sends `group_id` (retired) and knows neither clientmsgid nor send_ignore_reprint.
make(extensions, 'sendAllNews', function (this: Self, options: SendAllNewsOptions, callback: WeChatCallback) {
  const body: Record<string, unknown> = {
    filter: options.tagId === undefined ? { is_to_all: true } : { is_to_all: false, tag_id: options.tagId },
    mpnews: { media_id: options.mediaId },
    msgtype: 'mpnews',
    send_ignore_reprint: options.sendIgnoreReprint,
  }
  if (options.clientMsgId !== undefined) body.clientmsgid = options.clientMsgId
  postJson(this, '/cgi-bin/message/mass/sendall', body, callback)
})
// The datacube reports of 2025 (getarticleread, getarticleshare, getbizsummary, getarticletotaldetail)
// are missing, and the built-in ones drop the answer's `is_delay`: one method posts any report and
// hands back the whole answer.
make(extensions, 'datacubeReport', function (this: Self, report: string, beginDate: string, endDate: string, callback: WeChatCallback) {
  postJson(this, `/datacube/${report}`, { begin_date: beginDate, end_date: endDate }, callback)
})
// The built-in deleteMass cannot name one article of a multi-article message.
make(extensions, 'deleteMassArticle', function (this: Self, msgId: number, articleIdx: number, callback: WeChatCallback) {
  postJson(this, '/cgi-bin/message/mass/delete', { msg_id: msgId, article_idx: articleIdx }, callback)
})
// The built-in sendTemplate drops client_msg_id (template send idempotency). The answer is read as
// text: real template msgids exceed 2^53 (e.g. 3717005636572528642, reported on
// developers.weixin.qq.com), which JSON.parse rounds, and TEMPLATESENDJOBFINISH reports the exact
// digits in its XML. `msgid` is answered as the string of digits WeChat sent.
make(extensions, 'sendTemplateMessage', function (this: Self, message: Record<string, unknown>, callback: WeChatCallback) {
  this.request(url(this, '/cgi-bin/message/template/send'), { ...postJSON(message), dataType: 'text' }, (error, data, response) => {
    if (error) return wrapper(callback)(error, data, response)
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data ?? '')
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (parseError) {
      // As urllib names it with dataType 'json', so the transport maps it the same way (http / HTTP status).
      const failure = parseError as Error & { name: string }
      failure.name = 'JSONResponseFormatError'
      return callback(failure, null, response)
    }
    const digits = /"msgid"\s*:\s*"?(\d+)/.exec(text)?.[1]
    if (digits && typeof body === 'object' && body !== null) (body as Record<string, unknown>).msgid = digits
    wrapper(callback)(null, body, response)
  })
})
// The built-in getMedia compares the content type exactly ('application/json' or 'text/plain'), so an
// error answered as 'application/json; charset=utf-8' comes back as a "file"; it also leaves the
// media_id unencoded in the URL and drops the response headers' file name.
make(extensions, 'getTemporaryMedia', function (this: Self, mediaId: string, callback: WeChatCallback) {
  const target = url(this, '/cgi-bin/media/get', `&media_id=${encodeURIComponent(mediaId)}`)
  this.request(target, { method: 'GET' }, (error, data, response) => {
    if (error) return wrapper(callback)(error, data, response)
    const headers = ((response as { headers?: Record<string, string | string[] | undefined> } | null)?.headers ?? {}) as Record<
      string,
      string | string[] | undefined
    >
    const contentType = String(headers['content-type'] ?? '').toLowerCase()
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(typeof data === 'string' ? data : '')
    if (contentType.startsWith('application/json') || contentType.startsWith('text/plain')) {
      let body: unknown
      try {
        body = JSON.parse(bytes.toString('utf8'))
      } catch (parseError) {
        const failure = parseError as Error & { name: string }
        failure.name = 'JSONResponseFormatError'
        return callback(failure, null, response)
      }
      // errcode → WeChatAPIError with the body; a video answers { video_url } instead of bytes.
      return wrapper(callback)(null, body, response)
    }
    const disposition = String(headers['content-disposition'] ?? '')
    const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null
    callback(null, { bytes, contentType: contentType || 'application/octet-stream', filename }, response)
  })
})
// The built-in uploadImage / uploadMaterial only read files from disk.
make(extensions, 'uploadImageBuffer', function (this: Self, bytes: Buffer, filename: string, contentType: string, callback: WeChatCallback) {
  upload(this, url(this, '/cgi-bin/media/uploadimg'), bytes, filename, contentType, callback)
})
make(
  extensions,
  'uploadMaterialBuffer',
  function (this: Self, bytes: Buffer, type: 'thumb' | 'image', filename: string, contentType: string, callback: WeChatCallback) {
    upload(this, url(this, '/cgi-bin/material/add_material', `&type=${type}`), bytes, filename, contentType, callback)
  },
)

// Web authorisation (网页授权): wechat-api has no OAuth (that is the separate wechat-oauth package).
// No access_token: WeChat wants the AppSecret and the code in the query of a GET
// (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html);
// urllib's error messages that quote the URL are scrubbed of `secret=` by SecretScrubber.
make(extensions, 'exchangeOAuthCode', function (this: Self, code: string, callback: WeChatCallback) {
  const query = new URLSearchParams({ appid: this.appid, secret: this.appsecret, code, grant_type: 'authorization_code' })
  this.request(`${this.endpoint}/sns/oauth2/access_token?${query.toString()}`, { dataType: 'json' }, wrapper(callback))
})

/** Installs the extensions once per loaded copy of wechat-api (mixin refuses to overwrite). */
export function installExtensions(): typeof WeChatAPI {
  if (!Object.prototype.hasOwnProperty.call(WeChatAPI.prototype, 'fetchStableToken')) WeChatAPI.mixin(extensions)
  return WeChatAPI
}
