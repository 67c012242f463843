// `/m`: the residents' pages start at the guides.
export function GET(request: Request): Response {
  return Response.redirect(new URL('/m/guides', request.url), 302)
}
