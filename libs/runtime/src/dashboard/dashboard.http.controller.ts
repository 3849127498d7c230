import { Controller, Get, Headers, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { Negotiator } from '@fastify/accept-negotiator';
import { FastifyReply } from 'fastify';
import { Public } from '../access/access-rule';
import { Asset, DashboardAssets, Encoding } from './dashboard-assets';

/** Brotli first (about a fifth smaller than gzip on our bundle), then gzip, else as built. */
const ENCODINGS = new Negotiator<Encoding | 'identity'>({
  supportedValues: ['br', 'gzip', 'identity'],
});

/** Sends `asset` in the best encoding the client accepts; caches must key on that header. */
async function sendAsset(
  reply: FastifyReply,
  asset: Asset,
  acceptEncoding: string | undefined,
): Promise<void> {
  const chosen = acceptEncoding ? ENCODINGS.negotiate(acceptEncoding) : null;
  const encoded = chosen && chosen !== 'identity' ? asset.encoded[chosen] : undefined;
  reply.header('vary', 'accept-encoding');
  if (encoded) reply.header('content-encoding', chosen);
  await reply.send(encoded ?? asset.body);
}

/**
 * Only our own origin: the dashboard loads nothing from elsewhere and talks only to /graphql.
 * uPlot positions its elements with style attributes, hence 'unsafe-inline' for styles only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Public: the page and its assets hold no data; everything it shows comes from /graphql with
 * the key the user signs in with.
 */
@Controller()
@Public()
export class DashboardHttpController {
  constructor(@Inject(DashboardAssets) private readonly assets: DashboardAssets) {}

  @Get()
  async index(
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const index = this.assets.index;
    if (!index) {
      await reply.status(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the dashboard is not built: run `npm run build` (GraphQL at /graphql works)',
      });
      return;
    }
    reply
      .header('content-type', index.contentType)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    await sendAsset(reply, index, acceptEncoding);
  }

  /** Vite names assets by content hash, so a browser may keep them for good. */
  @Get('assets/:name')
  async asset(
    @Param('name') name: string,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const asset = this.assets.asset(name);
    if (!asset) throw new NotFoundException(`no dashboard asset named "${name}"`);
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    await sendAsset(reply, asset, acceptEncoding);
  }
}
