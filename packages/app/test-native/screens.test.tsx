// What every screen does, tested once, here: React Native Testing Library under Jest renders the
// screens with React Native's own host components (View, Text, TextInput, Switch, Pressable under
// the Jest preset's native mocks), the renderer phones run, and finds them the way a person does
// (role, label, text), over the real client SDK with an in-memory store and radio. Each behaviour
// of a screen (what it shows, what a press does, what reaches the SDK, the store and the server
// fakes) is asserted in this file only. test/web-rendering.test.tsx does not repeat them: it
// checks what only react-native-web shows, the DOM the browser build gives people and browsers.

import { openCheckpointPass, parseCheckpointToken, splitCheckpointPass } from '@bluezone/protocol';
import { describe, expect, it, jest } from '@jest/globals';
import {
  act,
  configure,
  fireEvent,
  isHiddenFromAccessibility,
  screen,
  userEvent,
  waitFor,
  within,
} from '@testing-library/react-native';
import QRCode from 'qrcode';
import { Linking } from 'react-native';
import { AppError } from '../src/model/app-error';
import { AppModel } from '../src/model/app-model';
import { DEFAULT_EXPOSURE_ADVICE, type ExposureEstimate } from '../src/model/exposure-summary';
import {
  GATE_KEY,
  HOME_UNITS,
  hear,
  onboarded,
  scriptedScanner,
  type TestApp,
  testApp,
  visitorPhone,
} from '../test/support/app-fixture';
import { renderApp } from './render-app';

// The machine is shared and loaded: give async UI updates more than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });

const user = userEvent.setup();
const press = (name: string) => user.press(screen.getByRole('button', { name }));
/** The text of every element with this test id, in screen order. */
const texts = (testID: string) => screen.getAllByTestId(testID).map((e) => String(e.props.children));
/** The history chart's column of the `i`-th day (0 = 13 days ago, 13 = today). */
const chartDay = (i: number) => {
  const day = screen.getAllByTestId('history-day')[i];
  if (day === undefined) throw new Error(`no chart column ${i}`);
  return day;
};

/**
 * Notified days as an earlier exposure check left them: the SDK's level in its store, and the
 * app's copy of each day's estimate (kept when the SDK's notification carried one).
 */
