import { adminUrl, publicBaseUrl, residentPageUrl } from '../../src/http/admin-url'
import { defaultMenuButtons } from '../../src/services/menu/defaults'

// Links that leave the server (e-mails, template messages, the menu's pages) use PUBLIC_URL, else the
// local demo's own address — the port npm start's admin listens on, not always 3000.
const saved = { PUBLIC_URL: process.env.PUBLIC_URL, PORT: process.env.PORT }
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

test('PUBLIC_URL wins, without its trailing slash', () => {
  process.env.PUBLIC_URL = 'https://wx.example.gov.cn/'
  process.env.PORT = '3300'
  expect(publicBaseUrl()).toBe('https://wx.example.gov.cn')
  expect(adminUrl('/health')).toBe('https://wx.example.gov.cn/admin/health')
})

test('unset, the links follow the port the admin runs on', () => {
  delete process.env.PUBLIC_URL
  process.env.PORT = '3300'
  expect(adminUrl('/consultations-board')).toBe('http://localhost:3300/admin/consultations-board')
  expect(residentPageUrl('/m/topics')).toBe('http://localhost:3300/m/topics')
  const urls = JSON.stringify(defaultMenuButtons())
  expect(urls).toContain('http://localhost:3300/m/guides')
  expect(urls).not.toContain('localhost:3000')
  delete process.env.PORT
  expect(publicBaseUrl()).toBe('http://localhost:3000')
})
