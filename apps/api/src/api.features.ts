import { Type } from '@nestjs/common';
import { AdsGraphqlModule, AdsHttpModule } from '@app/ads';
import { AdvertisersGraphqlModule, AdvertisersHttpModule } from '@app/advertisers';
import { GraphqlApiModule } from '@app/graphql';
import { OperationsGraphqlModule } from '@app/operations';
import { ReportingModule } from '@app/reporting';
import { DashboardModule } from '@app/runtime';

/** The feature modules this app serves (apps/all-in-one lists them too). */
export const API_FEATURES: Type[] = [
  AdvertisersHttpModule,
  AdsHttpModule,
  GraphqlApiModule,
  AdvertisersGraphqlModule,
  AdsGraphqlModule,
  ReportingModule,
  OperationsGraphqlModule,
  DashboardModule,
];
