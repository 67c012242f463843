/** The pure parts of the menu: WeChat's limits in Chinese, conversion, comparison, click replies. */
import { parseCommand } from '../../src/services/binding/command'
import { menuClickReply } from '../../src/services/menu/click-reply'
import { compareMenus } from '../../src/services/menu/compare'
import { toWeChatMenu } from '../../src/services/menu/convert'
import { defaultMenuButtons } from '../../src/services/menu/defaults'
import type { WeChatMenu } from '../../src/services/menu/types'
import { validateMenu } from '../../src/services/menu/validate'
import { validateMenu as emulatorCode } from '../../src/dev/emulator/menu'

const click = (name: string, key: string) => ({ type: 'click', name, key })
const menuOf = (...button: WeChatMenu['button']): WeChatMenu => ({ button })

describe('validateMenu', () => {
  test('the default menu (微·公益, 微·指南, 微·服务) is valid, and so WeChat (the emulator) takes it', () => {
    const menu = toWeChatMenu({ buttons: defaultMenuButtons('https://wx.example.gov.cn/') })
    expect(menu.button.map((button) => button.name)).toEqual(['微·公益', '微·指南', '微·服务'])
    // The residents' pages inside WeChat, at the server's PUBLIC_URL.
    expect(menu.button[1]!.sub_button![0]).toEqual({ type: 'view', name: '办事指南', url: 'https://wx.example.gov.cn/m/guides' })
    expect(menu.button[2]!.sub_button![0]).toEqual({ type: 'view', name: '预约服务', url: 'https://wx.example.gov.cn/m/appointments' })
    expect(menu.button[2]!.sub_button![1]).toEqual({ type: 'view', name: '微信议事园（微问政）', url: 'https://wx.example.gov.cn/m/topics' })
    expect(menu.button[2]!.sub_button!.map((sub) => sub.name)).toEqual(expect.arrayContaining(['预约服务', '微信议事园（微问政）', '办事结果查询']))
    expect(validateMenu(menu)).toEqual([])
    expect(emulatorCode(menu)).toBe(0)
  })

  test('1 to 3 top buttons', () => {
    expect(validateMenu(menuOf())).toEqual(['菜单须有 1 至 3 个一级按钮，现有 0 个'])
    expect(validateMenu(menuOf(click('一', 'A'), click('二', 'B'), click('三', 'C'), click('四', 'D')))[0]).toBe('菜单须有 1 至 3 个一级按钮，现有 4 个')
  })

  test('at most 5 sub-buttons, and at least one when it is a sub-menu', () => {
    const six = Array.from({ length: 6 }, (_, index) => click(`项${index}`, `K${index}`))
    expect(validateMenu(menuOf({ name: '微·服务', sub_button: six }))).toEqual(['第 1 个一级按钮「微·服务」：最多 5 个子按钮，现有 6 个'])
    expect(validateMenu(menuOf({ name: '微·服务', sub_button: [] }))).toEqual(['第 1 个一级按钮「微·服务」：设为子菜单时至少要有 1 个子按钮'])
  })

  test('name bytes: 16 at the top (5 汉字 = 15 bytes passes, 6 = 18 fails), 60 below', () => {
    expect(validateMenu(menuOf(click('微信议事园', 'A')))).toEqual([])
    expect(validateMenu(menuOf(click('微信议事园区', 'A')))).toEqual(['第 1 个一级按钮「微信议事园区」：名称 18 字节，超过 16 字节（约 5 个汉字）'])
    const long = '办'.repeat(21)
    expect(validateMenu(menuOf({ name: '微·指南', sub_button: [click('办'.repeat(20), 'A'), click(long, 'B')] }))).toEqual([
      `「微·指南」下的子按钮「${long}」：名称 63 字节，超过 60 字节（约 20 个汉字）`,
    ])
    expect(validateMenu(menuOf(click('', 'A')))).toEqual(['第 1 个一级按钮「」：名称不能为空'])
  })

  test('key ≤ 128 bytes and required for click; url ≤ 1024 bytes and required for view', () => {
    expect(validateMenu(menuOf(click('指南', 'K'.repeat(128))))).toEqual([])
    expect(validateMenu(menuOf(click('指南', 'K'.repeat(129))))).toEqual(['第 1 个一级按钮「指南」：菜单键超过 128 字节'])
    expect(validateMenu(menuOf({ type: 'click', name: '指南' }))).toEqual(['第 1 个一级按钮「指南」：click 类型必须填写菜单键（key）'])
    expect(validateMenu(menuOf({ type: 'view', name: '查询' }))).toEqual(['第 1 个一级按钮「查询」：view 类型必须填写网址（url）'])
    const url = `https://example.org/${'a'.repeat(1005)}`
    expect(validateMenu(menuOf({ type: 'view', name: '查询', url }))).toEqual(['第 1 个一级按钮「查询」：网址超过 1024 字节'])
    expect(validateMenu(menuOf({ type: 'view', name: '查询', url: url.slice(0, 1024) }))).toEqual([])
  })

  test('type rules: a type is needed, unknown ones refused, mini programs need appid and pagepath, no third level', () => {
    expect(validateMenu(menuOf({ name: '服务' }))).toEqual(['第 1 个一级按钮「服务」：请选择按钮类型'])
    expect(validateMenu(menuOf({ type: 'telepathy', name: '服务' }))).toEqual(['第 1 个一级按钮「服务」：不支持的按钮类型 telepathy'])
    expect(validateMenu(menuOf({ type: 'miniprogram', name: '小程序', url: 'https://example.org' }))).toEqual([
      '第 1 个一级按钮「小程序」：小程序按钮必须填写 appid 和页面路径（pagepath）',
    ])
    expect(validateMenu(menuOf({ type: 'media_id', name: '素材' }))).toEqual(['第 1 个一级按钮「素材」：media_id 类型必须填写永久素材 media_id'])
    const nested = { name: '预约', type: 'click', key: 'B', sub_button: [click('更深', 'C')] }
    expect(validateMenu(menuOf({ name: '服务', sub_button: [nested] }))).toEqual(['「服务」下的子按钮「预约」：菜单只有两级，子按钮不能再有子菜单'])
  })

  test('two buttons with one key are refused: counts and replies are per key', () => {
    expect(validateMenu(menuOf(click('指南', 'SAME'), { name: '服务', sub_button: [click('预约', 'SAME')] }))).toEqual([
      '「指南」和「预约」使用了同一个菜单键 SAME',
    ])
  })

  test('reports every problem at once', () => {
    expect(validateMenu(menuOf(click('微信议事园区', ''), { type: 'view', name: '' }))).toHaveLength(4)
  })
})

