import { Type } from '@nestjs/common';
import { AdsGraphqlModule, AdsHttpModule } from '@app/ads';
import { AdvertisersGraphqlModule, AdvertisersHttpModule } from '@app/advertisers';
import { GraphqlApiModule } from '@app/graphql';
import { ProjectionsGraphqlModule } from '@app/projections';
import { ReportingModule } from '@app/reporting';
import { DashboardModule } from './dashboard/dashboard.module';

/** The feature modules this app serves; the all-in-one process imports these lists too. */
export const API_FEATURES: Type[] = [
  AdvertisersHttpModule,
  AdsHttpModule,
  GraphqlApiModule,
  AdvertisersGraphqlModule,
  AdsGraphqlModule,
  ReportingModule,
  ProjectionsGraphqlModule,
  DashboardModule,
];
