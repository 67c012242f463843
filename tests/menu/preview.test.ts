/** The admin's live helpers, pure: WeChat's ways of counting and the phone preview read from the form state. */
import { lengthReason } from '../../src/admin/fields/length-rules'
import { measure } from '../../src/admin/fields/measure'
import { previewButtons } from '../../src/admin/menu/preview-buttons'
import { bytes } from '../../src/services/menu/validate'
import { charCount } from '../../src/wechat/limits'

test('titles count characters (an emoji is one), menu names count UTF-8 bytes (a Chinese character is three), as the server does', () => {
  for (const text of ['', '标题', '🎉🎉', '微·公益活动中心', 'Menu 1', '微信议事园（微问政）']) {
    expect(measure(text, 'chars')).toBe(charCount(text))
    expect(measure(text, 'bytes')).toBe(bytes(text))
  }
  expect(measure('🎉'.repeat(32), 'chars')).toBe(32)
  expect(measure('微·公益', 'bytes')).toBe(11)
})

test('the preview follows the flat form state: three sections, their sub-buttons, leaves without a sub-menu', () => {
  const fields = {
    buttons: { value: 3 },
    'buttons.0.name': { value: '微·公益' },
    'buttons.0.type': { value: 'sub' },
    'buttons.0.subButtons': { value: 2 },
    'buttons.0.subButtons.0.name': { value: '公益活动' },
    'buttons.0.subButtons.1.name': { value: '志愿者招募' },
    'buttons.1.name': { value: '官网' },
    'buttons.1.type': { value: 'view' },
    // A leaf keeps its old sub-buttons in the form state; WeChat shows none.
    'buttons.1.subButtons': { value: 1 },
    'buttons.1.subButtons.0.name': { value: '旧子按钮' },
    'buttons.2.name': { value: '' },
    'buttons.2.type': { value: 'sub' },
    'buttons.2.subButtons': { value: 0 },
  }
  expect(previewButtons(fields)).toEqual([
    { name: '微·公益', type: 'sub', subButtons: ['公益活动', '志愿者招募'] },
    { name: '官网', type: 'view', subButtons: [] },
    { name: '', type: 'sub', subButtons: [] },
  ])
  expect(previewButtons({})).toEqual([])
})

test('the admin keeps a field marked with the very reason the server gives', () => {
  expect(lengthReason('title', '长'.repeat(40), 'title', 'zh')).toBe('标题：最多 32 个字（微信图文标题上限），当前 40 个字')
  expect(lengthReason('title', '长'.repeat(32), 'title', 'zh')).toBeNull()
  expect(lengthReason('digest', '摘'.repeat(130), 'digest', 'en')).toBe("Digest: at most 128 characters (WeChat's digest limit); now 130")
  expect(lengthReason('menuName', '微·公益活动中心', 'buttons.0.name', 'zh')).toBe('第 1 个一级按钮的名称：最多 16 字节（约 5 个汉字，微信限制），当前 23 字节')
  expect(lengthReason('menuName', '办'.repeat(21), 'buttons.1.subButtons.2.name', 'zh')).toBe(
    '第 2 个一级按钮的第 3 个子按钮的名称：最多 60 字节（约 20 个汉字，微信限制），当前 63 字节',
  )
})
