// @vitest-environment happy-dom
// Every screen rendered from the same components the phone uses (through react-native-web),
// over the real client SDK with an in-memory store and radio.
import { act, cleanup, configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../src/model/app-error';
import { hear, onboarded, scriptedScanner, testApp } from './support/app-fixture';
import { renderApp } from './support/test-app';

// The machine is shared and loaded: give async UI updates more than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });
afterEach(cleanup);

const press = async (testId: string) => {
  await act(async () => {
    fireEvent.click(screen.getByTestId(testId));
  });
};
const type = async (testId: string, value: string) => {
  await act(async () => {
    fireEvent.change(screen.getByTestId(testId), { target: { value } });
  });
};
/** react-native-web's Switch is a checkbox inside the element carrying the testID. */
const consent = async () => {
  const box = screen.getByTestId('report-consent').querySelector('input[type="checkbox"]');
  if (box === null) throw new Error('no consent checkbox');
  await act(async () => {
    fireEvent.click(box);
  });
};

describe('Onboarding', () => {
  it('says what is and is not collected, in Vietnamese, then asks permissions and starts tracing', async () => {
    const t = testApp();
    await renderApp(t);
    expect(screen.getByTestId('screen-onboarding').textContent).toContain('Không số điện thoại');
    expect(screen.getByText('Không vị trí, không GPS')).toBeTruthy();
    expect(screen.getByText('Không gửi gì ra khỏi điện thoại nếu bạn chưa đồng ý')).toBeTruthy();
    await press('onboarding-start');
    await waitFor(() => expect(screen.getByTestId('screen-home')).toBeTruthy());
    expect(t.model.state).toMatchObject({
      onboarded: true,
      bluetooth: 'granted',
      notifications: 'granted',
      tracing: true,
    });
    expect(t.radio.transport('me').running).toBe(true);
    expect(await t.store.getSetting('app.onboarded')).toBe('1');
  });
});

describe('Home', () => {
  it('shows tracing on, the nearby count and radar from recent distinct RPIs, and today', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      hear(t, 1, -60, t.clock.ms - 60_000);
      hear(t, 1, -58, t.clock.ms - 30_000); // same phone, same RPI: counted once
      hear(t, 2, -80, t.clock.ms - 60_000);
      hear(t, 3, -70, t.clock.ms - 3 * 3_600_000); // earlier today: not nearby now
      await m.refresh();
    });
    expect(screen.getByTestId('tracing-status').textContent).toBe('Bluezone đang bật');
    expect(screen.getByTestId('nearby-now').textContent).toBe('2 người dùng Bluezone ở gần bạn');
    expect(screen.getAllByTestId('radar-dot')).toHaveLength(2);
    expect(screen.getByText('Hôm nay: 3 mã Bluezone đã gặp')).toBeTruthy();
    expect(screen.getByTestId('last-check').textContent).toBe('Chưa kiểm tra nguy cơ');
  });

  it('shows the reason when tracing is off: paused, or Bluetooth refused', async () => {
    const t = testApp();
    await renderApp(t, onboarded);
    await press('tracing-toggle');
    expect(screen.getByTestId('tracing-status').textContent).toBe('Bluezone đang tắt');
    expect(screen.getByText('Bạn đã tạm dừng ghi nhận tiếp xúc.')).toBeTruthy();
    expect(t.radio.transport('me').running).toBe(false);
    cleanup();

    const denied = testApp({ bluetooth: 'denied' });
    await renderApp(denied, onboarded);
    expect(screen.getByTestId('tracing-status').textContent).toBe('Bluezone đang tắt');
    expect(screen.getByText(/Chưa được cấp quyền Bluetooth/)).toBeTruthy();
  });
});

describe('Exposure status', () => {
  it('is safe with no notified day', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('exposure');
    });
    expect(screen.getByTestId('exposure-verdict').textContent).toBe('An toàn');
    expect(screen.queryAllByTestId('exposure-day')).toHaveLength(0);
  });

  it('shows the day and level, what to do and the health station', async () => {
    const t = testApp();
    const day = Date.UTC(2026, 10, 23);
    await t.store.putNotifiedDay({ dayStartMs: day, riskLevel: 2, notifiedAtMs: t.clock.ms });
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('exposure');
    });
    expect(screen.getByTestId('exposure-verdict').textContent).toBe('Có thể đã tiếp xúc');
    expect(screen.getByTestId('exposure-day').textContent).toBe('Ngày 2026-11-23: nguy cơ cao');
    expect(screen.getByText(/Tự cách ly tại nhà/)).toBeTruthy();
    expect(screen.getByText('Liên hệ: Trạm Y tế Khe Tre')).toBeTruthy();
    expect(screen.getByTestId('call-station').textContent).toBe('Gọi 0234 3874 115');
  });
});