async function exposedOn(t: TestApp, days: [number, 1 | 2, ExposureEstimate?][]) {
  for (const [dayStartMs, riskLevel] of days)
    await t.store.putNotifiedDay({ dayStartMs, riskLevel, notifiedAtMs: t.clock.ms });
  const estimates = days.flatMap(([day, , e]) => (e === undefined ? [] : [[day, e]]));
  await t.store.setSetting('app.exposureEstimates', JSON.stringify(estimates));
}

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

  it('names the home unit with its commune once joined, and its code while the server is out of reach', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    expect(screen.getByText('Bạn chưa khai báo đơn vị.')).toBeOnTheScreen();
    await act(async () => {
      await t.model.joinUnit('20164-01');
    });
    expect(screen.getByText('Đơn vị của bạn: Thôn 1, Xã Hương Phú')).toBeOnTheScreen();
    expect(JSON.parse((await t.store.getSetting('app.home')) ?? '')).toMatchObject({ name: 'Thôn 1' });

    // Joined while offline: the code now, the name on a later start.
    const offline = testApp();
    offline.services.rollout.homeUnit = async () => {
      throw new AppError('network', 'offline');
    };
    await renderApp(offline, async (m) => {
      await onboarded(m);
      await m.joinUnit('20164-01');
    });
    expect(screen.getByText('Đơn vị của bạn: 20164-01')).toBeOnTheScreen();
    offline.services.rollout.homeUnit = async (code) => HOME_UNITS[code] ?? null;
    const again = new AppModel(offline.services);
    await again.load();
    await waitFor(() => expect(again.state.home?.name).toBe('Thôn 1'));
  });

  it('has a tab bar with an icon and a label per tab', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => within(tab).getByText(/./).props.children)).toEqual([
      'Trang chủ',
      'Nguy cơ',
      'Lịch sử',
      'Thẻ ra vào',
      'Cài đặt',
    ]);
    // Drawn for the eye only: screen readers hear the label.
    for (const route of ['home', 'exposure', 'history', 'checkpoint', 'settings'])
      expect(isHiddenFromAccessibility(screen.getByTestId(`tab-icon-${route}`, { includeHiddenElements: true }))).toBe(
        true,
      );
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

  it('counts the days, dates what to do from the last exposure, words each day by its estimate, and calls the home station', async () => {
    const openURL = jest.spyOn(Linking, 'openURL').mockResolvedValue(true);
    const t = testApp();
    await exposedOn(t, [
      [
        Date.UTC(2026, 10, 23),
        2,
        { closeMinutes: 26.4, lowCloseMinutes: 18, highCloseMinutes: 35, confidence: 'likely' },
      ],
      [
        Date.UTC(2026, 10, 20),
        1,
        { closeMinutes: 4, lowCloseMinutes: 0.6, highCloseMinutes: 12.2, confidence: 'possible' },
      ],
    ]);
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.joinUnit('20164-01');
    });
    await user.press(screen.getByText('Bạn có thể đã tiếp xúc gần với người dương tính'));
    expect(screen.getByTestId('exposure-verdict')).toHaveTextContent('Nguy cơ cao');
    // Today is 25 November: two days since the 23rd, two days with an exposure.
    expect(screen.getByLabelText('2 ngày từ lần tiếp xúc cuối')).toBeOnTheScreen();
    expect(screen.getByLabelText('2 ngày có tiếp xúc')).toBeOnTheScreen();
    expect(screen.getByText('Lần tiếp xúc cuối: Thứ Hai, 23 tháng 11')).toBeOnTheScreen();
    expect(texts('exposure-day')).toEqual(['Ngày 23/11/2026: nguy cơ cao', 'Ngày 20/11/2026: nguy cơ thấp']);
    expect(texts('exposure-estimate')).toEqual([
      'Có lẽ bạn đã ở gần người dương tính khoảng 25 phút.',
      'Có thể bạn đã ở gần (1–12 phút); tín hiệu yếu nên chưa chắc chắn.',
    ]);
    // At home 14 days from the 23rd, a test on day 7.
    expect(texts('exposure-todo')).toEqual([
      '1. Ở nhà đến hết Thứ Hai, 7 tháng 12, đeo khẩu trang, hạn chế tiếp xúc với người khác.',
      '2. Xét nghiệm vào Thứ Hai, 30 tháng 11, hoặc ngay khi có triệu chứng.',
      '3. Theo dõi sức khỏe đến Thứ Hai, 7 tháng 12: sốt, ho, khó thở. Có triệu chứng thì gọi trạm y tế ngay.',
    ]);
    expect(screen.getByText('Trạm y tế của bạn: Trạm Y tế xã Hương Phú')).toBeOnTheScreen();
    await press('Gọi 0234 3870 164');
    expect(openURL).toHaveBeenCalledWith('tel:02343870164');
    openURL.mockRestore();

    await act(async () => {
      await t.model.setLanguage('en');
    });
    expect(screen.getByTestId('exposure-verdict')).toHaveTextContent('High risk');
    expect(screen.getByLabelText('2 days since the last exposure')).toBeOnTheScreen();
    expect(texts('exposure-estimate')).toEqual([
      'You were probably close to a positive case for about 25 minutes.',
      'Possibly close (1–12 minutes); the signal was weak, so this is uncertain.',
    ]);
    expect(texts('exposure-todo')[0]).toBe(
      '1. Stay at home until the end of Monday 7 December, wear a mask and limit contact with others.',
    );
  });

  it('words a day by its level alone without an estimate, and says to test now once the test day is past', async () => {
    const t = testApp();
    await exposedOn(t, [[Date.UTC(2026, 10, 16), 2]]);
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('exposure');
    });
    expect(texts('exposure-day')).toEqual(['Ngày 16/11/2026: nguy cơ cao']);
    expect(screen.queryAllByTestId('exposure-estimate')).toHaveLength(0);
    expect(screen.getByLabelText('9 ngày từ lần tiếp xúc cuối')).toBeOnTheScreen();
    expect(screen.getByLabelText('1 ngày có tiếp xúc')).toBeOnTheScreen();
    expect(texts('exposure-todo')[1]).toBe('2. Xét nghiệm ngay: gọi trạm y tế để được hẹn.');
  });

  it('gives low-risk advice, and the hotline when the home station has no phone or no unit is joined', async () => {
    const openURL = jest.spyOn(Linking, 'openURL').mockResolvedValue(true);
    const t = testApp();
    await exposedOn(t, [[Date.UTC(2026, 10, 24), 1]]);
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('exposure');
    });
    expect(screen.getByTestId('exposure-verdict')).toHaveTextContent('Nguy cơ thấp');
    expect(texts('exposure-todo')).toEqual([
      '1. Không cần ở nhà: tiếp xúc ở xa hoặc trong thời gian ngắn.',
      '2. Theo dõi sức khỏe đến Thứ Ba, 8 tháng 12: sốt, ho, khó thở. Có triệu chứng thì gọi trạm y tế ngay.',
    ]);
    expect(screen.getByText('Liên hệ: Đường dây nóng Bộ Y tế')).toBeOnTheScreen();
    await act(async () => {
      await t.model.joinUnit('20173-02');
    });
    expect(screen.getByText(/^Trạm Y tế xã Thượng Quảng chưa có số điện thoại/)).toBeOnTheScreen();
    await press('Gọi 1900 9095');
    expect(openURL).toHaveBeenCalledWith('tel:19009095');
    openURL.mockRestore();
  });

  it("shows the health authority's own words for what to do where it gave them", async () => {
    const t = testApp();
    t.services.exposureAdvice = {
      ...DEFAULT_EXPOSURE_ADVICE,
      text: { vi: { high: 'Gọi 115 nếu khó thở; trạm y tế sẽ gọi lại trong ngày.' } },
    };
    await exposedOn(t, [[Date.UTC(2026, 10, 23), 2]]);
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('exposure');
    });
    expect(texts('exposure-todo')).toEqual(['Gọi 115 nếu khó thở; trạm y tế sẽ gọi lại trong ngày.']);
    // English was not given: the app's own steps.
    await act(async () => {
      await t.model.setLanguage('en');
    });
    expect(texts('exposure-todo')).toHaveLength(3);
  });
});

