/** The site's public API: the public address other features build links on. */
export {
  listeningAddress,
  type PublicAddress,
  publicAddress,
  requestOrigin,
  savePublicAddress,
} from './public-address';
export { servedDeviceKey } from './served-device-key';
