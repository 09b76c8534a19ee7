/**
 * A static file server on 127.0.0.1 for download tests: each path answers with its bytes, a
 * status, or a body cut short (the Content-Length of the whole, then the connection dropped).
 */
import { createServer, type Server } from 'node:http'

export type StaticRoute =
  | { readonly body: Buffer }
  /** Announces the whole body's length, sends the first `sent` bytes, then drops the connection. */
  | { readonly body: Buffer; readonly truncateAt: number }
  | { readonly redirect: string }
  | { readonly status: number; readonly statusText?: string }

export interface StaticServer {
  readonly url: string
  /** Paths asked for, in order: a test can tell a download from a cached file. */
  readonly requests: string[]
  /** Replaces or adds routes while the server runs. */
  readonly routes: Map<string, StaticRoute>
  close(): Promise<void>
}

export async function startStaticServer(initial: Record<string, StaticRoute> = {}): Promise<StaticServer> {
  const routes = new Map(Object.entries(initial))
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    const route = routes.get(request.url ?? '')
    requests.push(request.url ?? '')
    if (!route) return void response.writeHead(404, 'Not Found').end()
    if ('redirect' in route) return void response.writeHead(302, { location: route.redirect }).end()
    if ('status' in route) return void response.writeHead(route.status, route.statusText).end()
    response.writeHead(200, { 'content-length': String(route.body.length), 'content-type': 'application/octet-stream' })
    if ('truncateAt' in route) response.write(route.body.subarray(0, route.truncateAt), () => response.destroy())
    else response.end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('static server has no address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
