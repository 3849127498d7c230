export { CLICKSTREAM_NAMESPACE, uuidV5 } from './uuid-v5';
