// What every screen does, tested once, here: React Native Testing Library under Jest renders the
// screens with React Native's own host components (View, Text, TextInput, Switch, Pressable under
// the Jest preset's native mocks), the renderer phones run, and finds them the way a person does
// (role, label, text), over the real client SDK with an in-memory store and radio. Each behaviour
// of a screen (what it shows, what a press does, what reaches the SDK, the store and the server
// fakes) is asserted in this file only. test/web-rendering.test.tsx does not repeat them: it
// checks what only react-native-web shows, the DOM the browser build gives people and browsers.

import { openCheckpointPass, parseCheckpointToken, splitCheckpointPass } from '@bluezone/protocol';
import { describe, expect, it, jest } from '@jest/globals';
import { act, configure, fireEvent, screen, userEvent, waitFor } from '@testing-library/react-native';
import { Linking } from 'react-native';
import { AppError } from '../src/model/app-error';
import { AppModel } from '../src/model/app-model';
import { GATE_KEY, hear, onboarded, scriptedScanner, testApp, visitorPhone } from '../test/support/app-fixture';
import { renderApp } from './render-app';

// The machine is shared and loaded: give async UI updates more than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });

const user = userEvent.setup();
const press = (name: string) => user.press(screen.getByRole('button', { name }));

describe('Onboarding', () => {
  it('says what is and is not collected, asks for Bluetooth then notifications, and opens Home', async () => {
    const t = testApp();
    await renderApp(t);
    expect(screen.getByRole('header', { name: 'Bluezone bảo vệ bạn và cộng đồng' })).toBeOnTheScreen();
    expect(screen.getByText('Không số điện thoại, không họ tên')).toBeOnTheScreen();
    expect(screen.getByText('Không vị trí, không GPS')).toBeOnTheScreen();
    expect(screen.getByText('Không gửi gì ra khỏi điện thoại nếu bạn chưa đồng ý')).toBeOnTheScreen();
    expect(t.prompts).toEqual([]); // no prompt before the person agrees
    await press('Đồng ý và bật Bluezone');
    expect(await screen.findByText('Bluezone đang bật')).toBeOnTheScreen();
    expect(t.prompts).toEqual(['bluetooth', 'notifications']);
    expect(screen.queryByText('Không vị trí, không GPS')).not.toBeOnTheScreen();
    expect(screen.getByRole('tab', { name: 'Trang chủ' })).toBeSelected();
    expect(t.model.state).toMatchObject({
      onboarded: true,
      bluetooth: 'granted',
      notifications: 'granted',
      tracing: true,
    });
    expect(t.radio.transport('me').running).toBe(true);
    expect(await t.store.getSetting('app.onboarded')).toBe('1');
  });

  it('opens Home with tracing off and the reason when Bluetooth is refused', async () => {
    const t = testApp({ bluetooth: 'denied' });
    await renderApp(t);
    await press('Đồng ý và bật Bluezone');
    expect(await screen.findByText('Bluezone đang tắt')).toBeOnTheScreen();
    expect(screen.getByText(/^Chưa được cấp quyền Bluetooth/)).toBeOnTheScreen();
    expect(t.radio.transport('me').running).toBe(false);
  });
});

describe('Home', () => {
  it('counts distinct recent phones on the radar, and pauses and resumes tracing', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      hear(t, 1, -60, t.clock.ms - 60_000);
      hear(t, 1, -58, t.clock.ms - 30_000); // same phone, same RPI: counted once
      hear(t, 2, -80, t.clock.ms - 60_000);
      hear(t, 3, -70, t.clock.ms - 3 * 3_600_000); // earlier today: not nearby now
      await m.refresh();
    });
    expect(screen.getByText('2 người dùng Bluezone ở gần bạn')).toBeOnTheScreen();
    // One accessible image for screen readers, named by its count.
    expect(screen.getByRole('image', { name: 'Radar: 2 thiết bị ở gần' })).toBeOnTheScreen();
    expect(screen.getAllByTestId('radar-dot')).toHaveLength(2);
    expect(screen.getByText('Hôm nay: 3 mã Bluezone đã gặp')).toBeOnTheScreen();
    expect(screen.getByText('Chưa kiểm tra nguy cơ')).toBeOnTheScreen();

    await press('Tạm dừng');
    expect(await screen.findByText('Bluezone đang tắt')).toBeOnTheScreen();
    expect(screen.getByText('Bạn đã tạm dừng ghi nhận tiếp xúc.')).toBeOnTheScreen();
    expect(t.radio.transport('me').running).toBe(false);
    await press('Bật ghi nhận');
    expect(await screen.findByText('Bluezone đang bật')).toBeOnTheScreen();
    expect(t.radio.transport('me').running).toBe(true);
  });
});

