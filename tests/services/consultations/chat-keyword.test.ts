import { matchChatKeyword, normalizeChatText, validateKeyword, type KeywordTopic } from '../../../src/services/consultations/chat-keyword'

const topics: KeywordTopic[] = [
  { id: 1, keyword: '小树林', phase: 'open' },
  { id: 2, keyword: '停车', phase: 'closed' },
  { id: 3, keyword: 'Bus12', phase: 'open' },
  { id: 4, keyword: '路灯', phase: 'not_open' },
]

describe('matchChatKeyword', () => {
  test('starts with the keyword: the body is the rest', () => {
    expect(matchChatKeyword('小树林噪音太大', topics)).toEqual({ topicId: 1, body: '噪音太大' })
    expect(matchChatKeyword('  小树林 晚上广场舞太吵 ', topics)).toEqual({ topicId: 1, body: '晚上广场舞太吵' })
  })
  test('# and ＃ prefixes, ： and : after the keyword, the ideographic space', () => {
    expect(matchChatKeyword('#小树林 晚上太吵', topics)).toEqual({ topicId: 1, body: '晚上太吵' })
    expect(matchChatKeyword('＃小树林：晚上太吵', topics)).toEqual({ topicId: 1, body: '晚上太吵' })
    expect(matchChatKeyword('# 小树林 : 晚上太吵', topics)).toEqual({ topicId: 1, body: '晚上太吵' })
    expect(matchChatKeyword('小树林\u3000晚上太吵', topics)).toEqual({ topicId: 1, body: '晚上太吵' })
  })
  test('the generic prefix 微征集 before the keyword', () => {
    expect(matchChatKeyword('微征集 小树林噪音…', topics)).toEqual({ topicId: 1, body: '噪音…' })
    expect(matchChatKeyword('微征集：#小树林 噪音', topics)).toEqual({ topicId: 1, body: '噪音' })
    expect(matchChatKeyword('微征集 随便说说', topics)).toBeNull()
  })
  test('Latin keywords case-insensitive, full-width letters too', () => {
    expect(matchChatKeyword('bus12 班次太少', topics)).toEqual({ topicId: 3, body: '班次太少' })
    expect(matchChatKeyword('ＢＵＳ１２：班次太少', topics)).toEqual({ topicId: 3, body: '班次太少' })
  })
  test('not at the start, only the keyword, or a topic not in 征集中: null', () => {
    expect(matchChatKeyword('我想说小树林太吵', topics)).toBeNull()
    expect(matchChatKeyword('#小树林：', topics)).toBeNull()
    expect(matchChatKeyword('停车 位太少', topics)).toBeNull()
    expect(matchChatKeyword('路灯 不亮', topics)).toBeNull()
  })
  test('the longest keyword wins when old data overlap', () => {
    const overlapping: KeywordTopic[] = [
      { id: 1, keyword: '小树林', phase: 'open' },
      { id: 5, keyword: '小树林公园', phase: 'open' },
    ]
    expect(matchChatKeyword('小树林公园 垃圾桶', overlapping)).toEqual({ topicId: 5, body: '垃圾桶' })
  })
})

describe('validateKeyword', () => {
  test('2–10 characters, normalized', () => {
    expect(validateKeyword('小', [])).toEqual({ ok: false, message: '关键词应为 2–10 个字，现在是 1 个字' })
    expect(validateKeyword('一二三四五六七八九十', [])).toEqual({ ok: true, value: '一二三四五六七八九十' })
    expect(validateKeyword('一二三四五六七八九十一', []).ok).toBe(false)
    expect(validateKeyword(' ＢＵＳ１２ ', [])).toEqual({ ok: true, value: 'BUS12' })
    expect(validateKeyword('', [])).toEqual({ ok: false, message: '请填写关键词' })
  })
  test('no space, no leading #, no colon, not the generic prefix', () => {
    expect(validateKeyword('小 树林', []).ok).toBe(false)
    expect(validateKeyword('＃小树林', []).ok).toBe(false)
    expect(validateKeyword('小树林:', []).ok).toBe(false)
    expect(validateKeyword('微征集路灯', []).ok).toBe(false)
  })
  test('unique among the other open topics: equal (any case) or a prefix of one another', () => {
    expect(validateKeyword('小树林', ['小树林'])).toEqual({ ok: false, message: '关键词「小树林」已被另一个征集中的话题使用' })
    expect(validateKeyword('bus12', ['BUS12']).ok).toBe(false)
    expect(validateKeyword('小树林公园', ['小树林']).ok).toBe(false)
    expect(validateKeyword('小树', ['小树林']).ok).toBe(false)
    expect(validateKeyword('大树林', ['小树林', '停车'])).toEqual({ ok: true, value: '大树林' })
  })
})

test('normalizeChatText turns full-width ASCII forms half-width, Chinese unchanged', () => {
  expect(normalizeChatText('＃小树林：ＡＢ１\u3000')).toBe('#小树林:AB1 ')
})
