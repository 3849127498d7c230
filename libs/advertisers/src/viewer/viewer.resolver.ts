import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { AdvertisersRepository } from '../advertisers.repository';
import { ViewerRole, ViewerType } from './viewer.type';

/** Lets a client (the dashboard's sign-in) check a key and learn which views it opens. */
@Resolver()
export class ViewerResolver {
  constructor(@Inject(AdvertisersRepository) private readonly advertisers: AdvertisersRepository) {}

  @Query(() => ViewerType)
  @Access('authenticated')
  async viewer(@CurrentPrincipal() principal: Principal): Promise<ViewerType> {
    if (principal.kind === 'admin') return { role: ViewerRole.ADMIN, advertiser: null };
    const row = await this.advertisers.find(principal.advertiserId);
    return {
      role: ViewerRole.ADVERTISER,
      advertiser: row ? { id: row.advertiserId, name: row.name, createdAt: row.createdAt } : null,
    };
  }
}
