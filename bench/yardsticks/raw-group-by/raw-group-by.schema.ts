/**
 * Just enough schema for the query bench's three documents to validate and answer here as they
 * do against the api app: the same query names, arguments and selected fields. Written as SDL,
 * not built from the product's GraphQL types, so that nothing of the product is compiled in.
 */
export const RAW_GROUP_BY_SCHEMA = /* GraphQL */ `
  scalar DateTime

  enum Granularity {
    MINUTE
    HOUR
    DAY
  }

  type ClickPoint {
    start: DateTime!
    clicks: Float!
    botClicks: Float!
    uniqueUsers: Float!
  }

  type ClickSeries {
    asOf: DateTime!
    points: [ClickPoint!]!
  }

  type AdClickTotals {
    adId: ID!
    clicks: Float!
    uniqueUsers: Float!
  }

  type ClickTotals {
    asOf: DateTime!
    ads: [AdClickTotals!]!
  }

  type Ad {
    id: ID!
    name: String!
  }

  type TopAd {
    ad: Ad!
    clicks: Float!
    uniqueUsers: Float!
  }

  type Query {
    clickSeries(adId: ID!, from: DateTime!, to: DateTime!, granularity: Granularity!): ClickSeries!
    clickTotals(adIds: [ID!]!, from: DateTime!, to: DateTime!): ClickTotals!
    topAds(lastMinutes: Int = 60, limit: Int = 10): [TopAd!]!
  }
`;
