import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@app/access';
import { ApplicationError } from '@app/runtime';
import { ImpressionMinter, MintedImpression } from './impression-minter';
import { MintImpressionsDto } from './mint-impressions.dto';

@Controller('v1/impressions')
export class MintImpressionsHttpController {
  constructor(@Inject(ImpressionMinter) private readonly minter: ImpressionMinter) {}

  @Post()
  @HttpCode(201)
  async mint(
    @CurrentPrincipal() principal: Principal,
    @Body() body: MintImpressionsDto,
  ): Promise<MintedImpression | { impressions: MintedImpression[] }> {
    if (body.impressions) {
      if (body.adId)
        throw new ApplicationError(
          'bad-input',
          'send either adId (one impression) or impressions (a batch), not both',
        );
      return { impressions: await this.minter.mint(principal, body.impressions) };
    }
    if (!body.adId)
      throw new ApplicationError(
        'bad-input',
        'adId is required (or impressions: [...] for a batch)',
      );
    const { adId, userId, country, placement } = body;
    const [minted] = await this.minter.mint(principal, [{ adId, userId, country, placement }]);
    return minted;
  }
}
