import { Type } from '@nestjs/common';
import { ProjectorRpcModule } from '@app/operations';
import { ProjectorModule } from '@app/projections';

/**
 * The feature modules this app serves (apps/all-in-one lists them too): the projections, and
 * the command port the API sends rebuilds to.
 */
export const PROJECTOR_FEATURES: Type[] = [ProjectorModule, ProjectorRpcModule];
