// Field-test mode in the app's model, over the real SDK: a health authority's signed code makes
// the phone a test phone (state shown), the phone exports its keys and what it heard within the
// test's window as `<testId>-<phone>.json` only while enrolled, and forgets the enrolment when it
// leaves, on "delete all data" and once the export time is over. Refusals are the app's errors,
// worded by their code in both languages. On a phone the recording is a file in a cache folder of
// its own that stays for late readers until the next export, the next start, leaving or "delete
// all data".
import { FIELD_TEST_SETTING } from '@bluezone/client';
import { FIELD_TEST_EXPORT_DAYS, parseFieldTestRecording, toBase64 } from '@bluezone/protocol';
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/components/error-text';
import { translator } from '../src/i18n/i18n';
import { AppError } from '../src/model/app-error';
import { AppModel } from '../src/model/app-model';
import {
  type FileSharing,
  nativeClearSharedFiles,
  nativeShareFile,
  type ShareFolder,
} from '../src/native/native-share';
import { hear, NOW, onboarded, testApp } from './support/app-fixture';
import { FIELD_TEST, fieldTestAuthority } from './support/field-test-authority';

const DAY_MS = 86_400_000;
const AUTHORITY = fieldTestAuthority();

/** An onboarded phone (tracing, so it has a key) that trusts AUTHORITY's export key. */
async function testPhone() {
  const t = testApp({ publicKeys: AUTHORITY.trusted });
  await t.model.load();
  await onboarded(t.model);
  return t;
}

/** What a refusal would say on screen, in Vietnamese and English. */
const spoken = (err: unknown) => [errorMessage(translator('vi'), err), errorMessage(translator('en'), err)];

describe('field-test mode', () => {
  it('enrols with a signed code, exports the keys and what was heard in the window, and refuses once left', async () => {
    const t = await testPhone();
    expect(t.model.state.fieldTest).toBeNull();
    hear(t, 7, -58, NOW - 30 * 60_000); // in the test's window
    hear(t, 8, -70, NOW - 2 * 3_600_000); // before the test started

    await t.model.enrolFieldTest(AUTHORITY.token());
    expect(t.model.state.fieldTest).toEqual(FIELD_TEST);

    const file = await t.model.exportFieldTest();
    expect(file.name).toBe('nam-dong-2026-11-T07.json');
    expect(t.shared).toEqual([file]);
    const recording = parseFieldTestRecording(file.text);
    expect(recording.enrolment).toEqual(FIELD_TEST);
    expect(recording.exportedAtMs).toBe(NOW);
    const [key] = await t.store.listKeys();
    expect(recording.keys.map((k) => toBase64(k.keyData))).toEqual([toBase64(key?.keyData ?? new Uint8Array())]);
    expect(recording.scans.map((s) => [s.rpi[0], s.rssiMax])).toEqual([[7, -58]]);

    await t.model.leaveFieldTest();
    expect(t.model.state.fieldTest).toBeNull();
    expect(await t.store.getSetting(FIELD_TEST_SETTING)).toBe('');
    const refused = await t.model.exportFieldTest().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'field_test_not_enrolled' });
    expect(spoken(refused)).toEqual([
      'Điện thoại này chưa đăng ký đợt thử nghiệm nào (hoặc đã hết thời gian xuất bản ghi).',
      'This phone is not enrolled in a field test (or its export time is over).',
    ]);
    expect(t.shared).toHaveLength(1);
  });

  it('refuses a code signed by a key the phone does not trust, a damaged one and another region’s, keeping nothing', async () => {
    const t = await testPhone();
    const stranger = fieldTestAuthority();
    const token = AUTHORITY.token();
    const damaged = `${token.slice(0, 40)}${token[40] === 'x' ? 'y' : 'x'}${token.slice(41)}`;
    for (const bad of [stranger.token(), damaged, 'BZFT1.', AUTHORITY.token({ region: 'LA' })]) {
      const err = await t.model.enrolFieldTest(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'field_test_rejected' });
      expect(spoken(err)).toEqual([
        'Mã thử nghiệm này không được chấp nhận: mã bị hỏng, không do cơ quan y tế ký, dành cho vùng khác, hoặc đợt thử nghiệm đã kết thúc.',
        'This field test code was not accepted: it is damaged, not signed by the health authority, for another region, or its test is over.',
      ]);
    }
    expect(t.model.state.fieldTest).toBeNull();
    expect(await t.store.getSetting(FIELD_TEST_SETTING)).toBeUndefined();
    await expect(t.model.exportFieldTest()).rejects.toMatchObject({ code: 'field_test_not_enrolled' });
  });

  it('has nothing to export before the test starts', async () => {
    const t = await testPhone();
    await t.model.enrolFieldTest(AUTHORITY.token({ startsAtMs: NOW + DAY_MS, endsAtMs: NOW + 2 * DAY_MS }));
    const err = await t.model.exportFieldTest().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'field_test_not_started' });
    expect(spoken(err)).toEqual([
      'Đợt thử nghiệm chưa bắt đầu: chưa có gì để xuất.',
      'The field test has not started yet: there is nothing to export.',
    ]);
    expect(t.shared).toEqual([]);
    expect(t.model.state.fieldTest).not.toBeNull();
  });

  it('is shown again at the next start, and forgotten by the first check after its export time', async () => {
    const t = await testPhone();
    await t.model.enrolFieldTest(AUTHORITY.token());
    const restarted = new AppModel(t.services);
    await restarted.load();
    expect(restarted.state.fieldTest).toEqual(FIELD_TEST);

    t.clock.ms = FIELD_TEST.endsAtMs + FIELD_TEST_EXPORT_DAYS * DAY_MS; // the last moment it may export
    await restarted.checkExposure().catch(() => {}); // the fake key server has no exports to download
    expect(restarted.state.fieldTest).toEqual(FIELD_TEST);
    t.clock.advance(1);
    await restarted.checkExposure().catch(() => {});
    expect(restarted.state.fieldTest).toBeNull();
    expect(await t.store.getSetting(FIELD_TEST_SETTING)).toBe('');
  });

  it('is forgotten by "delete all data"', async () => {
    const t = await testPhone();
    await t.model.enrolFieldTest(AUTHORITY.token());
    await t.model.deleteAllData();
    expect(t.model.state.fieldTest).toBeNull();
    expect(await t.store.getSetting(FIELD_TEST_SETTING)).toBe('');
    await expect(t.model.exportFieldTest()).rejects.toMatchObject({ code: 'field_test_not_enrolled' });
    const restarted = new AppModel(t.services);
    await restarted.load();
    expect(restarted.state.fieldTest).toBeNull();
  });
});

