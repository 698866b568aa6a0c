/**
 * The protocol's code the configuration card needs only on request (the risk presets, checking a
 * file, the preview's estimator), imported then: its own module, so a test can hold or fail the
 * import as a slow or broken network would.
 */
export const importProtocol = () => import('@bluezone/protocol');
