/**
 * `bluezone bench export`: times what the key server does per export run: N diagnosis keys
 * split into files of at most M keys, each file encoded (keys sorted by bytes), signed and
 * zipped, against a baseline measured in the same run.
 *
 * The baseline (`baselineSeconds`, the one `ratio` divides by) is the work any exporter must
 * do on the same bytes: deflate both files into the zip and ECDSA-sign export.bin. What the
 * ratio adds on top is sorting and protobuf encoding. Key generation is not timed.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  createExportZip,
  type DiagnosisKey,
  type ExportBatch,
  encodeExportBin,
  ReportType,
  readExportZip,
  signatureInfoOf,
  sortByKeyData,
  sortUniqueByKeyData,
  splitExportBatch,
  TEK_ROLLING_PERIOD,
  verifyExportSignature,
} from '@bluezone/protocol';
import { nodeBackend } from '@bluezone/protocol/node';
import { zipSync } from 'fflate';
import { UsageError } from '../cli-error';
import type { Command } from '../command';
import { integerOption, parseOptions } from '../options';

const usage = 'bluezone bench export [--keys N] [--max-per-file M] [--json]';
/** The budget: one million keys exported and signed in under 10 s. */
const BUDGET_SECONDS = 10;

export interface BenchExportResult {
  keys: number;
  files: number;
  bytes: number;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  withinBudget: boolean;
  /** Parts, measured separately over the same files. */
  sortSeconds: number;
  /** Sort plus dropping repeated keys, as the key server's export run does (sortUniqueByKeyData). */
  sortUniqueSeconds: number;
  encodeSeconds: number;
  readVerifySeconds: number;
  peakRssMb: number;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

function generateBatch(n: number): ExportBatch {
  const keyBytes = nodeBackend.randomBytes(n * 16);
  const day = 2_833_200;
  const keys: DiagnosisKey[] = new Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = {
      keyData: keyBytes.subarray(i * 16, i * 16 + 16),
      rollingStartIntervalNumber: day - (i % 14) * TEK_ROLLING_PERIOD,
      rollingPeriod: TEK_ROLLING_PERIOD,
      transmissionRiskLevel: 0,
      reportType: ReportType.ConfirmedTest,
      daysSinceOnsetOfSymptoms: (i % 29) - 14,
    };
  }
  return { startTimestamp: day * 600, endTimestamp: (day + 144) * 600, region: '452', batchNum: 1, batchSize: 1, keys };
}

export function benchExport(n: number, maxPerFile: number): BenchExportResult {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const signer = { keyId: '452', keyVersion: 'v1', privateKeyPem: privateKey };
  const files = splitExportBatch(generateBatch(n), maxPerFile);
  // Warm up (JIT, OpenSSL key cache) on a small file before timing.
  const first = files[0] as ExportBatch;
  createExportZip(nodeBackend, { ...first, keys: first.keys.slice(0, 10_000) }, [signer]);

  let t = process.hrtime.bigint();
  const zips = files.map((batch) => createExportZip(nodeBackend, batch, [signer]));
  const total = seconds(t);

  t = process.hrtime.bigint();
  for (const batch of files) sortByKeyData(batch.keys);
  const sortSeconds = seconds(t);

  t = process.hrtime.bigint();
  for (const batch of files) sortUniqueByKeyData(batch.keys);
  const sortUniqueSeconds = seconds(t);

  t = process.hrtime.bigint();
  const bins = files.map((batch) => encodeExportBin(batch, [signatureInfoOf(signer)]));
  const encodeSeconds = seconds(t);

  t = process.hrtime.bigint();
  for (const bin of bins) {
    const sig = nodeBackend.ecdsaP256Sign(privateKey, bin);
    zipSync({ 'export.bin': bin, 'export.sig': sig }, { level: 1 });
  }
  const baselineSeconds = seconds(t);

  t = process.hrtime.bigint();
  for (const zip of zips) {
    if (!verifyExportSignature(nodeBackend, readExportZip(zip), publicKey))
      throw new Error('bench export: bad signature');
  }
  const readVerifySeconds = seconds(t);

  const round = (x: number) => Number(x.toFixed(3));
  return {
    keys: n,
    files: files.length,
    bytes: zips.reduce((sum, z) => sum + z.length, 0),
    seconds: round(total),
    baselineSeconds: round(baselineSeconds),
    ratio: round(total / baselineSeconds),
    withinBudget: total < BUDGET_SECONDS,
    sortSeconds: round(sortSeconds),
    sortUniqueSeconds: round(sortUniqueSeconds),
    encodeSeconds: round(encodeSeconds),
    readVerifySeconds: round(readVerifySeconds),
    peakRssMb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
  };
}

export const exportBenchCommand: Command = {
  usage: `${usage}
  --keys N          diagnosis keys to export (default 1000000)
  --max-per-file M  keys per file (default 500000, the Go server's EXPORT_FILE_MAX_RECORDS)
  --json            print only the result object
Baseline: baselineSeconds = deflating both files into the zip and ECDSA-signing export.bin,
on the same bytes; ratio = seconds / baselineSeconds. Budget: ${BUDGET_SECONDS} s for 1,000,000 keys.
Single-threaded; key generation is not timed.`,
  run(args, io) {
    const { values } = parseOptions(
      args,
      { keys: { type: 'string' }, 'max-per-file': { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    const n = integerOption(values.keys, 'keys', 1_000_000);
    const maxPerFile = integerOption(values['max-per-file'], 'max-per-file', 500_000);
    if (n < 1 || n > 10_000_000) throw new UsageError('--keys must be 1..10000000');
    if (maxPerFile < 1) throw new UsageError('--max-per-file must be at least 1');
    const r = benchExport(n, maxPerFile);
    if (!values.json) {
      io.stdout(`exported ${r.keys} keys into ${r.files} signed zip(s), ${r.bytes} bytes, in ${r.seconds} s`);
      io.stdout(`baseline zip + sign of the same bytes: ${r.baselineSeconds} s → ratio ${r.ratio}`);
      io.stdout(
        `parts: sort ${r.sortSeconds} s (dropping repeats too: ${r.sortUniqueSeconds} s), encode (incl. sort) ${r.encodeSeconds} s; read + verify ${r.readVerifySeconds} s`,
      );
      io.stdout(`budget ${BUDGET_SECONDS} s: ${r.withinBudget ? 'met' : 'MISSED'}; peak RSS ${r.peakRssMb} MB`);
    }
    io.stdout(JSON.stringify(r));
    return 0;
  },
};
