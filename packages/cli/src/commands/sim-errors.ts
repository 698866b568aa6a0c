/** Maps the simulator's typed errors to the CLI's one-line errors (shared by the sim commands). */
import { SimError } from '@bluezone/sim';
import { CliError } from '../cli-error';

export async function withSimErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SimError) throw new CliError(err.message, err.code === 'data_missing' ? 3 : 1);
    throw err;
  }
}
