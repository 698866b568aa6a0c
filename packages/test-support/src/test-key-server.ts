// A key server's addresses for a phone under test that never reaches one over them (no fetch, or a
// fake that answers whatever it is asked): what BluezoneClient needs to be built. `publicKeys` is
// a placeholder; a test that verifies what the phone fetches passes its own.
export const TEST_SERVER = {
  verificationUrl: 'http://verify.test',
  keyServerUrl: 'http://keys.test',
  exportBaseUrl: 'http://keys.test/exports/',
  apiKey: 'device-key',
  region: 'VN',
  healthAuthorityID: 'vn.bluezone',
  publicKeys: [{ pem: 'unused in this test' }] as { pem: string; keyId?: string }[],
};
