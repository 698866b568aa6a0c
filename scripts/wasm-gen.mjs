// Generates packages/protocol/src/matching/gen/tek-key-simd-wasm.ts: a WebAssembly module that
// derives GAEN sub-keys (HKDF-SHA256 of a 16-byte TEK, empty salt, one-block info) for four
// TEKs at once, one per i32x4 lane (FIPS 180-4 SHA-256, unrolled; the state registers are renamed
// per round instead of shifted). The WAT text is built here and assembled with wabt, so the
// committed module is reproducible: `node scripts/wasm-gen.mjs --check` (part of `npm test`)
// fails when the committed file differs from what this script makes.
//
// Memory layout (byte offsets), shared with tek-key-simd.ts:
//   0x0000  W[0..63], the message schedule, one v128 per word (4 lanes = 4 TEKs)
//   0x0400  extract-inner state (8 v128), set by JS: SHA-256 state after the zero salt ⊕ ipad block
//   0x0480  extract-outer state (zero salt ⊕ opad)
//   0x0500  SHA-256 initial hash value, splatted
//   0x0580  expand message block (16 v128): info ‖ 0x01 ‖ padding
//   0x0680  scratch states: inner digest, PRK, expand-inner, expand-outer, result (5 × 0x80)
//   0x1000  input: per group of 4 TEKs (256 groups), 4 v128 (word i of the 4 TEKs, big-endian words)
//   0x5000  output: per group, 4 v128 (the first 16 bytes of the derived key, big-endian words)
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const OUT = 'packages/protocol/src/matching/gen/tek-key-simd-wasm.ts';
export const MAX_GROUPS = 256;

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

const W = 0x0000;
const EXTRACT_INNER = 0x0400;
const EXTRACT_OUTER = 0x0480;
const IV = 0x0500;
const EXPAND_MESSAGE = 0x0580;
const S_INNER = 0x0680;
const S_PRK = 0x0700;
const S_EXPAND_INNER = 0x0780;
const S_EXPAND_OUTER = 0x0800;
const S_RESULT = 0x0880;
const INPUT = 0x1000;
const OUTPUT = 0x5000;

const splat = (v) => `(v128.const i32x4 ${v | 0} ${v | 0} ${v | 0} ${v | 0})`;
const rotr = (x, n) => `(v128.or (i32x4.shr_u ${x} (i32.const ${n})) (i32x4.shl ${x} (i32.const ${32 - n})))`;
const w = (i) => `(v128.load offset=${W + i * 16} (i32.const 0))`;

/** $compress(from, to): to ← from + SHA-256 rounds over W[0..15] (W[16..63] computed here). */
function compress() {
  const lines = ['(func $compress (param $from i32) (param $to i32)'];
  lines.push('  (local $a v128) (local $b v128) (local $c v128) (local $d v128)');
  lines.push('  (local $e v128) (local $f v128) (local $g v128) (local $h v128)');
  lines.push('  (local $t1 v128) (local $t2 v128) (local $x v128)');
  for (let i = 16; i < 64; i++) {
    // σ0(x) = rotr7 ⊕ rotr18 ⊕ shr3, σ1(x) = rotr17 ⊕ rotr19 ⊕ shr10
    lines.push(`  (local.set $x ${w(i - 15)})`);
    lines.push(
      `  (local.set $t1 (v128.xor (v128.xor ${rotr('(local.get $x)', 7)} ${rotr('(local.get $x)', 18)}) (i32x4.shr_u (local.get $x) (i32.const 3))))`,
    );
    lines.push(`  (local.set $x ${w(i - 2)})`);
    lines.push(
      `  (local.set $t2 (v128.xor (v128.xor ${rotr('(local.get $x)', 17)} ${rotr('(local.get $x)', 19)}) (i32x4.shr_u (local.get $x) (i32.const 10))))`,
    );
    lines.push(
      `  (v128.store offset=${W + i * 16} (i32.const 0) (i32x4.add (i32x4.add (local.get $t1) (local.get $t2)) (i32x4.add ${w(i - 7)} ${w(i - 16)})))`,
    );
  }
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  names.forEach((n, i) => {
    lines.push(`  (local.set $${n} (v128.load offset=${i * 16} (local.get $from)))`);
  });
  // r[k] is the local holding working variable k (a..h) in this round.
  let r = [...names];
  for (let i = 0; i < 64; i++) {
    const [a, b, c, d, e, f, g, h] = r.map((n) => `(local.get $${n})`);
    const sigma1 = `(v128.xor (v128.xor ${rotr(e, 6)} ${rotr(e, 11)}) ${rotr(e, 25)})`;
    const ch = `(v128.bitselect ${f} ${g} ${e})`;
    lines.push(
      `  (local.set $t1 (i32x4.add (i32x4.add ${h} ${sigma1}) (i32x4.add ${ch} (i32x4.add ${splat(K[i])} ${w(i)}))))`,
    );
    const sigma0 = `(v128.xor (v128.xor ${rotr(a, 2)} ${rotr(a, 13)}) ${rotr(a, 22)})`;
    // Maj(a, b, c): where a and b differ, c decides; elsewhere they agree.
    const maj = `(v128.bitselect ${c} ${a} (v128.xor ${a} ${b}))`;
    lines.push(`  (local.set $t2 (i32x4.add ${sigma0} ${maj}))`);
    // d becomes the new e, h becomes the new a.
    lines.push(`  (local.set $${r[3]} (i32x4.add ${d} (local.get $t1)))`);
    lines.push(`  (local.set $${r[7]} (i32x4.add (local.get $t1) (local.get $t2)))`);
    r = [r[7], r[0], r[1], r[2], r[3], r[4], r[5], r[6]];
  }
  r.forEach((n, i) => {
    lines.push(
      `  (v128.store offset=${i * 16} (local.get $to) (i32x4.add (v128.load offset=${i * 16} (local.get $from)) (local.get $${n})))`,
    );
  });
  lines.push(')');
  return lines.join('\n');
}