describe('History', () => {
  it('charts 14 days of encounters with the exposure days marked, dates through Intl in vi and en', async () => {
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
    expect(screen.getByText('Lần gặp trong 14 ngày qua')).toBeOnTheScreen();
    expect(screen.getByText('12 tháng 11 – 25 tháng 11')).toBeOnTheScreen();
    const days = screen.getAllByTestId('history-day');
    expect(days).toHaveLength(14);
    expect(days.slice(-3).map((d) => d.props.accessibilityLabel)).toEqual([
      '23 tháng 11: 0 lần gặp, 0 tiếp xúc gần',
      '24 tháng 11: 1 lần gặp, 1 tiếp xúc gần, có nguy cơ',
      '25 tháng 11: 2 lần gặp, 1 tiếp xúc gần',
    ]);
    expect(screen.getAllByTestId('history-exposure-mark')).toHaveLength(1);
    expect(screen.getByText('14 ngày qua: 3 lần gặp, 2 tiếp xúc gần')).toBeOnTheScreen();
    // Day and weekday under each bar, at 11 px (readable on a 360-px phone).
    expect(within(chartDay(13)).getByText('25')).toHaveStyle({ fontSize: 11 });
    expect(within(chartDay(13)).getByText('T4')).toHaveStyle({ fontSize: 11 });

    await act(async () => {
      await t.model.setLanguage('en');
    });
    expect(screen.getByText('12 November – 25 November')).toBeOnTheScreen();
    expect(chartDay(13).props.accessibilityLabel).toBe('25 November: 2 encounters, 1 close');
    expect(within(chartDay(13)).getByText('W')).toBeOnTheScreen();
  });

  it('says when nothing was recorded', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('history');
    });
    expect(screen.getByText('Chưa có tiếp xúc nào được ghi nhận.')).toBeOnTheScreen();
    expect(screen.getAllByTestId('history-day')).toHaveLength(14);
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
    expect(screen.getByText('25/11/2026 (10,5 giờ)')).toBeOnTheScreen();
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

  it('in a day’s first ten minutes a fresh install has nothing to share yet, and says so', async () => {
    const t = testApp();
    t.clock.ms = Date.UTC(2026, 10, 25, 0, 5);
    await renderApp(t, onboarded);
    await press('Tôi có kết quả dương tính');
    await user.type(codeField(), '12345678');
    await press('Xem các mã sẽ chia sẻ');
    expect(
      await screen.findByText(
        'Điện thoại chưa có mã để chia sẻ: mỗi mã chỉ chia sẻ được sau 10 phút đầu tiên. Hãy thử lại sau ít phút.',
      ),
    ).toBeOnTheScreen();
    expect(screen.queryAllByTestId('report-key')).toHaveLength(0);
    await consent();
    expect(screen.getByRole('button', { name: 'Gửi' })).toBeDisabled();
    // Twenty minutes on, today's first two intervals have finished: the review shows what is sent.
    t.clock.advance(20 * 60_000);
    await press('Xem các mã sẽ chia sẻ');
    expect(await screen.findByText('Sẽ chia sẻ 1 mã hằng ngày:')).toBeOnTheScreen();
    expect(texts('report-key')).toEqual(['25/11/2026 (0,3 giờ)']);
    await press('Gửi');
    expect(await screen.findByText('Đã gửi 1 mã. Cảm ơn bạn đã bảo vệ cộng đồng.')).toBeOnTheScreen();
    expect(t.servers.published.map((keys) => keys.map((k) => k.rollingPeriod))).toEqual([[2]]);
  });

  it('shows the server refusing a wrong code and publishes nothing', async () => {
    const t = await openReport();
    await user.type(codeField(), '99999999');
    await press('Xem các mã sẽ chia sẻ');
    await screen.findByText('Sẽ chia sẻ 1 mã hằng ngày:');
    await consent();
    await press('Gửi');
    expect(await screen.findByRole('alert')).toHaveTextContent('Mã này không dùng được. Hãy xin trạm y tế một mã mới.');
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
        throw new AppError('rejected', 'no unit with code X9', { problem: { status: 404, code: 'unknown_unit' } });
      },
    });
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await user.type(screen.getByLabelText('Hoặc nhập mã đơn vị / đường dẫn'), 'X9');
    await press('Xác nhận');
    // Worded by the problem's code, never by the server's English detail.
    expect(await screen.findByRole('alert')).toHaveTextContent('Không có đơn vị với mã này.');
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
  /**
   * The passes the screen got from the model, newest last: the screen shows no text of a pass
   * (it cannot be typed), only its QR, so the test records what the QR was drawn from.
   */
  function recordPasses(t: TestApp): string[] {
    const made: string[] = [];
    const make = t.model.checkpointPass.bind(t.model);
    t.model.checkpointPass = async () => {
      const p = await make();
      made.push(p.text);
      return p;
    };
    return made;
  }
  /** The dark-module runs a QR of `text` has: the QR on screen must be drawn from that text. */
  const runsOf = (text: string) => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let runs = 0;
    for (let r = 0; r < modules.size; r++)
      for (let c = 0; c < modules.size; c++) if (modules.get(r, c) && (c === 0 || !modules.get(r, c - 1))) runs++;
    return runs;
  };
  const shownQr = () => screen.getByRole('image', { name: 'Mã QR thẻ ra vào để người gác cổng quét' });
  const latest = (made: string[]) => made[made.length - 1] as string;
  /** Seconds since the epoch the pass's token was issued at. */
  const issuedAt = (text: string) => parseCheckpointToken(splitCheckpointPass(text).token).claims.issuedAt;

  it('asks to join a unit first, and its button leads there', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    await user.press(screen.getByRole('tab', { name: 'Thẻ ra vào' }));
    expect(screen.getByText('Hãy khai báo đơn vị trước để dùng thẻ ra vào.')).toBeOnTheScreen();
    expect(screen.queryByTestId('checkpoint-qr')).not.toBeOnTheScreen();
    await press('Khai báo đơn vị');
    expect(screen.getByRole('header', { name: 'Khai báo đơn vị' })).toBeOnTheScreen();
  });

  it('shows a new pass when asked, as a QR only: no text of it to type', async () => {
    const t = testApp();
    const made = recordPasses(t);
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.joinUnit('483-UBND');
      m.navigate('checkpoint');
    });
    await waitFor(() => expect(made).toHaveLength(1));
    const first = latest(made);
    expect(shownQr().props.children).toHaveLength(runsOf(first));
    // Neither the pass nor its token is shown as text, nor read out as the QR's label.
    expect(screen.queryByText(/BZC2\./)).not.toBeOnTheScreen();
    expect(screen.queryByLabelText(/BZC2\./)).not.toBeOnTheScreen();
    await press('Mã mới');
    await waitFor(() => expect(made).toHaveLength(2));
    expect(latest(made)).not.toBe(first);
    expect(shownQr().props.children).toHaveLength(runsOf(latest(made)));
  });

  it('commits to the identifier this phone is advertising, in a pass renewed every 30 seconds, counting down', async () => {
    jest.useFakeTimers();
    try {
      const t = testApp();
      const made = recordPasses(t);
      await renderApp(t, async (m) => {
        await onboarded(m);
        await m.joinUnit('483-UBND');
        m.navigate('checkpoint');
      });
      expect(await screen.findByText('Bluezone đang hoạt động')).toBeOnTheScreen();
      await waitFor(() => expect(made).toHaveLength(1));
      const first = latest(made);
      expect(first).toMatch(/^BZC2\.[A-Za-z0-9_-]{104}\.[A-Za-z0-9_-]{86}~[A-Za-z0-9_-]{43}$/);
      const advertised = t.radio.transport('me').serviceData?.subarray(0, 16);
      expect(openCheckpointPass(first, t.clock.now()).radio.rpi).toEqual(advertised);
      expect(screen.getByTestId('checkpoint-countdown')).toHaveTextContent('Mã mới sau 30 giây');
      expect(screen.getByRole('timer', { name: 'Mã mới sau 30 giây' })).toBeOnTheScreen();

      for (let s = 1; s <= 29; s++) {
        t.clock.advance(1_000);
        await act(async () => {
          jest.advanceTimersByTime(1_000);
        });
      }
      expect(screen.getByTestId('checkpoint-countdown')).toHaveTextContent('Mã mới sau 1 giây');
      expect(made).toHaveLength(1); // not yet

      t.clock.advance(1_000);
      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      await waitFor(() => expect(made).toHaveLength(2));
      const second = latest(made);
      expect(issuedAt(second) - issuedAt(first)).toBe(30);
      await waitFor(() => expect(screen.getByTestId('checkpoint-countdown')).toHaveTextContent('Mã mới sau 30 giây'));
      expect(shownQr().props.children).toHaveLength(runsOf(second));
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

  it('logs a visitor without the app in one tap on a common reason, sending no pass', async () => {
    const t = await gatekeeperApp();
    await press('Ra');
    await press('Điện thoại phổ thông');
    expect(await screen.findByText('Đã ghi: không có ứng dụng')).toBeOnTheScreen();
    expect(t.gate.sent).toEqual([JSON.stringify({ direction: 'exit', reason: 'Điện thoại phổ thông' })]);
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
  it('deletes all my data after confirmation: keys, sightings, exposures, install id, pass key, unit, pairing', async () => {
    const t = testApp();
    await exposedOn(t, [
      [
        Date.UTC(2026, 10, 24),
        2,
        { closeMinutes: 30, lowCloseMinutes: 20, highCloseMinutes: 40, confidence: 'likely' },
      ],
    ]);
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.joinUnit('20164-01');
      await m.gatekeeper.pair(GATE_KEY);
      await m.checkpointPass(); // the pass key exists
      hear(t, 1, -50, t.clock.ms - 60_000);
      await m.refresh();
      m.navigate('settings');
    });
    const installBefore = t.model.state.installId;
    const seedBefore = await t.store.getSetting('app.checkpointSeed');
    const [keyBefore] = await t.store.listKeys();
    expect(seedBefore).toMatch(/^[0-9a-f]{64}$/);

    await press('Xóa toàn bộ dữ liệu của tôi');
    expect(screen.getByText(/^Xóa hết dữ liệu trên máy\? Không thể hoàn tác/)).toBeOnTheScreen();
    await press('Hủy');
    expect(await t.store.listScans(0, Number.MAX_SAFE_INTEGER)).not.toEqual([]);
    expect(t.model.state.unit).not.toBeNull();

    await press('Xóa toàn bộ dữ liệu của tôi');
    await press('Xóa hết');
    expect(await screen.findByText('Đã xóa toàn bộ dữ liệu.')).toBeOnTheScreen();
    expect(await t.store.listScans(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(await t.store.listNotifiedDays()).toEqual([]);
    expect(await t.store.listExposureWindows(0)).toEqual([]);
    for (const name of [
      'app.checkpointSeed',
      'app.unit',
      'app.home',
      'app.exposureEstimates',
      'app.lastCheckMs',
      'app.gateKey',
    ])
      expect([name, (await t.store.getSetting(name)) ?? '']).toEqual([name, '']);
    expect(t.model.state).toMatchObject({ exposures: [], unit: null, home: null, lastCheckMs: null });
    expect(t.model.gatekeeper.state.checkpoint).toBeNull();
    // A new install id, unlinked to the old one; tracing goes on with a brand-new key.
    expect(t.model.state.installId).not.toBe(installBefore);
    expect(await t.store.getSetting('app.installId')).toBe(t.model.state.installId);
    const keysAfter = await t.store.listKeys();
    expect(keysAfter).toHaveLength(1);
    expect(keysAfter[0]?.keyData).not.toEqual(keyBefore?.keyData);
    expect(t.model.state.tracing).toBe(true);
    // Joining again makes a new pass key.
    await act(async () => {
      await t.model.joinUnit('20164-01');
    });
    expect(t.attestations.at(-1)?.installId).toBe(t.model.state.installId);
    expect(await t.store.getSetting('app.checkpointSeed')).not.toBe(seedBefore);
    expect(t.attestations.at(-1)?.checkpointKey).not.toBe(t.attestations[0]?.checkpointKey);

    await user.press(screen.getByRole('tab', { name: 'Lịch sử' }));
    expect(screen.getByText('Chưa có tiếp xúc nào được ghi nhận.')).toBeOnTheScreen();
    await user.press(screen.getByRole('tab', { name: 'Nguy cơ' }));
    expect(screen.getByText('An toàn')).toBeOnTheScreen();
  });

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