describe('Exposure status', () => {
  it('is safe with no notified day', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    await user.press(screen.getByRole('tab', { name: 'Nguy cơ' }));
    expect(screen.getByRole('header', { name: 'Nguy cơ tiếp xúc' })).toBeOnTheScreen();
    expect(screen.getByText('An toàn')).toBeOnTheScreen();
    expect(screen.queryAllByTestId('exposure-day')).toHaveLength(0);
    expect(screen.queryByText('Bạn nên làm gì')).not.toBeOnTheScreen();
  });

  it('opens from the Home banner with the day, level, what to do, and calls the health station', async () => {
    const openURL = jest.spyOn(Linking, 'openURL').mockResolvedValue(true);
    const t = testApp();
    await t.store.putNotifiedDay({ dayStartMs: Date.UTC(2026, 10, 23), riskLevel: 2, notifiedAtMs: t.clock.ms });
    await renderApp(t, onboarded);
    await user.press(screen.getByText('Bạn có thể đã tiếp xúc gần với người dương tính'));
    expect(screen.getByText('Có thể đã tiếp xúc')).toBeOnTheScreen();
    expect(screen.getByText('Ngày 2026-11-23: nguy cơ cao')).toBeOnTheScreen();
    expect(screen.getByText(/Tự cách ly tại nhà/)).toBeOnTheScreen();
    expect(screen.getByText('Liên hệ: Trạm Y tế Khe Tre')).toBeOnTheScreen();
    await press('Gọi 0234 3874 115');
    expect(openURL).toHaveBeenCalledWith('tel:02343874115');
    openURL.mockRestore();
  });
});

