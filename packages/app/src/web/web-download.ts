/**
 * The browser build's `AppServices.shareFile`: the file downloads under its own name (a field
 * test's `<testId>-<phone>.json`) through a blob link, made in the page and sent nowhere.
 */
import type { SharedFile } from '../model/app-model';

/** How long the blob stays readable after the click starts its download. */
const KEEP_MS = 60_000;

export async function downloadFile(file: SharedFile, doc: Document = document): Promise<void> {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.style.display = 'none';
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), KEEP_MS);
  }
}