const store = (i, value) => `    (v128.store offset=${W + i * 16} (i32.const 0) ${value})`;

/** W ← 8-word digest at `from` ‖ SHA-256 padding of a 64 + 32 byte message. */
function digestBlock(from) {
  const lines = [];
  for (let i = 0; i < 8; i++) lines.push(store(i, `(v128.load offset=${from + i * 16} (i32.const 0))`));
  lines.push(store(8, splat(0x80000000)));
  for (let i = 9; i < 15; i++) lines.push(store(i, splat(0)));
  lines.push(store(15, splat((64 + 32) * 8)));
  return lines.join('\n');
}

/** W ← (PRK ‖ 0…) ⊕ pad, HMAC's key block. */
function padBlock(pad) {
  const lines = [];
  const p = splat(pad * 0x01010101);
  for (let i = 0; i < 8; i++)
    lines.push(store(i, `(v128.xor (v128.load offset=${S_PRK + i * 16} (i32.const 0)) ${p})`));
  for (let i = 8; i < 16; i++) lines.push(store(i, p));
  return lines.join('\n');
}

function derive() {
  const lines = ['(func (export "derive") (param $groups i32)', '  (local $g i32) (local $in i32)'];
  lines.push('  (block $done (loop $next');
  lines.push('    (br_if $done (i32.ge_u (local.get $g) (local.get $groups)))');
  lines.push(`    (local.set $in (i32.mul (local.get $g) (i32.const 64)))`);
  // Extract, inner: TEK ‖ 0x80 ‖ 0… ‖ bit length of (ipad block + 16 bytes).
  for (let i = 0; i < 4; i++) lines.push(store(i, `(v128.load offset=${INPUT + i * 16} (local.get $in))`));
  lines.push(store(4, splat(0x80000000)));
  for (let i = 5; i < 15; i++) lines.push(store(i, splat(0)));
  lines.push(store(15, splat((64 + 16) * 8)));
  lines.push(`    (call $compress (i32.const ${EXTRACT_INNER}) (i32.const ${S_INNER}))`);
  lines.push(digestBlock(S_INNER));
  lines.push(`    (call $compress (i32.const ${EXTRACT_OUTER}) (i32.const ${S_PRK}))`);
  // Expand: T(1) = HMAC(PRK, info ‖ 0x01).
  lines.push(padBlock(0x36));
  lines.push(`    (call $compress (i32.const ${IV}) (i32.const ${S_EXPAND_INNER}))`);
  lines.push(padBlock(0x5c));
  lines.push(`    (call $compress (i32.const ${IV}) (i32.const ${S_EXPAND_OUTER}))`);
  for (let i = 0; i < 16; i++) lines.push(store(i, `(v128.load offset=${EXPAND_MESSAGE + i * 16} (i32.const 0))`));
  lines.push(`    (call $compress (i32.const ${S_EXPAND_INNER}) (i32.const ${S_INNER}))`);
  lines.push(digestBlock(S_INNER));
  lines.push(`    (call $compress (i32.const ${S_EXPAND_OUTER}) (i32.const ${S_RESULT}))`);
  for (let i = 0; i < 4; i++) {
    lines.push(
      `    (v128.store offset=${OUTPUT + i * 16} (local.get $in) (v128.load offset=${S_RESULT + i * 16} (i32.const 0)))`,
    );
  }
  lines.push('    (local.set $g (i32.add (local.get $g) (i32.const 1)))');
  lines.push('    (br $next)))');
  lines.push(')');
  return lines.join('\n');
}

const wat = `(module\n(memory (export "memory") 1)\n${compress()}\n${derive()}\n)\n`;
const wabt = await wabtInit();
const parsed = wabt.parseWat('tek-key-simd.wat', wat, { simd: true });
parsed.validate();
const { buffer } = parsed.toBinary({});
parsed.destroy();
const base64 = Buffer.from(buffer).toString('base64');
const lines = base64.match(/.{1,100}/g) ?? [];
const source = `// Generated by scripts/wasm-gen.mjs from its WAT text; do not edit. Regenerate: node scripts/wasm-gen.mjs
// Four-lane (i32x4) HKDF-SHA256 of 16-byte TEKs, ${buffer.length} bytes.
export const TEK_KEY_SIMD_WASM_BASE64 =\n${lines.map((l) => `  '${l}'`).join(' +\n')};\n`;

if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== source) {
    console.error(`${OUT} is stale: run node scripts/wasm-gen.mjs and commit`);
    process.exit(1);
  }
  console.log('generated WebAssembly is up to date');
} else {
  writeFileSync(OUT, source);
  console.log(`wrote ${OUT} (${buffer.length} bytes of WebAssembly)`);
}
