export * from './click-token/click-token';
export { parseSigningKeys } from './click-token/signing-keys';
export * from './events/ad-events';
export * from './events/click-recorded.event';
export * from './events/click-recorded.upcast';
export { CLICKSTREAM_NAMESPACE, uuidV5 } from './uuid-v5';
export { isUuid } from './uuid-text';
export { AdView } from './graphql/ad.type';
export { AdvertiserView } from './graphql/advertiser.type';
