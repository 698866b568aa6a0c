/**
 * The phone's `AppServices.shareFile`: the text is written to a real file `<name>` in the app's
 * cache directory (expo-file-system) and that file goes to the system share sheet (expo-sharing),
 * where the person picks how it reaches the health authority (mail, Zalo, a drive). A file, not a
 * message, so Android's binder limit on an intent no longer bounds a long test's recording.
 *
 * The file is deleted once the share sheet is done, also when sharing fails: a recording ties this
 * phone's identifiers to its test label and must not stay in the cache. Where the platform cannot
 * share files the export fails with `share_unavailable` (shown translated); there is no fallback
 * to sending the text as a message. README, Limits: never run on a phone here.
 */

import { AppError } from '../model/app-error';
import type { SharedFile } from '../model/app-model';

/** The slice of an expo-file-system `File` used here (`new File(Paths.cache, name)` on a phone). */
export interface CacheFile {
  /** `file://` URI of the file. */
  readonly uri: string;
  readonly exists: boolean;
  /** Creates the file if needed and replaces its content (UTF-8). */
  write(content: string): void;
  delete(): void;
}

/** Where the file goes: the app's cache directory, a file of that name. */
export interface CacheFiles {
  file(name: string): CacheFile;
}

/** The slice of expo-sharing used here. */
export interface FileSharing {
  isAvailableAsync(): Promise<boolean>;
  shareAsync(url: string, options?: { mimeType?: string; UTI?: string; dialogTitle?: string }): Promise<void>;
}

/** Uniform Type Identifier of JSON, iOS's counterpart of the MIME type. */
const JSON_UTI = 'public.json';

export function nativeShareFile(files: CacheFiles, sharing: FileSharing): (file: SharedFile) => Promise<void> {
  return async ({ name, mimeType, text }) => {
    if (!(await sharing.isAvailableAsync())) {
      throw new AppError('share_unavailable', 'this phone cannot share files');
    }
    const file = files.file(name);
    try {
      file.write(text);
      await sharing.shareAsync(file.uri, { mimeType, UTI: JSON_UTI, dialogTitle: name });
    } finally {
      // delete() throws on a path that does not exist (a write that failed before creating it).
      if (file.exists) file.delete();
    }
  };
}
