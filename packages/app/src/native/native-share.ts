/**
 * The phone's `AppServices.shareFile`: React Native's own `Share` (the system share sheet; no
 * extra native module), where the person picks how the file reaches the health authority (mail,
 * Zalo, a drive). `Share` hands over text, not a file, on Android, so the recording goes as the
 * message, its file name as title and subject; the receiving app saves it (README, Limits).
 */
import type { SharedFile } from '../model/app-model';

/** The slice of react-native's `Share` used here. */
export interface NativeShare {
  share(
    content: { title?: string; message: string },
    options?: { dialogTitle?: string; subject?: string },
  ): Promise<unknown>;
}

export function nativeShareFile(share: NativeShare): (file: SharedFile) => Promise<void> {
  return async (file) => {
    await share.share({ title: file.name, message: file.text }, { dialogTitle: file.name, subject: file.name });
  };
}
