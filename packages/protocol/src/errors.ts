/**
 * The one error type of the protocol package. Every parser and validator throws it with a
 * stable `code`, so callers (HTTP, CLI) can map it without matching on messages.
 */
export type ProtocolErrorCode =
  | 'invalid_argument'
  | 'invalid_hex'
  | 'invalid_base64'
  | 'invalid_length'
  | 'invalid_ble_payload'
  | 'invalid_metadata'
  | 'invalid_key'
  | 'invalid_export'
  | 'invalid_signature'
  | 'invalid_pem'
  | 'invalid_config'
  | 'configuration_outdated'
  | 'invalid_checkpoint_token'
  | 'checkpoint_token_expired'
  | 'checkpoint_token_outdated'
  | 'checkpoint_radio_mismatch'
  | 'invalid_field_test'
  | 'invalid_field_test_recording'
  | 'no_keys';

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;
  /** The field a validator refused, where it names one (e.g. `endsAtMs`), so a caller can point at its own. */
  readonly field: string | undefined;

  constructor(code: ProtocolErrorCode, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options?.field;
  }

  toJSON(): { code: ProtocolErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
