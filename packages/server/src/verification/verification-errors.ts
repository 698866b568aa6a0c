/** Error codes of verification, added to the server's ServerError codes. */
declare module '../http/server-error' {
  interface ServerErrorCodes {
    code_not_found: true;
    /** /api/verify's one answer for a code it cannot take (verification-code.ts unusableCode). */
    code_invalid: true;
    /** /api/verify from a realm that has no code on record (verification-code.ts realmHasCodes). */
    code_other_realm: true;
    code_expired: true;
    code_already_used: true;
    unsupported_test_type: true;
    token_invalid: true;
    token_expired: true;
    token_used: true;
    /** `/api/issue` was given a phone number, but no feature sends SMS (ServerContext.sms). */
    sms_unavailable: true;
  }
}

export {};
