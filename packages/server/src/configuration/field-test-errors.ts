/** Error codes of the field test enrolments, added to the server's ServerError codes. */
declare module '../http/server-error' {
  interface ServerErrorCodes {
    /**
     * A request for enrolments the test cannot have: a bad or repeated label, no phones or more
     * than MAX_FIELD_TEST_PHONES, an end not after the start, a test too long or whose export time
     * is over; `field` names it (`testId`, `phones.3`, `phones`, `endsAt`).
     */
    field_test_invalid: true;
  }
}

export {};
