import { Controller, Get, Header, Inject, Redirect } from '@nestjs/common';
import { GroupCommit } from './group-commit';

export const LANDING = 'https://shop.example/landing';
export const MAKE_ROW = Symbol('MAKE_ROW');

/** The one route of yardstick (c)/(c′): a row per click, committed, then a 302. */
@Controller()
export class DurableClickController {
  constructor(
    private readonly commit: GroupCommit,
    @Inject(MAKE_ROW) private readonly makeRow: () => Record<string, unknown>,
  ) {}

  @Get('c/:token')
  @Header('cache-control', 'no-store')
  @Redirect(LANDING, 302)
  async click(): Promise<void> {
    await this.commit.add(this.makeRow());
  }

  @Get('healthz')
  health(): { status: string } {
    return { status: 'ok' };
  }
}
