import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // CommonJS WeChat client with its pinned HTTP library: loaded by Node as is, not bundled.
  serverExternalPackages: ['wechat-api', 'urllib'],
  async redirects() {
    return [{ source: '/', destination: '/admin', permanent: false }]
  },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
