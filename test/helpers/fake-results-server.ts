/**
 * A loopback stand-in for GitHub's "results" service, faithful to the wire protocol the real
 * @actions/cache (cache service v2) and @actions/artifact (v4 backend, client 6) clients speak:
 * Twirp JSON calls plus Azure-blob-style PUT (whole blob, or blocks and a block list) and plain GET
 * downloads. Artifacts: CreateArtifact (a name the run already has is refused with GitHub's 409),
 * the blob upload, FinalizeArtifact, ListArtifacts (finalized ones, by name or id) and
 * GetSignedArtifactURL, whose blob is served with the content type the upload gave it (the client
 * unzips an application/zip download). The unmodified client libraries, inside the bundled action, talk to it.
 */
import { DefaultArtifactClient } from '@actions/artifact'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import { vi } from 'vitest'
import { listFiles } from '../../src/adapters/files.js'

export interface FakeArtifact {
  readonly name: string
  /** Set at FinalizeArtifact: the database id ListArtifacts and downloads use. */
  id: number
  size: number
  /** The uploaded blob (a zip, unless the upload skipped the archive), set at FinalizeArtifact. */
  bytes: Buffer
  finalized: boolean
  /** `sha256:<hex>`, as the client sends it to FinalizeArtifact. */
  digest?: string
}

export interface FakeResultsServer {
  readonly url: string
  /** Environment that makes the Actions toolkit use this server. */
  readonly env: Record<string, string>
  readonly cacheEntries: Map<string, { key: string; version: string; size: number }>
  /** By name: one artifact per name in the run, as on GitHub. */
  readonly artifacts: Map<string, FakeArtifact>
  close(): Promise<void>
}

/** What GitHub's results service answers CreateArtifact for a name the workflow run already has. */
export const DUPLICATE_ARTIFACT_MESSAGE = 'an artifact with this name already exists on the workflow run'

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.'

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
}

