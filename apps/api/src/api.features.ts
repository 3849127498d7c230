import { Type } from '@nestjs/common';
import { AdsHttpModule } from '@app/ads';
import { AdvertisersHttpModule } from '@app/advertisers';

/** The feature modules this app serves; the all-in-one process imports these lists too. */
export const API_FEATURES: Type[] = [AdvertisersHttpModule, AdsHttpModule];
