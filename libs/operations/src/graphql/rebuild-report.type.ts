import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SafeInt } from '@app/graphql';
import { GraphQLScalarType } from 'graphql';

/** Report rows carry their own columns (a bucket's counts, a catalog entry's fields): JSON. */
export const JsonObject = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object, as stored in the reconciliation report.',
  serialize: (value) => value,
});

@ObjectType('Difference')
export class DifferenceType {
  @Field(() => JsonObject)
  key!: Record<string, unknown>;

  @Field(() => JsonObject, { nullable: true, description: 'null: the row is missing from live.' })
  live!: Record<string, unknown> | null;

  @Field(() => JsonObject, {
    nullable: true,
    description: 'null: the row is missing from the rebuild.',
  })
  rebuilt!: Record<string, unknown> | null;
}

/** The comparison's counts, per table and over all tables. */
@ObjectType({ isAbstract: true })
abstract class RowCounts {
  @Field(() => SafeInt, { description: 'Rows compared, live against rebuilt.' })
  rowsCompared!: number;

  @Field(() => SafeInt)
  rowsDiffering!: number;

  @Field(() => SafeInt, {
    deprecationReason: 'Counts every row, not only buckets: use rowsCompared.',
  })
  bucketsCompared!: number;

  @Field(() => SafeInt, {
    deprecationReason: 'Counts every row, not only buckets: use rowsDiffering.',
  })
  bucketsDiffering!: number;
}

@ObjectType('TableReconciliation')
export class TableReconciliationType extends RowCounts {
  @Field()
  table!: string;

  @Field(() => SafeInt, { nullable: true })
  liveClicks?: number;

  @Field(() => SafeInt, { nullable: true })
  rebuiltClicks?: number;

  @Field(() => [DifferenceType], { description: 'Up to 1,000 per table.' })
  differences!: DifferenceType[];

  @Field()
  differencesTruncated!: boolean;
}

@ObjectType('AdClicksMoved')
export class AdClicksMovedType {
  @Field(() => ID)
  adId!: string;

  @Field(() => SafeInt, {
    description: 'Clicks live counted valid that the rebuild judged invalid.',
  })
  toInvalid!: number;

  @Field(() => SafeInt, {
    description: 'Clicks live counted invalid that the rebuild judged valid.',
  })
  toValid!: number;
}

@ObjectType('ClicksMoved', {
  description:
    'What re-judging history changed: counted per minute bucket of each ad, exact unless clicks of one ad moved both ways within one minute.',
})
export class ClicksMovedType {
  @Field(() => SafeInt)
  toInvalid!: number;

  @Field(() => SafeInt)
  toValid!: number;

  @Field(() => [AdClicksMovedType], { description: 'Every ad with clicks moved.' })
  ads!: AdClicksMovedType[];
}

@ObjectType('RebuildReport')
export class RebuildReportType extends RowCounts {
  @Field(() => String, { nullable: true })
  position!: string | null;

  @Field(() => SafeInt)
  eventsReplayed!: number;

  @Field(() => SafeInt, {
    description:
      'Rebuilt minus live clicks, each click counted once (per-table sums are in tables).',
  })
  clicksDifference!: number;

  @Field(() => [TableReconciliationType])
  tables!: TableReconciliationType[];

  @Field(() => String, { nullable: true, description: 'The rules the rebuild judged with.' })
  rules!: string | null;

  @Field(() => ClicksMovedType, {
    nullable: true,
    description:
      'Clicks moved between valid and invalid by the rules the rebuild judged with; null for projections that judge nothing and for reports from before traffic quality.',
  })
  clicksMoved!: ClicksMovedType | null;
}
