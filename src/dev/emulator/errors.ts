/** errcode -> errmsg, worded the way api.weixin.qq.com words them. */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  0: 'ok',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid image size',
  40012: 'invalid thumb size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40022: 'invalid sub button level',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  40029: 'invalid code',
  40032: 'invalid openid list size',
  40037: 'invalid template_id',
  40059: 'invalid msg id',
  40066: 'invalid url',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41001: 'access_token missing',
  41005: 'media data missing',
  41006: 'media_id missing',
  41009: 'missing openid',
  42001: 'access_token expired',
  43002: 'require POST method',
  43004: 'require subscribe',
  44002: 'empty post data',
  44003: 'empty news data',
  45002: 'content size out of limit',
  45003: 'title size out of limit',
  45004: 'description size out of limit',
  45005: 'link size out of limit',
  45008: 'article size out of limit',
  45009: 'reach max api daily quota limit',
  45015: 'response out of time limit or subscription is canceled',
  45028: 'has no masssend quota',
  45047: 'out of response count limit',
  45056: 'too many tags',
  45065: 'clientmsgid exist',
  45066: 'same clientmsgid retry too fast',
  45067: 'clientmsgid size out of limit',
  45103: 'This API has been unsupported',
  45110: 'author size out of limit',
  45157: 'invalid tag name',
  45158: 'tag name too long',
  45159: 'invalid tag id',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
  61500: 'date format error',
  61501: 'date range error',
}

export interface WeChatErrorBody {
  errcode: number
  errmsg: string
  [extra: string]: unknown
}

export function wxError(errcode: number, extra: Record<string, unknown> = {}): WeChatErrorBody {
  return { errcode, errmsg: ERRMSG[errcode] ?? 'unknown error', ...extra }
}

export function wxOk(extra: Record<string, unknown> = {}, errmsg = 'ok'): WeChatErrorBody {
  return { errcode: 0, errmsg, ...extra }
}
