// Tryout finding 2: `.env.example` shipped PUBLIC_URL=http://localhost:3000; with PORT=3400 every
// save answered 「您无权执行此操作」 and nothing said why. npm start and npm run serve now warn.
import { publicUrlPortWarning } from '../scripts/env.mjs'

const warn = (env: { PUBLIC_URL?: string; PORT?: string }) => publicUrlPortWarning(env)

test('a loopback PUBLIC_URL on another port than the admin’s is named, with the fix', () => {
  const text = warn({ PUBLIC_URL: 'http://localhost:3000', PORT: '3400' })
  expect(text).toContain('PUBLIC_URL=http://localhost:3000 的端口（3000）与后台端口 PORT=3400 不一致')
  expect(text).toContain('「您无权执行此操作」')
  expect(text).toContain('PUBLIC_URL=http://localhost:3400')
  expect(text).toContain('删除 PUBLIC_URL')
  // 127.0.0.1 and [::1] are this machine too; PORT unset is 3000; no port in the URL is 80.
  expect(warn({ PUBLIC_URL: 'http://127.0.0.1:3000/', PORT: '3400' })).toContain('PORT=3400')
  expect(warn({ PUBLIC_URL: 'http://[::1]:3400' })).toContain('（3400）与后台端口 PORT=3000')
  expect(warn({ PUBLIC_URL: 'http://localhost', PORT: '3400' })).toContain('（80）')
})

test('nothing to say when PUBLIC_URL matches, is unset, or is another host', () => {
  expect(warn({ PUBLIC_URL: 'http://localhost:3400', PORT: '3400' })).toBeNull()
  expect(warn({ PUBLIC_URL: ' http://localhost:3000 ' })).toBeNull()
  expect(warn({ PORT: '3400' })).toBeNull()
  expect(warn({ PUBLIC_URL: '', PORT: '3400' })).toBeNull()
  // Behind a reverse proxy the public address's port rightly differs from the admin's.
  expect(warn({ PUBLIC_URL: 'https://wx.example.gov.cn', PORT: '3000' })).toBeNull()
  expect(warn({ PUBLIC_URL: 'http://192.168.1.20:8080', PORT: '3000' })).toBeNull()
  // Not an address with a host: nothing to compare.
  expect(warn({ PUBLIC_URL: 'localhost:3000', PORT: '3400' })).toBeNull()
})