describe('History', () => {
  it('lists encounters and close encounters per day, and deletes all data after confirming', async () => {
    const t = testApp();
    const yesterday = t.clock.ms - 86_400_000;
    await t.store.putNotifiedDay({ dayStartMs: Date.UTC(2026, 10, 24), riskLevel: 2, notifiedAtMs: t.clock.ms });
    await renderApp(t, async (m) => {
      await onboarded(m);
      hear(t, 1, -50, t.clock.ms - 60_000); // close
      hear(t, 2, -85, t.clock.ms - 60_000); // far
      hear(t, 3, -60, yesterday); // close, yesterday
      await m.refresh();
      m.navigate('history');
    });
    expect(screen.getAllByTestId('history-day').map((e) => e.textContent)).toEqual([
      '2026-11-25: 2 lần gặp, 1 tiếp xúc gần',
      '2026-11-24: 1 lần gặp, 1 tiếp xúc gần',
    ]);
    expect((await t.store.listKeys()).length).toBe(1);
    await press('delete-all');
    await press('confirm-delete');
    await waitFor(() => expect(screen.getByText('Đã xóa toàn bộ dữ liệu.')).toBeTruthy());
    expect(screen.getByText('Chưa có tiếp xúc nào được ghi nhận.')).toBeTruthy();
    expect(await t.store.listScans(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(t.model.state.exposures).toEqual([]);
    // Tracing continues with a brand-new key: the deleted one is gone from store and memory.
    const keys = await t.store.listKeys();
    expect(keys).toHaveLength(1);
    expect(t.model.state.tracing).toBe(true);
  });
});

describe('Report positive', () => {
  it('takes the code, shows the keys to share, needs consent, then sends through the SDK', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      t.clock.advance(3_600_000); // an hour of today's key has passed
      m.navigate('report');
    });
    await type('report-code', '1234 5678');
    await press('report-review');
    await waitFor(() => expect(screen.getAllByTestId('report-key')).toHaveLength(1));
    expect(screen.getByTestId('report-key').textContent).toBe('2026-11-25 (10.5 giờ)');
    const send = screen.getByTestId('report-send');
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(t.servers.calls).toHaveLength(0); // nothing leaves the phone before consent
    await consent();
    await press('report-send');
    await waitFor(() =>
      expect(screen.getByTestId('report-sent').textContent).toBe('Đã gửi 1 mã. Cảm ơn bạn đã bảo vệ cộng đồng.'),
    );
    expect(t.servers.calls.map((c) => new URL(c.url).pathname)).toEqual([
      '/api/verify',
      '/api/certificate',
      '/v1/publish',
    ]);
  });

  it('shows the server refusing a wrong code', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      t.clock.advance(3_600_000);
      m.navigate('report');
    });
    await type('report-code', '99999999');
    await press('report-review');
    await waitFor(() => screen.getByTestId('report-consent'));
    await consent();
    await press('report-send');
    await waitFor(() => expect(screen.getByTestId('error').textContent).toMatch(/^Máy chủ từ chối/));
    expect(screen.queryByTestId('report-sent')).toBeNull();
  });

  it('says a negative result shared nothing', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      t.clock.advance(3_600_000);
      m.navigate('report');
    });
    await type('report-code', '00000000'); // the recorded verification server's negative result
    await press('report-review');
    await waitFor(() => screen.getByTestId('report-consent'));
    await consent();
    await press('report-send');
    await waitFor(() => expect(screen.getByTestId('report-sent').textContent).toMatch(/^Mã này là kết quả âm tính/));
    expect(t.servers.calls.map((c) => new URL(c.url).pathname)).not.toContain('/v1/publish');
  });
});

