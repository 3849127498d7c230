import { Controller, Get, Header, Redirect } from '@nestjs/common';

export const LANDING = 'https://shop.example/landing';

/** The one route of yardstick (b): Nest's own request pipeline, then a 302. */
@Controller()
export class RedirectController {
  @Get('c/:token')
  @Header('cache-control', 'no-store')
  @Redirect(LANDING, 302)
  click(): void {
    // Nest answers with the decorator's redirect.
  }

  @Get('healthz')
  health(): { status: string } {
    return { status: 'ok' };
  }
}