/** The clients decode the token's claims but never verify its signature. */
export function fakeRuntimeToken(): string {
  const claims = { scp: 'Actions.Results:run-1:job-1', ac: JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]) }
  return `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}.${base64url('signature')}`
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startFakeResultsServer(): Promise<FakeResultsServer> {
  const blobs = new Map<string, Buffer>()
  const blobTypes = new Map<string, string>()
  const stagedBlocks = new Map<string, Map<string, Buffer>>()
  const cacheEntries = new Map<string, { key: string; version: string; size: number; blob: string; finalized: boolean }>()
  const artifacts = new Map<string, FakeArtifact & { blob: string; createdAt: string; runId: string; jobId: string }>()
  let nextId = 1
  let url = ''

  const json = (response: ServerResponse, status: number, body: object) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  const twirp = (service: string, method: string, body: Record<string, unknown>, response: ServerResponse) => {
    if (service === 'CacheService') {
      const id = `${body.key}\u0000${body.version}`
      if (method === 'CreateCacheEntry') {
        if (cacheEntries.get(id)?.finalized) return json(response, 409, { code: 'already_exists', msg: 'cache entry exists' })
        const blob = `cache/${nextId++}`
        cacheEntries.set(id, { key: String(body.key), version: String(body.version), size: 0, blob, finalized: false })
        return json(response, 200, { ok: true, signed_upload_url: `${url}/devstoreaccount1/${blob}` })
      }
      if (method === 'FinalizeCacheEntryUpload') {
        const entry = cacheEntries.get(id)
        if (!entry) return json(response, 404, { code: 'not_found', msg: 'no such entry' })
        entry.finalized = true
        entry.size = Number(body.size_bytes)
        return json(response, 200, { ok: true, entry_id: String(nextId++) })
      }
      if (method === 'GetCacheEntryDownloadURL') {
        const keys = [String(body.key), ...((body.restore_keys as string[] | undefined) ?? [])]
        for (const [index, key] of keys.entries()) {
          const match = [...cacheEntries.values()].find(
            (entry) => entry.finalized && entry.version === body.version && (index === 0 ? entry.key === key : entry.key.startsWith(key)),
          )
          if (match) return json(response, 200, { ok: true, signed_download_url: `${url}/devstoreaccount1/${match.blob}`, matched_key: match.key })
        }
        return json(response, 200, { ok: false, signed_download_url: '', matched_key: '' })
      }
    }
    if (service === 'ArtifactService') {
      const name = String(body.name ?? '')
      if (method === 'CreateArtifact') {
        if (artifacts.has(name)) return json(response, 409, { code: 'already_exists', msg: DUPLICATE_ARTIFACT_MESSAGE })
        const blob = `artifacts/${nextId++}`
        artifacts.set(name, {
          name,
          id: 0,
          size: 0,
          bytes: Buffer.alloc(0),
          finalized: false,
          blob,
          createdAt: new Date().toISOString(),
          runId: String(body.workflow_run_backend_id),
          jobId: String(body.workflow_job_run_backend_id),
        })
        return json(response, 200, { ok: true, signed_upload_url: `${url}/devstoreaccount1/${blob}` })
      }
      if (method === 'FinalizeArtifact') {
        const artifact = artifacts.get(name)
        if (!artifact || artifact.finalized) return json(response, 404, { code: 'not_found', msg: 'no such artifact to finalize' })
        artifact.size = Number(body.size)
        artifact.bytes = blobs.get(artifact.blob) ?? Buffer.alloc(0)
        artifact.finalized = true
        artifact.id = nextId++
        if (typeof body.hash === 'string') artifact.digest = body.hash
        return json(response, 200, { ok: true, artifact_id: String(artifact.id) })
      }
      if (method === 'ListArtifacts') {
        // Wrapper types (StringValue, Int64Value) are plain JSON values.
        const listed = [...artifacts.values()].filter(
          (artifact) =>
            artifact.finalized &&
            (body.name_filter === undefined || artifact.name === body.name_filter) &&
            (body.id_filter === undefined || String(artifact.id) === String(body.id_filter)),
        )
        return json(response, 200, {
          artifacts: listed.map((artifact) => ({
            workflow_run_backend_id: artifact.runId,
            workflow_job_run_backend_id: artifact.jobId,
            database_id: String(artifact.id),
            name: artifact.name,
            size: String(artifact.size),
            created_at: artifact.createdAt,
            ...(artifact.digest ? { digest: artifact.digest } : {}),
          })),
        })
      }
      if (method === 'GetSignedArtifactURL') {
        const artifact = artifacts.get(name)
        if (!artifact?.finalized) return json(response, 404, { code: 'not_found', msg: `no artifact named ${name}` })
        return json(response, 200, { signed_url: `${url}/devstoreaccount1/${artifact.blob}` })
      }
    }
    return json(response, 404, { code: 'bad_route', msg: `${service}/${method} is not faked` })
  }

  const server: Server = createServer(async (request, response) => {
    try {
      const requestUrl = new URL(request.url ?? '/', url)
      const body = await readBody(request)
      if (request.method === 'POST' && requestUrl.pathname.startsWith(TWIRP_PREFIX)) {
        const [service, method] = requestUrl.pathname.slice(TWIRP_PREFIX.length).split('/')
        return twirp(service, method, body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {}, response)
      }
      const blob = requestUrl.pathname.replace(/^\/devstoreaccount1\//, '')
      if (request.method === 'PUT') {
        const contentType = request.headers['x-ms-blob-content-type']
        if (typeof contentType === 'string') blobTypes.set(blob, contentType)
        const comp = requestUrl.searchParams.get('comp')
        if (comp === 'block') {
          const blocks = stagedBlocks.get(blob) ?? new Map<string, Buffer>()
          blocks.set(requestUrl.searchParams.get('blockid') ?? '', body)
          stagedBlocks.set(blob, blocks)
        } else if (comp === 'blocklist') {
          const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Committed|Uncommitted)>([^<]*)<\//g)].map((match) => match[1])
          const blocks = stagedBlocks.get(blob) ?? new Map<string, Buffer>()
          blobs.set(blob, Buffer.concat(ids.map((id) => blocks.get(id) ?? Buffer.alloc(0))))
          stagedBlocks.delete(blob)
        } else {
          blobs.set(blob, body)
        }
        response.writeHead(201, { etag: `"${nextId++}"`, 'last-modified': new Date().toUTCString() }).end()
        return
      }
      if (request.method === 'GET' || request.method === 'HEAD') {
        const bytes = blobs.get(blob)
        if (!bytes) return void response.writeHead(404).end()
        const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '')
        if (range) {
          const start = Number(range[1])
          const end = range[2] ? Number(range[2]) : bytes.length - 1
          response.writeHead(206, {
            'content-length': String(end - start + 1),
            'content-range': `bytes ${start}-${end}/${bytes.length}`,
            'content-type': 'application/octet-stream',
          })
          return void response.end(request.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1))
        }
        response.writeHead(200, { 'content-length': String(bytes.length), 'content-type': blobTypes.get(blob) ?? 'application/octet-stream' })
        return void response.end(request.method === 'HEAD' ? undefined : bytes)
      }
      response.writeHead(405).end()
    } catch (error) {
      response.writeHead(500).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || !address) throw new Error('fake results server has no address')
  url = `http://127.0.0.1:${address.port}`
  return {
    url,
    env: { ACTIONS_RESULTS_URL: `${url}/`, ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RUNTIME_TOKEN: fakeRuntimeToken() },
    cacheEntries,
    artifacts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Points the toolkit at `server` and collects what it prints (workflow commands included). */
export function useResultsService(server: FakeResultsServer, root: string): string[] {
  for (const [name, value] of Object.entries(server.env)) vi.stubEnv(name, value)
  vi.stubEnv('RUNNER_TEMP', path.join(root, 'runner-temp'))
  vi.stubEnv('GITHUB_WORKSPACE', root)
  vi.stubEnv('GITHUB_SERVER_URL', 'https://github.com')
  const printed: string[] = []
  vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
    printed.push(String(text))
    return true
  })
  return printed
}

/** Every file under `root`, by its path relative to it, with its content. */
export async function filesUnder(root: string): Promise<Record<string, string>> {
  const files = await listFiles(root)
  return Object.fromEntries(files.map((file) => [path.relative(root, file).split(path.sep).join('/'), readFileSync(file, 'utf8')]))
}

/** Downloads the run's artifact `name` into a fresh folder through the client; returns the folder. */
export async function downloadArtifact(name: string, root: string): Promise<string> {
  const client = new DefaultArtifactClient()
  const { artifacts } = await client.listArtifacts()
  const found = artifacts.find((artifact) => artifact.name === name)
  if (!found) throw new Error(`no artifact ${name} in ${JSON.stringify(artifacts.map((artifact) => artifact.name))}`)
  const into = mkdtempSync(path.join(root, 'download-'))
  await client.downloadArtifact(found.id, { path: into })
  return into
}