describe('History', () => {
  it('lists encounters per day, keeps everything on cancel, and empties after confirmed delete-all', async () => {
    const t = testApp();
    await t.store.putNotifiedDay({ dayStartMs: Date.UTC(2026, 10, 24), riskLevel: 2, notifiedAtMs: t.clock.ms });
    await renderApp(t, async (m) => {
      await onboarded(m);
      hear(t, 1, -50, t.clock.ms - 60_000); // close
      hear(t, 2, -85, t.clock.ms - 60_000); // far
      hear(t, 3, -60, t.clock.ms - 86_400_000); // close, yesterday
      await m.refresh();
    });
    await user.press(screen.getByRole('tab', { name: 'Lịch sử' }));
    expect(screen.getAllByTestId('history-day').map((e) => e.props.children)).toEqual([
      '2026-11-25: 2 lần gặp, 1 tiếp xúc gần',
      '2026-11-24: 1 lần gặp, 1 tiếp xúc gần',
    ]);

    await press('Xóa toàn bộ dữ liệu');
    expect(screen.getByText(/^Xóa mọi mã, tiếp xúc/)).toBeOnTheScreen();
    await press('Hủy');
    expect(screen.getAllByTestId('history-day')).toHaveLength(2);
    expect(await t.store.listScans(0, Number.MAX_SAFE_INTEGER)).not.toEqual([]);

    const [keyBefore] = await t.store.listKeys();
    await press('Xóa toàn bộ dữ liệu');
    await press('Xóa');
    expect(await screen.findByText('Đã xóa toàn bộ dữ liệu.')).toBeOnTheScreen();
    expect(screen.getByText('Chưa có tiếp xúc nào được ghi nhận.')).toBeOnTheScreen();
    expect(screen.queryAllByTestId('history-day')).toHaveLength(0);
    expect(await t.store.listScans(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(t.model.state.exposures).toEqual([]);
    // Tracing goes on with a brand-new key: the deleted one is gone from store and memory.
    const keysAfter = await t.store.listKeys();
    expect(keysAfter).toHaveLength(1);
    expect(keysAfter[0]?.keyData).not.toEqual(keyBefore?.keyData);
    expect(t.model.state.tracing).toBe(true);
  });
});

describe('Report positive', () => {
  /** Home → "I tested positive", an hour into today's key. */
  async function openReport() {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      t.clock.advance(3_600_000);
    });
    await press('Tôi có kết quả dương tính');
    expect(screen.getByRole('header', { name: 'Báo cáo dương tính' })).toBeOnTheScreen();
    return t;
  }
  const codeField = () => screen.getByLabelText('Mã xác nhận');
  const consent = () =>
    fireEvent(
      screen.getByRole('switch', {
        name: 'Tôi đồng ý chia sẻ các mã này để cảnh báo những người đã tiếp xúc gần với tôi.',
      }),
      'valueChange',
      true,
    );

  it('reviews the keys, sends nothing before consent, then verifies, certifies and publishes', async () => {
    const t = await openReport();
    await user.type(codeField(), '1234');
    expect(screen.getByRole('button', { name: 'Xem các mã sẽ chia sẻ' })).toBeDisabled(); // under 6 characters
    await user.type(codeField(), ' 5678');
    expect(codeField()).toHaveDisplayValue('12345678'); // spaces dropped as typed
    await press('Xem các mã sẽ chia sẻ');
    expect(await screen.findByText('Sẽ chia sẻ 1 mã hằng ngày:')).toBeOnTheScreen();
    expect(screen.getByText('2026-11-25 (10.5 giờ)')).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Gửi' })).toBeDisabled();
    expect(t.servers.calls).toHaveLength(0);

    await consent();
    expect(screen.getByRole('button', { name: 'Gửi' })).toBeEnabled();
    await press('Gửi');
    expect(await screen.findByText('Đã gửi 1 mã. Cảm ơn bạn đã bảo vệ cộng đồng.')).toBeOnTheScreen();
    expect(t.servers.calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/api/verify',
      '/api/certificate',
      '/v1/publish',
    ]);
    expect(t.servers.calls[0]?.json.code).toBe('12345678');
  });

  it('shows the server refusing a wrong code and publishes nothing', async () => {
    const t = await openReport();
    await user.type(codeField(), '99999999');
    await press('Xem các mã sẽ chia sẻ');
    await screen.findByText('Sẽ chia sẻ 1 mã hằng ngày:');
    await consent();
    await press('Gửi');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Máy chủ từ chối/);
    expect(screen.queryByText(/^Đã gửi/)).not.toBeOnTheScreen();
    expect(t.servers.calls.map((c) => new URL(c.url).pathname)).toEqual(['/api/verify']);
    // The person can try again: Send is enabled once more.
    expect(screen.getByRole('button', { name: 'Gửi' })).toBeEnabled();
  });

  it('says a negative result shared nothing', async () => {
    const t = await openReport();
    await user.type(codeField(), '00000000'); // the recorded verification server's negative result
    await press('Xem các mã sẽ chia sẻ');
    await screen.findByText('Sẽ chia sẻ 1 mã hằng ngày:');
    await consent();
    await press('Gửi');
    expect(await screen.findByText(/^Mã này là kết quả âm tính/)).toBeOnTheScreen();
    expect(t.servers.calls.map((c) => new URL(c.url).pathname)).not.toContain('/v1/publish');
  });
});

