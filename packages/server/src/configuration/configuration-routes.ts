/**
 * `GET /api/configuration` (anyone: phones fetch it; it holds nothing personal),
 * `PUT /api/configuration` (admin key or admin session) and `GET /api/configuration/calibration`
 * (anyone: the EN device calibration list) — @bluezone/protocol/api configuration.ts.
 */
import { signCalibrationList } from '@bluezone/protocol';
import { configurationApi as api } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import type { Hono } from 'hono';
import { requireAdminRole } from '../apikeys/api-key-auth';
import { activeSigners } from '../export/signing-keys';
import type { ServerContext } from '../feature';
import type { AppEnv } from '../http/app-env';
import { negotiateEncoding } from '../http/compression';
import { notModifiedSince } from '../http/if-none-match';
import { parseBody } from '../http/parse-body';
import { reply } from '../http/reply';
import { loadCalibrationList } from './calibration-list';
import { saveConfiguration, signedConfiguration } from './configuration';

export function configurationRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get(api.getConfiguration.path, async (c) => {
    // Phones poll it; a short cache lets a CDN answer most of them.
    c.header('cache-control', 'public, max-age=300');
    return reply(c, api.getConfiguration, await signedConfiguration(ctx));
  });

  const calibration = loadCalibrationList(ctx.config.enCalibrationFile);
  app.get(api.getCalibration.path, async (c) => {
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const headers: Record<string, string> = {
      'content-type': 'text/csv; charset=utf-8',
      // It changes with a new file and a restart; a day's cache, then a 304 most of the time.
      'cache-control': 'public, max-age=86400',
      vary: 'Accept-Encoding',
      etag: calibration.etag(encoding),
      ...(encoding ? { 'content-encoding': encoding } : {}),
    };
    if (notModifiedSince(c.req.header('if-none-match'), headers.etag as string)) return c.body(null, 304, headers);
    // Signed on every answer with the keys that sign now, as the configuration document is.
    headers[api.CALIBRATION_SIGNATURES_HEADER] = JSON.stringify(
      signCalibrationList(nodeBackend, calibration.text, await activeSigners(ctx)),
    );
    return c.body(encoding ? await calibration.encoded(encoding) : calibration.bytes, 200, headers);
  });

  app.put(api.putConfiguration.path, requireAdminRole(ctx, 'the configuration'), async (c) => {
    const body = await parseBody(c, api.putConfiguration.request);
    const signed = await saveConfiguration(ctx, body, c.get('apiKey').id);
    ctx.logger.info('configuration saved', { version: body.version, by: c.get('apiKey').id });
    return reply(c, api.putConfiguration, signed);
  });
}