/**
 * A cache directory and share sheet standing in for expo-file-system and expo-sharing, keeping
 * their behaviour that matters here (written from their sources): `write` creates or replaces
 * the file but not its folder, a folder's `create` throws on one that exists unless idempotent,
 * its `delete` takes every file in it and throws on a folder that is not there, `shareAsync` takes
 * a `file://` URI.
 */
function fakePhone(options: { available?: boolean; shareFails?: Error; writeFails?: Error } = {}) {
  /** The `field-test/` folder's files by name; undefined while the folder does not exist. */
  let files: Map<string, string> | undefined;
  const shared: { uri: string; options: unknown; text: string | undefined }[] = [];
  let folderDeletes = 0;
  const folderUri = 'file:///data/user/0/vn.bluezone.app/cache/field-test/';
  const folder: ShareFolder = {
    get exists() {
      return files !== undefined;
    },
    create({ idempotent }) {
      if (files !== undefined && !idempotent) throw new Error('UnableToCreateException: it already exists');
      files ??= new Map();
    },
    delete() {
      if (files === undefined) throw new Error('UnableToDeleteException: field-test does not exist');
      files = undefined;
      folderDeletes++;
    },
    file: (name) => ({
      uri: `${folderUri}${name}`,
      write(content) {
        if (options.writeFails) throw options.writeFails;
        if (files === undefined) throw new Error(`UnableToCreateException: ${name}: no such directory`);
        files.set(name, content);
      },
    }),
  };
  const sharing: FileSharing = {
    isAvailableAsync: async () => options.available ?? true,
    shareAsync: async (uri, opts) => {
      // What the receiving app would read while the sheet is open.
      const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
      shared.push({ uri, options: opts, text: `${folderUri}${name}` === uri ? files?.get(name) : undefined });
      if (options.shareFails) throw options.shareFails;
    },
  };
  return {
    folder,
    sharing,
    shared,
    /** The folder's files, name to text; undefined while there is no folder. */
    files: () => (files === undefined ? undefined : Object.fromEntries(files)),
    /** Puts a file in the folder as an earlier run of the app would have. */
    leave(name: string, text: string) {
      files ??= new Map();
      files.set(name, text);
    },
    folderDeletes: () => folderDeletes,
    share: nativeShareFile(folder, sharing),
    clear: nativeClearSharedFiles(folder),
  };
}

const RECORDING = {
  name: 'nam-dong-2026-11-T07.json',
  mimeType: 'application/json',
  text: '{"format":"bluezone-field-test-recording-v1","scans":["Đà Nẵng"]}',
} as const;

