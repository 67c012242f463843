/** The config's afterError hook on its own: Payload's English catch-alls in the admin's language, labels found by path. */
import { ValidationError } from 'payload'
import { explainValidationErrors, fieldLabelAt } from '../src/shared/errors'

const zh = { i18n: { language: 'zh' } }
const en = { i18n: { language: 'en' } }
const run = (error: Error, req: object, result: object) =>
  explainValidationErrors({ error, req: req as never, result: result as never, context: {}, collection: undefined as never }) as
    { response: { errors: Array<{ message: string }> } } | undefined

test('「Something went wrong.」 reaches staff in their language, with the Beijing time to quote', () => {
  const answer = run(new Error('SQLITE_BUSY'), zh, { errors: [{ message: 'Something went wrong.' }] })
  expect(answer?.response.errors[0]!.message).toMatch(
    /^服务器出错，操作没有完成（北京时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）。请稍后重试；一再出现请把这个时间告诉管理员。$/,
  )
  const english = run(new Error('SQLITE_BUSY'), en, { errors: [{ message: 'An unknown error occurred.' }] })
  expect(english?.response.errors[0]!.message).toMatch(/^A server error stopped this action \(Beijing time .+\)\. Try again later/)
  // Any other message is left as it is.
  expect(run(new Error('x'), zh, { errors: [{ message: '本周推送已在发送或已结束，不能再修改' }] })).toBeUndefined()
})

test('a field error without a label is named from the field at its path, through tabs, rows and arrays', () => {
  const fields = [
    { type: 'tabs', tabs: [{ fields: [{ name: 'title', type: 'text', label: { zh: '标题', en: 'Title' } }] }] },
    {
      type: 'row',
      fields: [
        {
          name: 'buttons',
          type: 'array',
          label: { zh: '一级按钮', en: 'Buttons' },
          fields: [{ name: 'name', type: 'text', label: { zh: '名称', en: 'Name' } }],
        },
      ],
    },
  ]
  expect(fieldLabelAt(fields, ['title'], 'zh')).toBe('标题')
  expect(fieldLabelAt(fields, ['buttons', '2', 'name'], 'en')).toBe('Name')
  expect(fieldLabelAt(fields, ['missing'], 'zh')).toBeNull()
  const error = new ValidationError({ collection: 'x', errors: [{ path: 'code', message: '值必须是唯一的' }] })
  const answer = run(
    error,
    {
      ...zh,
      payload: { config: { collections: [{ slug: 'x', fields: [{ name: 'code', type: 'text', label: { zh: '社区代码', en: 'Code' } }] }], globals: [] } },
    },
    { errors: [{ message: error.message }] },
  )
  expect(answer?.response.errors[0]!.message).toBe('无法保存：社区代码：值必须是唯一的')
})
