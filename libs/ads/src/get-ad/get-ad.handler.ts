import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAdAccess } from '../domain/ad-access';
import { AdRepository } from '../domain/ad.repository';
import { AdDetails, toAdDetails } from '../shared/ad-details';
import { GetAdQuery } from './get-ad.query';

/**
 * One ad, from its own stream rather than the projected ad_catalog table: the owner who just
 * registered or changed it reads what it wrote, not what the projection has caught up with.
 */
@QueryHandler(GetAdQuery)
export class GetAdHandler implements IQueryHandler<GetAdQuery> {
  constructor(@Inject(AdRepository) private readonly ads: AdRepository) {}

  async execute({ principal, adId }: GetAdQuery): Promise<AdDetails> {
    const ad = requireAdAccess(principal, adId, await this.ads.load(adId));
    return toAdDetails(ad.state);
  }
}
