// Settings' "Field test phone" and the home banner, on React Native's own host components: a
// code pasted or scanned enrols the phone, the test and its window show in local time, "Export
// recording" hands out `<testId>-<phone>.json`, leaving takes a confirmation, and while enrolled
// Home says plainly that this phone's keys and what it hears will be exported.
import { parseFieldTestRecording } from '@bluezone/protocol';
import { describe, expect, it } from '@jest/globals';
import { configure, fireEvent, screen, userEvent } from '@testing-library/react-native';
import { APP_DATE_TIME } from '../src/i18n/i18n';
import { AppError } from '../src/model/app-error';
import { nativeShareFile } from '../src/native/native-share';
import { onboarded, scriptedScanner, testApp } from '../test/support/app-fixture';
import { FIELD_TEST, fieldTestAuthority } from '../test/support/field-test-authority';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 10_000 });
const user = userEvent.setup();
const press = (name: string) => user.press(screen.getByRole('button', { name }));
const AUTHORITY = fieldTestAuthority();
const local = (locale: string, ms: number) => new Intl.DateTimeFormat(locale, APP_DATE_TIME).format(ms);
const BANNER_VI =
  'Điện thoại thử nghiệm T07 (đợt thử nghiệm nam-dong-2026-11) — khóa của điện thoại này và những gì nó nghe được sẽ được xuất cho đợt thử nghiệm';

describe('Field test phone', () => {
  it('enrols with a pasted code, shows the test, exports its recording, and leaves after confirmation', async () => {
    const t = testApp({ publicKeys: AUTHORITY.trusted });
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('settings');
    });
    expect(screen.getByText(/^Chỉ dành cho điện thoại thử nghiệm của cơ quan y tế\./)).toBeOnTheScreen();
    expect(screen.queryByRole('button', { name: 'Xuất bản ghi' })).not.toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Đăng ký điện thoại này' })).toBeDisabled();

    // Pasted: the whole code arrives at once.
    await fireEvent.changeText(screen.getByLabelText('Hoặc dán mã thử nghiệm (BZFT1.…)'), AUTHORITY.token());
    await press('Đăng ký điện thoại này');
    expect(
      await screen.findByText('Điện thoại này là máy thử nghiệm T07 của đợt thử nghiệm nam-dong-2026-11.'),
    ).toBeOnTheScreen();
    expect(screen.getByTestId('field-test-window')).toHaveTextContent(
      `Thời gian thử nghiệm: ${local('vi-VN', FIELD_TEST.startsAtMs)} – ${local('vi-VN', FIELD_TEST.endsAtMs)}`,
    );
    expect(t.model.state.fieldTest).toEqual(FIELD_TEST);

    await press('Xuất bản ghi');
    expect(await screen.findByText('Đã tạo bản ghi nam-dong-2026-11-T07.json.')).toBeOnTheScreen();
    expect(t.shared.map((f) => [f.name, f.mimeType])).toEqual([['nam-dong-2026-11-T07.json', 'application/json']]);
    expect(parseFieldTestRecording(t.shared[0]?.text ?? '').enrolment).toEqual(FIELD_TEST);

    await press('Rời đợt thử nghiệm');
    await press('Hủy');
    expect(t.model.state.fieldTest).toEqual(FIELD_TEST);
    await press('Rời đợt thử nghiệm');
    await press('Rời');
    expect(await screen.findByRole('button', { name: 'Đăng ký điện thoại này' })).toBeOnTheScreen();
    expect(t.model.state.fieldTest).toBeNull();
    await user.press(screen.getByRole('tab', { name: 'Trang chủ' }));
    expect(screen.queryByText(BANNER_VI)).not.toBeOnTheScreen();
  });

  it('shows why a code signed by another key is refused, and enrols with a scanned QR', async () => {
    const t = testApp({
      publicKeys: AUTHORITY.trusted,
      scanQr: scriptedScanner(
        fieldTestAuthority().token(),
        new AppError('scan_cancelled', 'closed'),
        AUTHORITY.token(),
      ),
    });
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.setLanguage('en');
      m.navigate('settings');
    });
    await press('Scan the field test QR');
    expect(
      await screen.findByText(
        'This field test code was not accepted: it is damaged, not signed by the health authority, for another region, or its test is over.',
      ),
    ).toBeOnTheScreen();
    expect(t.model.state.fieldTest).toBeNull();
    await press('Scan the field test QR'); // closed: no error
    expect(screen.queryByRole('alert')).not.toBeOnTheScreen();
    await press('Scan the field test QR');
    expect(await screen.findByText('This phone is test phone T07 of field test nam-dong-2026-11.')).toBeOnTheScreen();
    expect(screen.getByTestId('field-test-window')).toHaveTextContent(
      `Test: ${local('en-GB', FIELD_TEST.startsAtMs)} – ${local('en-GB', FIELD_TEST.endsAtMs)}`,
    );
  });

  it('says why on a phone that cannot share files, and writes no file', async () => {
    const t = testApp({ publicKeys: AUTHORITY.trusted });
    const written: string[] = [];
    t.services.shareFile = nativeShareFile(
      {
        exists: false,
        create: () => void written.push('field-test/'),
        delete: () => {},
        file: (name) => ({ uri: `file:///cache/field-test/${name}`, write: () => void written.push(name) }),
      },
      { isAvailableAsync: async () => false, shareAsync: async () => {} },
    );
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.enrolFieldTest(AUTHORITY.token());
      m.navigate('settings');
    });
    await press('Xuất bản ghi');
    expect(
      await screen.findByText('Điện thoại này không chia sẻ được tệp, nên không xuất được bản ghi.'),
    ).toBeOnTheScreen();
    expect(screen.queryByText(/^Đã tạo bản ghi/)).not.toBeOnTheScreen();
    expect(written).toEqual([]);
  });

  it('says so on Home while enrolled, in Vietnamese and English, and leads to Settings', async () => {
    const t = testApp({ publicKeys: AUTHORITY.trusted });
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.enrolFieldTest(AUTHORITY.token());
    });
    expect(screen.getByText(BANNER_VI)).toBeOnTheScreen();
    await user.press(screen.getByRole('button', { name: BANNER_VI }));
    expect(screen.getByRole('header', { name: 'Cài đặt' })).toBeOnTheScreen();
    await press('English');
    await user.press(screen.getByRole('tab', { name: 'Home' }));
    expect(
      screen.getByText(
        "Field test phone T07 (test nam-dong-2026-11) — this phone's keys and what it hears will be exported for the test",
      ),
    ).toBeOnTheScreen();
  });

  it('shows no banner on a phone that is not enrolled', async () => {
    const t = testApp({ publicKeys: AUTHORITY.trusted });
    await renderApp(t, onboarded);
    expect(screen.getByText('Bluezone đang bật')).toBeOnTheScreen();
    expect(screen.queryByTestId('field-test-banner')).not.toBeOnTheScreen();
  });
});
