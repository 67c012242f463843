import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // CommonJS WeChat client with its pinned HTTP library: loaded by Node as is, not bundled.
  serverExternalPackages: ['wechat-api', 'urllib'],
  // Type-checking is `npm run typecheck` (CI runs it before the build); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // No X-Powered-By: Next.js; the security headers themselves are set per request by src/proxy.ts.
  poweredByHeader: false,
  // src/proxy.ts runs on every path, and Next buffers a proxied request body only up to 10 MB by
  // default, cutting off the rest: an upload just over WeChat's 10 MB image limit then reached Payload
  // truncated and was refused without its reason. Above the limit Payload itself refuses the file and
  // says so in Chinese (src/services/media/check-upload.ts).
  experimental: { proxyClientMaxBodySize: '64mb' },
  async redirects() {
    return [{ source: '/', destination: '/admin', permanent: false }]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
