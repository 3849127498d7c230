import { Type } from '@nestjs/common';
import { ProjectorModule } from '@app/projections';

/** The feature modules this app serves; the all-in-one process imports these lists too. */
export const PROJECTOR_FEATURES: Type[] = [ProjectorModule];
