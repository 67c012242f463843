import { idOf } from '../../access/roles'
import { lexicalPlainText } from './rich-text'
import { WECHAT_LIMITS, charCount, checkMaxChars, checkUrl } from '../../wechat/limits'
import type { ArticleSource } from '../../wechat/convert/article'

export interface ReadinessProblem {
  field: string
  message: string
}

/**
 * What stops an item from becoming one article of a WeChat news message.
 * Checked when it is submitted, when it is approved and before a push is built.
 */
export function checkWeChatReadiness(item: ArticleSource): ReadinessProblem[] {
  const problems: ReadinessProblem[] = []
  const add = (field: string, result: true | string) => {
    if (result !== true) problems.push({ field, message: result })
  }
  if (typeof item.title !== 'string' || item.title.trim() === '') problems.push({ field: 'title', message: '标题：不能为空' })
  add('title', checkMaxChars('标题', item.title, WECHAT_LIMITS.titleChars, '微信图文标题上限'))
  add('author', checkMaxChars('作者', item.author, WECHAT_LIMITS.authorChars, '微信作者名上限'))
  add('digest', checkMaxChars('摘要', item.digest, WECHAT_LIMITS.digestChars, '微信摘要上限'))
  if (!idOf(item.cover)) problems.push({ field: 'cover', message: '封面图片：提交审核前必须上传封面（微信图文必须有封面）' })
  const text = lexicalPlainText(item.body)
  if (text === '') problems.push({ field: 'body', message: '正文：不能为空' })
  else if (charCount(text) > WECHAT_LIMITS.contentChars) {
    problems.push({
      field: 'body',
      message: `正文：最多 ${WECHAT_LIMITS.contentChars} 个字（微信图文正文上限），当前 ${charCount(text)} 个字`,
    })
  }
  add('originalLink', checkUrl('原文链接', item.originalLink))
  return problems
}
