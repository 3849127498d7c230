import { registerEnumType } from '@nestjs/graphql';
import { Granularity } from '@app/read-models';

// The read models' one Granularity, as the GraphQL enum of the same name. Imported by every
// type and argument that uses it, so the registration runs before the schema is built.
registerEnumType(Granularity, { name: 'Granularity' });

export { Granularity };
