import { Type } from '@nestjs/common';
import { ClicksModule } from '@app/clicks';

/** The feature modules this app serves (apps/all-in-one lists them too). */
export const TRACKER_FEATURES: Type[] = [ClicksModule];
