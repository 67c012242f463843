import config from '@payload-config'
import { generatePageMetadata, RootPage } from '@payloadcms/next/views'
import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { notFound } from 'next/navigation'
import { getPayload } from 'payload'
import { roleOf } from '../../../../access/roles'
import { importMap } from '../importMap.js'

type Args = {
  params: Promise<{ segments: string[] }>
  searchParams: Promise<{ [key: string]: string | string[] }>
}

export const generateMetadata = ({ params, searchParams }: Args): Promise<Metadata> => generatePageMetadata({ config, params, searchParams })

/** `/admin/collections/<slug>/<id>/api`, `/admin/globals/<slug>/api` (and the trash variants): Payload's API view. */
const isAPIView = (segments: string[] = []) =>
  (segments[0] === 'collections' || segments[0] === 'globals') && segments.length >= 3 && segments[segments.length - 1] === 'api'

// The API view is for administrators: its tab is hidden from other roles (src/admin/admin-defaults.ts)
// and its address answers "not found" to them. It shows nothing their access does not allow anyway.
const Page = async ({ params, searchParams }: Args) => {
  if (isAPIView((await params).segments)) {
    const payload = await getPayload({ config })
    const { user } = await payload.auth({ headers: await headers() })
    if (roleOf(user) !== 'admin') notFound()
  }
  return RootPage({ config, params, searchParams, importMap })
}

export default Page
