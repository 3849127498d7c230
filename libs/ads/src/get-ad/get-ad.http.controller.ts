import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiKeyGuard, CurrentPrincipal, Principal } from '@app/advertisers';
import { ParseAnyCaseUuidPipe } from '@app/runtime';
import { AdDetails } from '../shared/ad-details';
import { GetAdQuery } from './get-ad.query';

@Controller('v1/ads')
@UseGuards(ApiKeyGuard)
export class GetAdHttpController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':adId')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
  ): Promise<AdDetails> {
    return this.queries.execute(new GetAdQuery(principal, adId));
  }
}
