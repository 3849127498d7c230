import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { DashboardAssets } from './dashboard-assets';

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

@Controller()
export class DashboardHttpController {
  constructor(@Inject(DashboardAssets) private readonly assets: DashboardAssets) {}

  @Get()
  async index(@Res() reply: FastifyReply): Promise<void> {
    const index = this.assets.index;
    if (!index) {
      await reply.status(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'the dashboard is not built: run `npm run build` (GraphQL at /graphql works)',
      });
      return;
    }
    await reply
      .header('content-type', index.contentType)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(index.body);
  }

  /** Vite names assets by content hash, so a browser may keep them for good. */
  @Get('assets/:name')
  async asset(@Param('name') name: string, @Res() reply: FastifyReply): Promise<void> {
    const asset = this.assets.asset(name);
    if (!asset) throw new NotFoundException(`no dashboard asset named "${name}"`);
    await reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  }
}