describe('Join my unit', () => {
  it('attests with a typed unit code and shows the invite QR; refuses a QR that is not Bluezone', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    await press('Khai báo đơn vị');
    const field = screen.getByLabelText('Hoặc nhập mã đơn vị / đường dẫn');
    expect(screen.getByRole('button', { name: 'Xác nhận' })).toBeDisabled();

    await user.type(field, 'https://example.com/?foo=bar');
    await press('Xác nhận');
    expect(await screen.findByRole('alert')).toHaveTextContent('Mã QR không phải của Bluezone.');
    expect(t.attestations).toHaveLength(0);

    await user.clear(field);
    await user.type(field, '20164-01');
    await press('Xác nhận');
    expect(await screen.findByText('Đã khai báo với đơn vị 20164-01')).toBeOnTheScreen();
    expect(screen.queryByRole('alert')).not.toBeOnTheScreen();
    expect(t.attestations).toHaveLength(1);
    expect(t.attestations[0]).toMatchObject({ unitCode: '20164-01', appVersion: '9.9.9-test', tracingActive: true });
    expect(screen.getByLabelText('https://bluezone.test/app/?ref=ref123')).toBeOnTheScreen();
  });

  it('attests with the unit from a poster link, the install id and its checkpoint key', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await user.type(
      screen.getByLabelText('Hoặc nhập mã đơn vị / đường dẫn'),
      'https://bluezone.example/cai-dat?unit=20164-01',
    );
    await press('Xác nhận');
    expect(await screen.findByText('Đã khai báo với đơn vị 20164-01')).toBeOnTheScreen();
    expect(t.attestations).toHaveLength(1);
    expect(t.attestations[0]?.unitCode).toBe('20164-01');
    expect(t.attestations[0]?.checkpointKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.attestations[0]?.installId).toBe(t.model.state.installId);
  });

  it('shows the server refusing a unit code', async () => {
    const t = testApp({
      attest: async () => {
        throw new AppError('rejected', 'no unit with code X9');
      },
    });
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await user.type(screen.getByLabelText('Hoặc nhập mã đơn vị / đường dẫn'), 'X9');
    await press('Xác nhận');
    expect(await screen.findByRole('alert')).toHaveTextContent('Máy chủ từ chối: no unit with code X9');
    expect(screen.queryByText(/^Đã khai báo/)).not.toBeOnTheScreen();
  });

  it('joins with what the camera scanner read; a closed scanner is no error, a refused camera is', async () => {
    const scanQr = scriptedScanner(
      new AppError('scan_cancelled', 'scanning was cancelled'),
      new AppError('camera_denied', 'camera permission was not granted'),
      'https://bluezone.example/cai-dat?unit=20161-02',
    );
    const t = testApp({ scanQr });
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await press('Quét mã QR');
    await act(() => new Promise((resolve) => setTimeout(resolve, 20))); // the cancelled scan settles
    expect(screen.queryByRole('alert')).not.toBeOnTheScreen();
    await press('Quét mã QR');
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Chưa được cấp quyền camera/);
    await press('Quét mã QR');
    expect(await screen.findByText('Đã khai báo với đơn vị 20161-02')).toBeOnTheScreen();
    expect(screen.queryByRole('alert')).not.toBeOnTheScreen();
    expect(t.attestations.map((a) => a.unitCode)).toEqual(['20161-02']);
  });
});

