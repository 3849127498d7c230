import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/advertisers';
import { AdDetails } from '../shared/ad-details';

export class GetAdQuery extends Query<AdDetails> {
  constructor(
    readonly principal: Principal,
    readonly adId: string,
  ) {
    super();
  }
}
