/**
 * The key server as phones see it, in process: positive reports publish diagnosis keys in
 * batches (one per report, like a day's export file would carry them), and a phone asks for the
 * batches after the last one it processed (what `index.txt` and "download only new files"
 * achieve over HTTP).
 */
import type { DiagnosisKey } from '@bluezone/protocol';

export interface KeyBatch {
  id: number;
  uploader: number;
  /** Step of the uploader's positive test result. */
  positiveStep: number;
  publishedStep: number;
  keys: DiagnosisKey[];
}

export class InProcessKeyServer {
  readonly batches: KeyBatch[] = [];

  publish(uploader: number, positiveStep: number, publishedStep: number, keys: DiagnosisKey[]): KeyBatch {
    const batch = { id: this.batches.length, uploader, positiveStep, publishedStep, keys };
    this.batches.push(batch);
    return batch;
  }

  since(cursor: number): KeyBatch[] {
    return this.batches.slice(cursor);
  }

  get cursor(): number {
    return this.batches.length;
  }
}
