/** Every emulated API route, by path. */
import type { Route } from './context'
import { datacubeRoutes } from './datacube'
import { draftRoutes } from './draft'
import { massRoutes } from './mass'
import { mediaRoutes } from './media'
import { menuRoutes } from './menu'
import { messageRoutes } from './message'
import { oauthRoutes } from './oauth'
import { tagRoutes } from './tags'
import { templateRoutes } from './template'
import { tokenRoutes } from './token'

export const ROUTES: ReadonlyMap<string, Route> = new Map(
  [
    ...tokenRoutes,
    ...mediaRoutes,
    ...draftRoutes,
    ...massRoutes,
    ...menuRoutes,
    ...messageRoutes,
    ...templateRoutes,
    ...tagRoutes,
    ...oauthRoutes,
    ...datacubeRoutes,
  ].map((route) => [route.path, route]),
)
