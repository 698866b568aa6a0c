/** Error codes of the configuration document, added to the server's ServerError codes. */
declare module '../http/server-error' {
  interface ServerErrorCodes {
    /** A parameter the estimator's or the risk validator refuses, or bad advice text; `field` names it. */
    configuration_invalid: true;
    /** The edit names a version other than the current + 1 (another admin saved in between). */
    configuration_version_conflict: true;
  }
}

export {};
