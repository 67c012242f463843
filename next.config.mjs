import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // CommonJS WeChat client with its pinned HTTP library: loaded by Node as is, not bundled.
  serverExternalPackages: ['wechat-api', 'urllib'],
  // Type-checking is `npm run typecheck` (CI runs it before the build); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // No X-Powered-By: Next.js; the security headers themselves are set per request by src/proxy.ts.
  poweredByHeader: false,
  async redirects() {
    return [{ source: '/', destination: '/admin', permanent: false }]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
