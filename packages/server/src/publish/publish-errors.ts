/** Error codes of publish (named after google/exposure-notifications-server's `code` values). */
declare module '../http/server-error' {
  interface ServerErrorCodes {
    unable_to_parse: true;
    too_many_keys: true;
    no_keys: true;
    invalid_key: true;
    key_too_old: true;
    key_in_future: true;
    too_many_same_start: true;
    duplicate_key: true;
    hmac_mismatch: true;
    invalid_revision_token: true;
    nothing_to_revise: true;
    partial_failure: true;
  }
}

export {};
