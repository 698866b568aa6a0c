/**
 * Decoding of untrusted export protobufs: @bufbuild/protobuf throws plain Errors (truncated
 * varints, bad wire types, invalid UTF-8); the export readers must throw ProtocolError only.
 */
import { type DescMessage, fromBinary, type MessageShape } from '@bufbuild/protobuf';
import { ProtocolError } from '../errors';

export function _decodeExportMessage<Desc extends DescMessage>(
  schema: Desc,
  bytes: Uint8Array,
  what: string,
): MessageShape<Desc> {
  try {
    // Unknown fields are dropped: nothing re-encodes a parsed file, and they would pin its buffer.
    return fromBinary(schema, bytes, { readUnknownFields: false });
  } catch (err) {
    throw new ProtocolError(
      'invalid_export',
      `${what} is not a valid protobuf: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
}
