/**
 * The one error type of the simulator package, with a stable `code` so the CLI can map it to a
 * one-line message without matching on text.
 */
export type SimErrorCode =
  | 'data_missing'
  | 'invalid_data'
  | 'invalid_scenario'
  | 'invalid_csv'
  | 'invalid_argument'
  /** The simulated key server refused a call the simulation relies on (a bug, not bad input). */
  | 'key_server';

export class SimError extends Error {
  override readonly name = 'SimError';
  readonly code: SimErrorCode;

  constructor(code: SimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  toJSON(): { code: SimErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
