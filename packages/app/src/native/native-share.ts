/**
 * The phone's `AppServices.shareFile`: the text is written to a real file `<name>` in a folder of
 * its own under the app's cache directory (`field-test/`, expo-file-system) and that file goes to
 * the system share sheet (expo-sharing), where the person picks how it reaches the health
 * authority (mail, Zalo, a drive). A file, not a message, so Android's binder limit on an intent
 * no longer bounds a long test's recording.
 *
 * The file stays after the share sheet is done: Android resolves `shareAsync` when the chooser's
 * activity returns, and a receiving app may read the file later (a drive's upload). A recording
 * ties this phone's identifiers to its test label, so the whole folder is deleted as soon as it is
 * no longer needed: before the next export is written (at most the latest export exists), and
 * through `clearSharedFiles` (`AppServices.clearSharedFiles`) at the app's next start, when the
 * phone leaves the field test and on "delete all data". A write or a share that fails deletes it
 * at once. Where the platform cannot share files the export fails with `share_unavailable` (shown
 * translated); there is no fallback to sending the text as a message. README, Limits: never run
 * on a phone here.
 */

import { AppError } from '../model/app-error';
import type { SharedFile } from '../model/app-model';

/** The slice of an expo-file-system `File` used here. */
export interface CacheFile {
  /** `file://` URI of the file. */
  readonly uri: string;
  /** Creates the file if needed and replaces its content (UTF-8); its folder must exist. */
  write(content: string): void;
}

/**
 * The folder the shared files go to: the slice of an expo-file-system `Directory` used here
 * (`new Directory(Paths.cache, 'field-test')` on a phone), with its files (`new File(folder, name)`).
 */
export interface ShareFolder {
  readonly exists: boolean;
  /** With `idempotent`, a folder that already exists is no error. */
  create(options: { idempotent: boolean }): void;
  /** Deletes the folder and everything in it; throws on a folder that does not exist. */
  delete(): void;
  file(name: string): CacheFile;
}

/** The slice of expo-sharing used here. */
export interface FileSharing {
  isAvailableAsync(): Promise<boolean>;
  shareAsync(url: string, options?: { mimeType?: string; UTI?: string; dialogTitle?: string }): Promise<void>;
}

/** Name of the cache subfolder the shared files go to. */
export const SHARE_FOLDER = 'field-test';

/** Uniform Type Identifier of JSON, iOS's counterpart of the MIME type. */
const JSON_UTI = 'public.json';

/** Deletes the folder with every file shared from it, if it is there. */
function clear(folder: ShareFolder): void {
  // delete() throws on a folder that does not exist.
  if (folder.exists) folder.delete();
}

/** `AppServices.clearSharedFiles` on a phone: deletes every file shared so far. */
export function nativeClearSharedFiles(folder: ShareFolder): () => Promise<void> {
  return async () => clear(folder);
}

export function nativeShareFile(folder: ShareFolder, sharing: FileSharing): (file: SharedFile) => Promise<void> {
  return async ({ name, mimeType, text }) => {
    // Whatever an earlier export left: at most the latest one exists.
    clear(folder);
    if (!(await sharing.isAvailableAsync())) {
      throw new AppError('share_unavailable', 'this phone cannot share files');
    }
    try {
      folder.create({ idempotent: true });
      const file = folder.file(name);
      file.write(text);
      await sharing.shareAsync(file.uri, { mimeType, UTI: JSON_UTI, dialogTitle: name });
    } catch (err) {
      // A failed write or share leaves nothing behind; a failing delete must not hide why it failed
      // (the next start deletes the folder again).
      try {
        clear(folder);
      } catch {
        // the export's own error below
      }
      throw err;
    }
  };
}
