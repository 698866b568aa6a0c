/**
 * A phone's report of its keys after a positive test, through the SDK's client (the one key-server
 * client, @bluezone/client): verify the code, get a certificate for the keys' HMAC, publish. A
 * refusal throws the SDK's ClientError (its `status` and the server's `problemCode`).
 */
import { KeyServerClient, type PublishResult, seededRandom } from '@bluezone/client';
import { exposureKeyHmac, type PublishKey, toBase64 } from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import type { FetchLike } from './endpoint-call';

export interface PhoneReportOptions {
  /** The server's address; verification and key server are the same server here. */
  baseUrl: string;
  /** Default: the global fetch. An app's `request` for an in-process server. */
  fetch?: FetchLike;
  deviceKey: string;
  code: string;
  keys: PublishKey[];
  hmacKey: Uint8Array;
  healthAuthorityID?: string;
  revisionToken?: string;
}

export async function reportAsPhone(options: PhoneReportOptions): Promise<PublishResult> {
  const doFetch = options.fetch ?? fetch;
  const client = new KeyServerClient(
    { verificationUrl: options.baseUrl, keyServerUrl: options.baseUrl, apiKey: options.deviceKey },
    // Padding only: what the bytes are does not matter to these tests.
    { fetch: (input, init) => doFetch(String(input), init ?? {}), random: seededRandom(1) },
  );
  const verified = await client.verify(options.code);
  const certificate = await client.certificate(
    verified.token,
    exposureKeyHmac(nodeBackend, options.keys, options.hmacKey),
  );
  return client.publish({
    temporaryExposureKeys: options.keys,
    healthAuthorityID: options.healthAuthorityID ?? 'vn.bluezone',
    verificationPayload: certificate,
    hmacKey: toBase64(options.hmacKey),
    traveler: false,
    revisionToken: options.revisionToken ?? '',
  });
}