describe('compareMenus', () => {
  const saved = toWeChatMenu({ buttons: defaultMenuButtons() })

  test('equal menus, including the leaves menu/get lists with an empty sub_button', () => {
    const live = structuredClone(saved)
    for (const top of live.button) for (const sub of top.sub_button ?? []) sub.sub_button = []
    expect(compareMenus(saved, live)).toEqual([])
  })

  test('names each difference', () => {
    const live = structuredClone(saved)
    live.button[0]!.name = '公益'
    live.button[1]!.sub_button![1]!.key = 'OFFICES'
    live.button[2]!.sub_button!.pop()
    expect(compareMenus(saved, live)).toEqual([
      '第 1 个一级按钮名称不同：已保存「微·公益」，线上「公益」',
      '第 2 个一级按钮「微·指南」下第 2 个子按钮「科室职能」的菜单键不同：已保存 DEPARTMENTS，线上 OFFICES',
      '第 3 个一级按钮「微·服务」下第 4 个子按钮「意见评价」只在已保存的菜单中，线上没有',
    ])
    expect(compareMenus(saved, null)).toEqual(['微信上还没有菜单：请先发布'])
  })
})

describe('menuClickReply', () => {
  // A saved menu from before the guides had their pages: 办事指南 as a GUIDE_LIST click.
  const saved = {
    buttons: [
      ...defaultMenuButtons(),
      { name: '旧菜单', type: 'sub', subButtons: [{ name: '办事指南', type: 'click', key: 'GUIDE_LIST', replyText: '办事指南（可在历史消息中查看全文）：' }] },
    ],
  }

  test('GUIDE_LIST lists the guides under the item text', () => {
    const reply = menuClickReply(saved, 'GUIDE_LIST', ['居住证办理', '高龄补贴申领'])
    expect(reply).toEqual({ kind: 'text', text: '办事指南（可在历史消息中查看全文）：\n1. 居住证办理\n2. 高龄补贴申领' })
    expect(menuClickReply(saved, 'GUIDE_LIST', [])!.text).toContain('暂无办事指南')
    expect(
      menuClickReply(
        saved,
        'GUIDE_LIST',
        Array.from({ length: 15 }, (_, index) => `指南${index}`),
      )!.text!.split('\n'),
    ).toHaveLength(11)
  })

  test('another key answers its reply text; an unknown key answers nothing', () => {
    expect(menuClickReply(saved, 'RESULT_QUERY', [])!.text).toMatch(/^办事结果查询/)
    expect(menuClickReply(saved, 'NO_SUCH_KEY', [])).toBeNull()
  })
})

describe('parseCommand', () => {
  test.each([
    ['绑定 12345678', { kind: 'bind', code: '12345678' }],
    ['绑定12345678', { kind: 'bind', code: '12345678' }],
    [' 绑定：１２３４５６７８ ', { kind: 'bind', code: '12345678' }],
    // Codes have 8 digits (src/services/binding/codes.ts): the 6 of older codes are no command.
    ['绑定 123456', null],
    ['审定', { kind: 'sign-off' }],
    ['审定。', { kind: 'sign-off' }],
    ['绑定 12345', null],
    ['请帮我绑定 12345678', null],
    ['审定一下', null],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected)
  })
})
