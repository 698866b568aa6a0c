/**
 * The one error type of the client SDK, with a stable `code` an app can map to a message
 * without matching on text (STYLE.md: one error type per package).
 */
export type ClientErrorCode =
  | 'invalid_argument'
  | 'invalid_config'
  | 'storage'
  | 'network'
  | 'server_rejected'
  | 'invalid_response'
  /** A served configuration document was refused: unsigned by a trusted key, another region, or older (cause: the ProtocolError). */
  | 'configuration_rejected'
  /** A field test's enrolment was refused: damaged, unsigned by a trusted key, another region, or over (cause: the ProtocolError). */
  | 'field_test_rejected'
  /** A field-test export on a phone no field test enrolled. */
  | 'field_test_not_enrolled'
  /** A field-test export before the test started. */
  | 'field_test_not_started'
  | 'no_keys'
  | 'bluetooth_unavailable';

export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly code: ClientErrorCode;
  /** HTTP status when the error came from a server response. */
  readonly status: number | undefined;
  /**
   * The server's own code for a refusal (the problem's `code`, or Google's `errorCode`), e.g.
   * `code_expired`: a ProblemCode of @bluezone/protocol/api from our servers, for the app to word.
   */
  readonly problemCode: string | undefined;

  constructor(
    code: ClientErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number; problemCode?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status;
    this.problemCode = options?.problemCode;
  }

  toJSON(): { code: ClientErrorCode; message: string; status?: number } {
    return this.status === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, status: this.status };
  }
}