describe('Join my unit', () => {
  it('attests with the unit from a poster link and shows the invite QR', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await type('unit-input', 'https://bluezone.example/cai-dat?unit=20164-01');
    await press('unit-join');
    await waitFor(() => expect(screen.getByTestId('unit-joined').textContent).toBe('Đã khai báo với đơn vị 20164-01'));
    expect(t.attestations).toHaveLength(1);
    expect(t.attestations[0]).toMatchObject({ unitCode: '20164-01', appVersion: '9.9.9-test', tracingActive: true });
    expect(t.attestations[0]?.checkpointKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.attestations[0]?.installId).toBe(t.model.state.installId);
    expect(screen.getByTestId('invite-qr').getAttribute('aria-label')).toBe('https://bluezone.test/app/?ref=ref123');
  });

  it('refuses a QR that is not Bluezone and shows a server refusal', async () => {
    const t = testApp({
      attest: async () => {
        throw new AppError('rejected', 'no unit with code X9');
      },
    });
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await type('unit-input', 'https://example.com/?foo=bar');
    await press('unit-join');
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('Mã QR không phải của Bluezone.'));
    await type('unit-input', 'X9');
    await press('unit-join');
    await waitFor(() => expect(screen.getByTestId('error').textContent).toBe('Máy chủ từ chối: no unit with code X9'));
    expect(screen.queryByTestId('unit-joined')).toBeNull();
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
    await press('unit-scan');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('error')).toBeNull();
    await press('unit-scan');
    await waitFor(() =>
      expect(screen.getByTestId('error').textContent).toBe(
        'Chưa được cấp quyền camera. Hãy cho phép trong cài đặt của điện thoại, hoặc nhập mã.',
      ),
    );
    await press('unit-scan');
    await waitFor(() => expect(screen.getByTestId('unit-joined').textContent).toBe('Đã khai báo với đơn vị 20161-02'));
    expect(screen.queryByTestId('error')).toBeNull();
    expect(t.attestations.map((a) => a.unitCode)).toEqual(['20161-02']);
  });
});

describe('Checkpoint pass', () => {
  it('asks to join a unit first', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('checkpoint');
    });
    expect(screen.getByText('Hãy khai báo đơn vị trước để dùng thẻ ra vào.')).toBeTruthy();
    expect(screen.queryByTestId('checkpoint-qr')).toBeNull();
  });

  it('shows a signed BZC1 token as QR and text, and a new one on refresh', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      await m.joinUnit('483-UBND');
      m.navigate('checkpoint');
    });
    await waitFor(() => screen.getByTestId('checkpoint-token'));
    const first = screen.getByTestId('checkpoint-token').textContent ?? '';
    expect(first).toMatch(/^BZC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(screen.getByTestId('checkpoint-qr').getAttribute('aria-label')).toBe(first);
    expect(screen.getByTestId('checkpoint-state').textContent).toBe('Bluezone đang hoạt động');
    await press('checkpoint-refresh');
    await waitFor(() => expect(screen.getByTestId('checkpoint-token').textContent).not.toBe(first));
  });

  it('rotates the token by itself every 30 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const t = testApp();
      await renderApp(t, async (m) => {
        await onboarded(m);
        await m.joinUnit('483-UBND');
        m.navigate('checkpoint');
      });
      await waitFor(() => screen.getByTestId('checkpoint-token'));
      const first = screen.getByTestId('checkpoint-token').textContent;
      t.clock.advance(30_000);
      await act(async () => {
        vi.advanceTimersByTime(30_000);
      });
      await waitFor(() => expect(screen.getByTestId('checkpoint-token').textContent).not.toBe(first));
      const issuedAt = (tok: string | null) =>
        (JSON.parse(Buffer.from(tok?.split('.')[1] ?? '', 'base64url').toString()) as { t: number }).t;
      expect(issuedAt(screen.getByTestId('checkpoint-token').textContent) - issuedAt(first)).toBe(30);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Settings', () => {
  it('shows 14-day retention and licences, and switches to English everywhere', async () => {
    const t = testApp();
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('settings');
    });
    expect(screen.getByTestId('settings-retention').textContent).toBe('Thời gian lưu dữ liệu: 14 ngày');
    expect(screen.getByText(/react-native-web \(MIT\)/)).toBeTruthy();
    expect(screen.getByText('Phiên bản 9.9.9-test')).toBeTruthy();
    await press('language-en');
    await waitFor(() => expect(screen.getByTestId('settings-retention').textContent).toBe('Data retention: 14 days'));
    expect(screen.getByTestId('tab-home').textContent).toBe('Home');
    expect(await t.store.getSetting('app.language')).toBe('en');
    await press('tab-home');
    expect(screen.getByTestId('tracing-status').textContent).toBe('Bluezone is on');
  });
});