describe('Checkpoint pass', () => {
  const passText = () => screen.getByText(/^BZC2\./).props.children as string;
  /** Seconds since the epoch the pass's token was issued at. */
  const issuedAt = (text: string) => parseCheckpointToken(splitCheckpointPass(text).token).claims.issuedAt;

  it('asks to join a unit first, and its button leads there', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    await user.press(screen.getByRole('tab', { name: 'Thẻ ra vào' }));
    expect(screen.getByText('Hãy khai báo đơn vị trước để dùng thẻ ra vào.')).toBeOnTheScreen();
    expect(screen.queryByText(/^BZC2\./)).not.toBeOnTheScreen();
    await press('Khai báo đơn vị');
    expect(screen.getByRole('header', { name: 'Khai báo đơn vị' })).toBeOnTheScreen();
  });

  it('shows a new pass when asked', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.joinUnit('483-UBND');
      m.navigate('checkpoint');
    });
    await waitFor(() => expect(screen.getByText(/^BZC2\./)).toBeOnTheScreen());
    const first = passText();
    await press('Mã mới');
    await waitFor(() => expect(passText()).not.toBe(first));
    expect(screen.getByRole('image', { name: passText() })).toBeOnTheScreen();
  });

  it('commits to the identifier this phone is advertising, in a pass renewed every 30 seconds', async () => {
    jest.useFakeTimers();
    try {
      const t = testApp();
      await renderApp(t, async (m) => {
        await onboarded(m);
        await m.joinUnit('483-UBND');
        m.navigate('checkpoint');
      });
      expect(await screen.findByText('Bluezone đang hoạt động')).toBeOnTheScreen();
      await waitFor(() => expect(screen.getByText(/^BZC2\./)).toBeOnTheScreen());
      const first = passText();
      expect(first).toMatch(/^BZC2\.[A-Za-z0-9_-]{104}\.[A-Za-z0-9_-]{86}~[A-Za-z0-9_-]{43}$/);
      expect(screen.getByRole('image', { name: first })).toBeOnTheScreen();
      const advertised = t.radio.transport('me').serviceData?.subarray(0, 16);
      expect(openCheckpointPass(first, t.clock.now()).radio.rpi).toEqual(advertised);

      t.clock.advance(29_000);
      await act(async () => {
        jest.advanceTimersByTime(29_000);
      });
      expect(passText()).toBe(first); // not yet

      t.clock.advance(1_000);
      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      await waitFor(() => expect(passText()).not.toBe(first));
      const second = passText();
      expect(issuedAt(second) - issuedAt(first)).toBe(30);
      expect(screen.getByLabelText(second)).toBeOnTheScreen();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Gatekeeper mode', () => {
  /** This phone paired with the fake checkpoint, on the gatekeeper screen, Bluezone on. */
  async function gatekeeperApp() {
    const t = testApp();
    await renderApp(t, onboarded);
    await user.press(screen.getByRole('tab', { name: 'Thẻ ra vào' }));
    await press('Chế độ người gác cổng');
    expect(screen.getByRole('header', { name: 'Kiểm soát ra vào' })).toBeOnTheScreen();
    await user.type(screen.getByLabelText('Hoặc nhập mã ghép (bzg_…)'), GATE_KEY);
    await press('Ghép');
    expect(await screen.findByText('Điểm kiểm soát: Cổng chính')).toBeOnTheScreen();
    expect(t.gateKeys).toEqual([GATE_KEY]);
    return t;
  }
  const check = async (text: string) => {
    await fireEvent.changeText(screen.getByLabelText('Hoặc dán nội dung mã QR'), text);
    await press('Kiểm tra');
  };

  it('refuses a QR that is not a gate key, and remembers a pairing across restarts', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('gatekeeper');
    });
    await user.type(screen.getByLabelText('Hoặc nhập mã ghép (bzg_…)'), 'https://bluezone.example/?unit=20164-01');
    await press('Ghép');
    expect(await screen.findByRole('alert')).toBeOnTheScreen();
    expect(t.gateKeys).toEqual([]);
    await t.model.gatekeeper.pair(GATE_KEY);
    expect(await t.store.getSetting('app.gateKey')).toBe(GATE_KEY);
    const again = new AppModel(t.services);
    await again.load();
    expect(again.gatekeeper.state.checkpoint).toMatchObject({ name: 'Cổng chính' });
  });

  it('shows "app running nearby" only after hearing the phone the pass was made on', async () => {
    const t = await gatekeeperApp();
    const visitor = await visitorPhone(t);
    const pass = await visitor.pass();
    await check(pass);
    expect(await screen.findByLabelText('Đang nghe tín hiệu điện thoại của khách…')).toBeOnTheScreen();
    await act(async () => {
      t.radio.scan(['me']); // this phone's scanner hears the visitor's advertisement
    });
    expect(await screen.findByText('Ứng dụng đang chạy ở gần ✓')).toBeOnTheScreen();
    // The server got the token and "heard" — not the identifier or the salt.
    const { token, radio } = splitCheckpointPass(pass);
    expect(t.gate.sent).toEqual([JSON.stringify({ token, direction: 'entry', radio: 'heard' })]);
    expect(t.gate.sent.join()).not.toContain(pass.slice(pass.indexOf('~') + 1));
    expect(radio).not.toBeNull();
    // …and nothing on this phone's screen shows it either.
    expect(screen.queryByText(new RegExp(pass.slice(pass.indexOf('~') + 1)))).not.toBeOnTheScreen();
  });

  it("says the phone was not heard when no phone nearby advertises the pass's identifier", async () => {
    const t = await gatekeeperApp();
    const visitor = await visitorPhone(t);
    const pass = await visitor.pass();
    await visitor.client.stop(); // Bluetooth off on the visitor's phone: the pass alone is shown
    await press('Ra');
    await check(pass);
    await act(async () => {
      t.radio.scan(['me']);
      t.closeWindows();
    });
    expect(await screen.findByText('Có ứng dụng nhưng chưa đạt')).toBeOnTheScreen();
    expect(screen.getByText(/Không nghe thấy điện thoại của khách/)).toBeOnTheScreen();
    expect(JSON.parse(t.gate.sent[0] ?? '{}')).toMatchObject({ direction: 'exit', radio: 'not_heard' });
  });

  it('refuses on the phone a typed token and a replayed pass, with the reason', async () => {
    const t = await gatekeeperApp();
    const visitor = await visitorPhone(t);
    const pass = await visitor.pass();
    await check(splitCheckpointPass(pass).token);
    expect(await screen.findByText(/Mã thiếu phần Bluetooth/)).toBeOnTheScreen();
    expect(t.gate.sent).toEqual([]);
    await check(pass);
    await act(async () => {
      t.radio.scan(['me']);
    });
    expect(await screen.findByText('Ứng dụng đang chạy ở gần ✓')).toBeOnTheScreen();
    await check(pass);
    await act(async () => {
      t.radio.scan(['me']);
    });
    expect(await screen.findByText('Mã QR này đã được dùng. Nhờ khách mở mã mới.')).toBeOnTheScreen();
  });

  it('asks to turn Bluezone on before checking, and unpairs', async () => {
    const t = await gatekeeperApp();
    await t.model.setTracing(false);
    expect(await screen.findByText(/Hãy bật Bluezone: điện thoại nghe tín hiệu Bluetooth/)).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'Kiểm tra' })).toBeDisabled();
    await press('Hủy ghép điện thoại');
    expect(await screen.findByRole('button', { name: 'Ghép' })).toBeOnTheScreen();
    expect(await t.store.getSetting('app.gateKey')).toBe('');
  });
});

describe('Settings', () => {
  it('shows 14-day retention, licences and version, and switches every screen to English', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    await user.press(screen.getByRole('tab', { name: 'Cài đặt' }));
    expect(screen.getByText('Thời gian lưu dữ liệu: 14 ngày')).toBeOnTheScreen();
    expect(screen.getByText(/React Native \(MIT\), react-native-web \(MIT\)/)).toBeOnTheScreen();
    expect(screen.getByText('Phiên bản 9.9.9-test')).toBeOnTheScreen();

    await press('English');
    expect(await screen.findByText('Data retention: 14 days')).toBeOnTheScreen();
    expect(screen.getByRole('header', { name: 'Settings' })).toBeOnTheScreen();
    expect(await t.store.getSetting('app.language')).toBe('en');
    await user.press(screen.getByRole('tab', { name: 'Home' }));
    expect(screen.getByText('Bluezone is on')).toBeOnTheScreen();
    expect(screen.getByRole('button', { name: 'I tested positive' })).toBeOnTheScreen();
    expect(screen.queryByText('Bluezone đang bật')).not.toBeOnTheScreen();
  });
});
