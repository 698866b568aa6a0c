/**
 * The region's configuration document: the latest saved version, or the built-in defaults as
 * version 0; signed on every read with the export keys that sign now (so a key rotation needs
 * no re-signing job, and a phone that trusts either key of an overlap verifies it). A save must
 * name the current version + 1 and pass the protocol's validators; its risk configuration is
 * signed with only the fields the protocol knows (anything else an admin's file held is left out).
 */
import {
  CONFIGURATION_FORMAT,
  type ConfigurationDocument,
  defaultConfiguration,
  ProtocolError,
  parseRiskConfiguration,
  type SignedConfiguration,
  signConfigurationPayload,
  validateConfigurationAdvice,
  validateConfigurationDocument,
  validateProximityParameters,
} from '@bluezone/protocol';
import type { configurationApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { activeSigners } from '../export/signing-keys';
import type { ServerContext } from '../feature';
import { ServerError } from '../http/server-error';
import './configuration-errors';
import { insertConfiguration, latestConfiguration } from './configuration-repository';
import { configurationDb } from './configuration-tables';

/** The current document's JSON text. */
async function currentPayload(ctx: ServerContext): Promise<{ version: number; payload: string }> {
  const stored = await latestConfiguration(configurationDb(ctx.database), ctx.config.exportRegion);
  if (stored) return { version: Number(stored.version), payload: stored.document };
  return { version: 0, payload: JSON.stringify(defaultConfiguration(ctx.config.exportRegion)) };
}

async function sign(ctx: ServerContext, payload: string): Promise<SignedConfiguration> {
  return signConfigurationPayload(nodeBackend, payload, await activeSigners(ctx));
}

export async function signedConfiguration(ctx: ServerContext): Promise<SignedConfiguration> {
  return sign(ctx, (await currentPayload(ctx)).payload);
}

/** Runs one validator and returns what it returns; its refusal becomes a 400 naming the field (`proximity.states.0.prior`). */
function check<T>(part: 'proximity' | 'risk', validate: () => T): T {
  try {
    return validate();
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    const message = err.message.replace(/^proximity parameters: /, '');
    const name = /^([A-Za-z][\w.]*)/.exec(message)?.[1];
    const field = name && name !== 'a' && name !== 'must' ? `${part}.${name}` : part;
    throw new ServerError('configuration_invalid', 400, `${part}: ${message}`, { field });
  }
}

export async function saveConfiguration(
  ctx: ServerContext,
  request: configurationApi.PutConfigurationRequest,
  savedBy: number,
): Promise<SignedConfiguration> {
  const region = ctx.config.exportRegion;
  const current = await currentPayload(ctx);
  if (request.version !== current.version + 1) {
    throw new ServerError(
      'configuration_version_conflict',
      409,
      `the current version is ${current.version}: an edit must be saved as version ${current.version + 1}`,
      { field: 'version' },
    );
  }
  check('proximity', () => validateProximityParameters(request.proximity));
  // Only the risk configuration's own fields are signed: a comment or other data beside them in
  // the admin's file is left out, not served to every phone; not refused, as a proximity part is
  // taken whole once its validator accepts it.
  const risk = check('risk', () => parseRiskConfiguration(request.risk));
  const document: ConfigurationDocument = {
    format: CONFIGURATION_FORMAT,
    version: request.version,
    region,
    issuedAt: new Date(ctx.clock.now()).toISOString(),
    proximity: request.proximity,
    risk,
    ...(request.advice === undefined ? {} : { advice: request.advice }),
  };
  if (request.advice !== undefined) {
    const advice: unknown = request.advice;
    try {
      validateConfigurationAdvice(advice);
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err;
      // The message starts with the field: `advice` or `advice.vi`.
      const field = /^advice(\.\w+)?/.exec(err.message)?.[0] ?? 'advice';
      throw new ServerError('configuration_invalid', 400, err.message, { field });
    }
  }
  validateConfigurationDocument(document);
  const payload = JSON.stringify(document);
  const inserted = await insertConfiguration(configurationDb(ctx.database), {
    region,
    version: document.version,
    document: payload,
    savedAt: ctx.clock.now(),
    savedBy,
  });
  if (!inserted) {
    throw new ServerError('configuration_version_conflict', 409, `version ${document.version} was saved meanwhile`, {
      field: 'version',
    });
  }
  return sign(ctx, payload);
}
