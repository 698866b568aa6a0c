/**
 * Spoken Vietnamese for commune loudspeakers: espeak-ng's Vietnamese voice (`-v vi`) writes a
 * WAV; when an MP3 is asked for, Debian's `lame` encodes espeak-ng's output. Both are Debian
 * packages (espeak-ng, lame), run as child processes with the text on stdin, never in a shell.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { RolloutError } from '../rollout-error';

const ESPEAK = ['/usr/bin/espeak-ng', '/usr/local/bin/espeak-ng'];
const LAME = ['/usr/bin/lame', '/usr/local/bin/lame'];

function findTool(candidates: string[], pkg: string): string {
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new RolloutError(
      'tool_missing',
      `${pkg} is not installed (Debian package ${pkg}; scripts/setup installs it)`,
    );
  return found;
}

export function mp3Available(): boolean {
  return LAME.some((p) => existsSync(p));
}

function run(cmd: string, args: string[], input: string | NodeJS.ReadableStream | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new RolloutError('tool_missing', `${cmd} failed (${code}): ${stderr.trim()}`)),
    );
    if (typeof input === 'string') child.stdin.end(input);
    else if (input) input.pipe(child.stdin);
    else child.stdin.end();
  });
}

/** Writes `text` spoken in Vietnamese to `outFile` (.wav, or .mp3 when lame is installed). */
export async function synthesizeAnnouncement(
  text: string,
  outFile: string,
  options: { wordsPerMinute?: number } = {},
): Promise<void> {
  if (text.trim() === '') throw new RolloutError('invalid_input', 'announcement text is empty');
  const espeak = findTool(ESPEAK, 'espeak-ng');
  // 140 wpm: slower than espeak's 175 default, for loudspeakers in the open air.
  const speed = String(options.wordsPerMinute ?? 140);
  if (outFile.toLowerCase().endsWith('.mp3')) {
    const lame = findTool(LAME, 'lame');
    await new Promise<void>((resolve, reject) => {
      const speak = spawn(espeak, ['-v', 'vi', '-s', speed, '--stdin', '--stdout'], {
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      speak.on('error', reject);
      speak.stdin.end(text);
      run(lame, ['--quiet', '-', outFile], speak.stdout).then(resolve, reject);
    });
    return;
  }
  await run(espeak, ['-v', 'vi', '-s', speed, '--stdin', '-w', outFile], text);
}
