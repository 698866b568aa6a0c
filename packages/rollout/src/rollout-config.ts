/**
 * Configuration of the rollout toolkit: one typed struct, each field named after its
 * environment variable with its default beside it (as config.ts does for the key server).
 */
import { RolloutError } from './rollout-error';

export interface RolloutConfig {
  /**
   * ROLLOUT_INSTALL_BASE_URL: what unit QR codes, invite and SMS links point to (`?unit=CODE` is
   * added); empty: the resident app at the site's public address, `<PUBLIC_BASE_URL>/app/`
   * (install-base-url.ts).
   */
  installBaseUrl: string;
  /** ROLLOUT_DOWNLOAD_URL: the download page printed on posters. */
  downloadUrl: string;
  /** ROLLOUT_SEED_DEMO: load the Nam Đông demo units into an empty database at start (true/false). */
  seedDemo: boolean;
  /** KANNEL_SENDSMS_URL: e.g. http://127.0.0.1:13013/cgi-bin/sendsms; empty disables SMS sending. */
  kannelSendsmsUrl: string;
  /** KANNEL_USERNAME / KANNEL_PASSWORD: a sendsms-user of smsbox. */
  kannelUsername: string;
  kannelPassword: string;
  /** SMS_SENDER: sender id (brand name) shown on phones. */
  smsSender: string;
  /** PUBLIC_BASE_URL: how Kannel reaches this server for delivery reports (dlr-url). */
  publicBaseUrl: string;
  /**
   * SMS_PRICE_VND: price per SMS segment in đồng, for cost estimates. 850 is an illustrative
   * brand-name SMS price; set your contract's.
   */
  smsPriceVnd: number;
  /** SMS_INBOUND_TOKEN: secret in the get-url Kannel calls for replies ("TU CHOI"); empty disables the route. */
  smsInboundToken: string;
  /** ZALO_API_BASE: ZNS endpoint base (https://business.openapi.zalo.me). */
  zaloApiBase: string;
  /** ZALO_OAUTH_URL: https://oauth.zaloapp.com/v4/oa/access_token */
  zaloOauthUrl: string;
  /** ZALO_APP_ID / ZALO_SECRET_KEY / ZALO_REFRESH_TOKEN: empty disables Zalo sending. */
  zaloAppId: string;
  zaloSecretKey: string;
  zaloRefreshToken: string;
  /** ROLLOUT_WORKER_INTERVAL_SECONDS: how often the outbox worker looks for due messages; 0 disables it. */
  workerIntervalSeconds: number;
  /**
   * ROLLOUT_ATTESTATIONS_PER_ADDRESS_PER_HOUR: install attestations one client address may send
   * an hour (coverage/attestation-limits.ts). Default 600: a school or a drive may attest
   * hundreds of phones behind one address (Wi-Fi, carrier NAT) in an hour, a script thousands.
   */
  attestationsPerAddressPerHour: number;
  /**
   * ROLLOUT_NEW_INSTALLS_PER_UNIT_PER_HOUR: new installs one unit (home, organisation or
   * business) may take an hour. Default 300: more than a busy install drive signs up at one
   * place, far less than a script inflating a village's figures would.
   */
  newInstallsPerUnitPerHour: number;
  /**
   * ROLLOUT_VOLUNTEER_RETENTION_DAYS: days after an install drive that its volunteers' names and
   * phone numbers are kept (drives/volunteer-retention.ts), then erased; their figures stay.
   * Default 90: the organisers reach volunteers during the drive and thank the best at the
   * quarter's review; nothing needs a name after that.
   */
  volunteerRetentionDays: number;
  /**
   * ROLLOUT_OUTBOX_RETENTION_DAYS: days a settled message's row (its body already blanked) is
   * kept for delivery reports and the frequency cap before it is deleted (messaging/
   * outbox-retention.ts). Default 31: a campaign's frequency-cap window may be up to 30 days,
   * and a shorter retention makes longer windows count only the days kept.
   */
  outboxRetentionDays: number;
}

type Env = Record<string, string | undefined>;

const str = (env: Env, name: string, fallback: string) => {
  const v = env[name];
  return v === undefined || v === '' ? fallback : v;
};

const int = (env: Env, name: string, fallback: number) => {
  const v = str(env, name, String(fallback));
  if (!/^\d+$/.test(v)) throw new RolloutError('invalid_input', `${name} must be a non-negative integer, got "${v}"`);
  return Number(v);
};

const positive = (env: Env, name: string, fallback: number) => {
  const n = int(env, name, fallback);
  if (n < 1) throw new RolloutError('invalid_input', `${name} must be at least 1, got ${n}`);
  return n;
};

export function loadRolloutConfig(env: Env = {}): RolloutConfig {
  return {
    installBaseUrl: str(env, 'ROLLOUT_INSTALL_BASE_URL', ''),
    downloadUrl: str(env, 'ROLLOUT_DOWNLOAD_URL', 'https://bluezone.gov.vn'),
    seedDemo: str(env, 'ROLLOUT_SEED_DEMO', 'true') === 'true',
    kannelSendsmsUrl: str(env, 'KANNEL_SENDSMS_URL', ''),
    kannelUsername: str(env, 'KANNEL_USERNAME', ''),
    kannelPassword: str(env, 'KANNEL_PASSWORD', ''),
    smsSender: str(env, 'SMS_SENDER', 'BLUEZONE'),
    publicBaseUrl: str(env, 'PUBLIC_BASE_URL', 'http://127.0.0.1:8080'),
    smsPriceVnd: int(env, 'SMS_PRICE_VND', 850),
    smsInboundToken: str(env, 'SMS_INBOUND_TOKEN', ''),
    zaloApiBase: str(env, 'ZALO_API_BASE', 'https://business.openapi.zalo.me'),
    zaloOauthUrl: str(env, 'ZALO_OAUTH_URL', 'https://oauth.zaloapp.com/v4/oa/access_token'),
    zaloAppId: str(env, 'ZALO_APP_ID', ''),
    zaloSecretKey: str(env, 'ZALO_SECRET_KEY', ''),
    zaloRefreshToken: str(env, 'ZALO_REFRESH_TOKEN', ''),
    workerIntervalSeconds: int(env, 'ROLLOUT_WORKER_INTERVAL_SECONDS', 15),
    attestationsPerAddressPerHour: positive(env, 'ROLLOUT_ATTESTATIONS_PER_ADDRESS_PER_HOUR', 600),
    newInstallsPerUnitPerHour: positive(env, 'ROLLOUT_NEW_INSTALLS_PER_UNIT_PER_HOUR', 300),
    volunteerRetentionDays: positive(env, 'ROLLOUT_VOLUNTEER_RETENTION_DAYS', 90),
    outboxRetentionDays: positive(env, 'ROLLOUT_OUTBOX_RETENTION_DAYS', 31),
  };
}
