/**
 * A real Kannel SMS gateway for tests: bearerbox + smsbox from Debian's `kannel`, with the
 * `fakesmsc` test SMS centre from `kannel-extras` standing in for the operator. Each gateway gets
 * its own temp directory and free ports, so test files can run one each in parallel.
 *
 * fakesmsc prints every message bearerbox delivers to it as
 *   `Got message N: <sender receiver type [udh] data>`
 * with type `text`/`ucs-2` and url-encoded data, or `udh <udh> data <data>` for concatenated
 * parts (the UDH carries reference, total and sequence: 3GPP TS 23.040 §9.2.3.24.1).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const BEARERBOX = '/usr/sbin/bearerbox';
const SMSBOX = '/usr/sbin/smsbox';
const FAKESMSC = '/usr/lib/kannel/test/fakesmsc';

export function kannelAvailable(): boolean {
  return existsSync(BEARERBOX) && existsSync(SMSBOX) && existsSync(FAKESMSC);
}

export interface FakeSmscMessage {
  from: string;
  to: string;
  /** Message body bytes as the SMSC received them (UCS-2 BE for coding=2). */
  data: Buffer;
  /** User data header bytes for concatenated parts. */
  udh?: Buffer;
  ucs2: boolean;
}

export interface KannelGateway {
  sendsmsUrl: string;
  username: string;
  password: string;
  adminUrl: string;
  /** Everything fakesmsc has received so far. */
  received(): FakeSmscMessage[];
  waitForMessages(count: number, timeoutMs?: number): Promise<FakeSmscMessage[]>;
  /**
   * A phone sends a message (MO) through the SMS centre. The fake SMSC serves one fakesmsc at a
   * time, so the listening one is replaced by one that sends this message and keeps listening.
   */
  sendMo(from: string, to: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

/** fakesmsc url-encodes message bytes (`%hh`, '+' for a space); the bytes are not always UTF-8. */
function percentDecodeBytes(raw: string): Buffer {
  const tokens = raw.match(/%[0-9A-Fa-f]{2}|[\s\S]/g) ?? [];
  return Buffer.from(
    tokens.map((t) => (t.length === 3 ? Number.parseInt(t.slice(1), 16) : t === '+' ? 0x20 : t.charCodeAt(0) & 0xff)),
  );
}

export function parseFakeSmscLine(line: string): FakeSmscMessage | undefined {
  const m = /Got message \d+: <(.*)>\s*$/.exec(line);
  if (!m?.[1]) return undefined;
  const words = m[1].split(' ');
  const [from = '', to = '', type = ''] = words;
  if (type === 'udh') {
    // `udh <udh> data <data>`: the part's coding is not printed; UCS-2 parts are recognised
    // by the caller (the text of every part is even-length big-endian code units).
    return { from, to, udh: percentDecodeBytes(words[3] ?? ''), data: percentDecodeBytes(words[5] ?? ''), ucs2: false };
  }
  // `text` data is the rest of the line as is; `ucs-2` and `data` are url-encoded.
  if (type === 'text') return { from, to, data: Buffer.from(words.slice(3).join(' '), 'latin1'), ucs2: false };
  return { from, to, data: percentDecodeBytes(words[3] ?? ''), ucs2: type === 'ucs-2' };
}

/** Decodes UTF-16BE (what Kannel sends for coding=2). */
export function decodeUcs2(data: Buffer): string {
  const swapped = Buffer.from(data);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** Joins concatenated parts by their UDH reference, in sequence order. */
export function joinParts(parts: FakeSmscMessage[], decode: (b: Buffer) => string): string {
  const sorted = [...parts].sort((a, b) => (a.udh?.[5] ?? 0) - (b.udh?.[5] ?? 0));
  return sorted.map((p) => decode(p.data)).join('');
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Kannel: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function fetchText(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return await res.text();
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill(signal);
  });
}

/** fakesmsc's `ucs2` message type: UTF-16BE bytes, every one percent-encoded. */
function fakesmscUcs2(text: string): string {
  const be = Buffer.from(text, 'utf16le');
  be.swap16();
  return [...be].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

export async function startKannel(options: { maxMessages?: number; inboundUrl?: string } = {}): Promise<KannelGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'bluezone-kannel-'));
  const [adminPort, boxPort, smscPort, sendsmsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const adminPassword = 'admin-secret';
  const username = 'bluezone';
  const password = 'sms-secret';
  const conf = join(dir, 'kannel.conf');
  // Kannel User Guide: core group (bearerbox), one fake smsc, one smsbox, one sendsms user.
  await writeFile(
    conf,
    [
      'group = core',
      `admin-port = ${adminPort}`,
      `admin-password = ${adminPassword}`,
      `status-password = ${adminPassword}`,
      'admin-allow-ip = 127.0.0.1',
      `smsbox-port = ${boxPort}`,
      'box-allow-ip = 127.0.0.1',
      `log-file = "${join(dir, 'bearerbox.log')}"`,
      'log-level = 1',
      'dlr-storage = internal',
      '',
      'group = smsc',
      'smsc = fake',
      'smsc-id = fake',
      `port = ${smscPort}`,
      'connect-allow-ip = 127.0.0.1',
      '',
      'group = smsbox',
      'bearerbox-host = 127.0.0.1',
      `bearerbox-port = ${boxPort}`,
      `sendsms-port = ${sendsmsPort}`,
      `log-file = "${join(dir, 'smsbox.log')}"`,
      'log-level = 1',
      '',
      'group = sendsms-user',
      `username = ${username}`,
      `password = ${password}`,
      `max-messages = ${options.maxMessages ?? 10}`,
      'concatenation = true',
      '',
      // Messages from phones go to our server; its response body is sent back as the reply.
      ...(options.inboundUrl
        ? [
            'group = sms-service',
            'keyword = default',
            `get-url = "${options.inboundUrl}"`,
            'max-messages = 1',
            'omit-empty = true',
            '',
          ]
        : []),
    ].join('\n'),
  );

  const children: ChildProcess[] = [];
  const fakeLines: string[] = [];
  let fake: ChildProcess | undefined;
  const startFake = (args: string[]): ChildProcess => {
    const child = spawn(FAKESMSC, ['-H', '127.0.0.1', '-r', String(smscPort), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.includes('Got message')) fakeLines.push(line);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    return child;
  };
  const stopAll = async () => {
    // Stop in reverse start order; bearerbox shuts down cleanly on SIGTERM.
    for (const child of [...children].reverse()) await stopChild(child, 'SIGTERM');
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const bearerbox = spawn(BEARERBOX, ['-v', '4', conf], { stdio: 'ignore' });
    children.push(bearerbox);
    const statusUrl = `http://127.0.0.1:${adminPort}/status.txt?password=${adminPassword}`;
    await waitFor(async () => (await fetchText(statusUrl))?.includes('Status: running') ?? false, 'bearerbox', 15_000);

    fake = startFake(['-m', '0', '0 0 text unused']);

    const smsbox = spawn(SMSBOX, ['-v', '4', conf], { stdio: 'ignore' });
    children.push(smsbox);
    await waitFor(
      async () => {
        const status = await fetchText(statusUrl);
        // Ready when the fake SMSC is online and an smsbox is connected.
        return (
          !!status && /fake\[fake\]\s+FAKE:\d+ \(online/.test(status) && /smsbox:\(none\), IP 127\.0\.0\.1/.test(status)
        );
      },
      'fakesmsc and smsbox to connect',
      15_000,
    );
    await waitFor(
      async () => (await fetchText(`http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms`)) !== undefined,
      'smsbox sendsms port',
      15_000,
    );
  } catch (err) {
    await stopAll();
    throw err;
  }

  const received = () => fakeLines.map(parseFakeSmscLine).filter((m): m is FakeSmscMessage => m !== undefined);
  return {
    sendsmsUrl: `http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms`,
    username,
    password,
    adminUrl: `http://127.0.0.1:${adminPort}`,
    received,
    async waitForMessages(count, timeoutMs = 15_000) {
      await waitFor(() => received().length >= count, `${count} message(s) at fakesmsc`, timeoutMs);
      return received();
    },
    async sendMo(from, to, text) {
      if (fake) await stopChild(fake, 'SIGTERM');
      fake = startFake(['-m', '1', `${from} ${to} ucs2 ${fakesmscUcs2(text)}`]);
    },
    stop: stopAll,
  };
}