describe("the phone's share sheet", () => {
  it('hands the recording over as a JSON file of its name in a cache folder, and keeps it for late readers', async () => {
    const phone = fakePhone();
    await phone.share(RECORDING);
    expect(phone.shared).toEqual([
      {
        uri: 'file:///data/user/0/vn.bluezone.app/cache/field-test/nam-dong-2026-11-T07.json',
        options: { mimeType: 'application/json', UTI: 'public.json', dialogTitle: 'nam-dong-2026-11-T07.json' },
        text: RECORDING.text,
      },
    ]);
    // A drive's upload may read it after shareAsync has resolved.
    expect(phone.files()).toEqual({ [RECORDING.name]: RECORDING.text });
    await phone.clear();
    expect(phone.files()).toBeUndefined();
    await phone.clear(); // nothing there: no error
    expect(phone.folderDeletes()).toBe(1);
  });

  it('deletes what earlier exports left before writing, so only the latest stays', async () => {
    const phone = fakePhone();
    phone.leave('nam-dong-2026-10-T03.json', '{"older":true}');
    phone.leave(RECORDING.name, '{"stale":true}');
    await phone.share(RECORDING);
    expect(phone.shared.map((s) => s.text)).toEqual([RECORDING.text]);
    expect(phone.files()).toEqual({ [RECORDING.name]: RECORDING.text });
    const next = { ...RECORDING, text: '{"format":"bluezone-field-test-recording-v1","scans":[]}' };
    await phone.share(next);
    expect(phone.shared.map((s) => s.text)).toEqual([RECORDING.text, next.text]);
    expect(phone.files()).toEqual({ [RECORDING.name]: next.text });
  });

  it('deletes the folder when sharing fails, and passes the failure on', async () => {
    const failure = new Error('SharingInProgressException');
    const phone = fakePhone({ shareFails: failure });
    await expect(phone.share(RECORDING)).rejects.toBe(failure);
    expect(phone.shared.map((s) => s.text)).toEqual([RECORDING.text]);
    expect(phone.files()).toBeUndefined();
  });

  it('passes on a failed write (a full disk) without sharing or hiding it behind the delete, leaving nothing', async () => {
    const failure = new Error('ENOSPC');
    const phone = fakePhone({ writeFails: failure });
    phone.leave('nam-dong-2026-10-T03.json', '{"older":true}');
    await expect(phone.share(RECORDING)).rejects.toBe(failure);
    expect(phone.shared).toEqual([]);
    expect(phone.files()).toBeUndefined();
  });

  it('refuses with a translated error, leaving no file, where the phone cannot share files', async () => {
    const phone = fakePhone({ available: false });
    phone.leave('nam-dong-2026-10-T03.json', '{"older":true}');
    const err = await phone.share(RECORDING).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'share_unavailable' });
    expect(spoken(err)).toEqual([
      'Điện thoại này không chia sẻ được tệp, nên không xuất được bản ghi.',
      'This phone cannot share files, so the recording cannot be exported from it.',
    ]);
    expect(phone.shared).toEqual([]);
    expect(phone.files()).toBeUndefined();
  });
});

describe("a test phone's shared recording", () => {
  /** An enrolled test phone whose model shares through the fake cache folder and share sheet. */
  async function sharingPhone() {
    const t = await testPhone();
    const phone = fakePhone();
    t.services.shareFile = nativeShareFile(phone.folder, phone.sharing);
    t.services.clearSharedFiles = nativeClearSharedFiles(phone.folder);
    await t.model.enrolFieldTest(AUTHORITY.token());
    return { t, phone };
  }

  it('stays after sharing, and a second export replaces it', async () => {
    const { t, phone } = await sharingPhone();
    const first = await t.model.exportFieldTest();
    expect(phone.files()).toEqual({ [first.name]: first.text });
    t.clock.advance(60_000);
    const second = await t.model.exportFieldTest();
    expect(second.text).not.toBe(first.text);
    expect(phone.files()).toEqual({ [first.name]: second.text });
  });

  it('is deleted when the phone leaves the field test', async () => {
    const { t, phone } = await sharingPhone();
    await t.model.exportFieldTest();
    await t.model.leaveFieldTest();
    expect(phone.files()).toBeUndefined();
  });

  it('is deleted by "delete all data"', async () => {
    const { t, phone } = await sharingPhone();
    await t.model.exportFieldTest();
    await t.model.deleteAllData();
    expect(phone.files()).toBeUndefined();
  });

  it('is deleted at the next start, the enrolment kept', async () => {
    const { t, phone } = await sharingPhone();
    await t.model.exportFieldTest();
    const restarted = new AppModel(t.services);
    await restarted.load();
    expect(phone.files()).toBeUndefined();
    expect(restarted.state.fieldTest).toEqual(FIELD_TEST);
  });

  it('does not stop the app from starting when it cannot be deleted', async () => {
    const { t } = await sharingPhone();
    t.services.clearSharedFiles = async () => {
      throw new Error('UnableToDeleteException: failed to delete');
    };
    const restarted = new AppModel(t.services);
    await restarted.load();
    expect(restarted.state.ready).toBe(true);
  });
});
