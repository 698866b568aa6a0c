/**
 * Test helpers used by more than one package's tests (Node only). The portable fakes, which the
 * resident app's Jest tests also load, are the `@bluezone/test-support/fakes` entry.
 */
export { CHROMIUM, CHROMIUM_ARGS, DESKTOP, launchChromium, PHONE } from './chromium';
export { type ConfigurationAuthority, configurationAuthority } from './configuration-authority';
export { type FieldTestRun, type PhoneKeyEstimate, phoneKeyEstimates, recordFieldTest } from './field-test-recordings';
export { type FirstLoadPage, type FirstLoadResult, measureFirstLoad, THREE_G } from './first-load';
export { freePort } from './free-port';
export {
  decodeUcs2,
  type FakeSmscMessage,
  joinParts,
  type KannelGateway,
  kannelAvailable,
  parseFakeSmscLine,
  startKannel,
} from './kannel';
export { TEST_SERVER } from './test-key-server';
export { ensureAppBuilt, ensureViteBuilt, ensureWebBuilt, RESIDENT_APP, type ViteApp, WEB_APP } from './vite-build';
export { logIn } from './web-login';
export { pageAs, type WebPageOptions, type WebUser, webContext } from './web-page';
export { writeQrY4m } from './y4m';
