// @vitest-environment happy-dom
// The screens as the browser build renders them: react-native-web turns the same components into
// DOM, here in happy-dom with @testing-library/react. What each screen does (texts, presses, what
// reaches the SDK, the store and the servers) is tested once, in test-native/screens.test.tsx,
// on React Native's own host components, the renderer phones run; it is not asserted again here.
// This suite checks what only react-native-web shows: the DOM and ARIA the browser build gives
// people, assistive technology and the browser journeys of test/app-e2e.test.ts (test ids,
// headings, roles, names and states), and where react-native-web takes another path than a
// phone (dialling the health station).
import { act, cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../src/i18n/i18n';
import type { Route } from '../src/model/app-model';
import { downloadFile } from '../src/web/web-download';
import { hear, onboarded, testApp } from './support/app-fixture';
import { FIELD_TEST, fieldTestAuthority } from './support/field-test-authority';
import { renderApp } from './support/test-app';

// The machine is shared and loaded: give async UI updates more than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });
afterEach(cleanup);

const t = translator('vi');
const navigate = async (app: ReturnType<typeof testApp>, route: Route) => {
  await act(async () => {
    app.model.navigate(route);
  });
};

describe('react-native-web rendering', () => {
  it('gives every screen its test id and one level-1 heading with its title', async () => {
    const app = testApp();
    await renderApp(app);
    expect(screen.getByTestId('screen-onboarding')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(t('onboarding.title'));
    cleanup();

    const titles: Record<Route, string> = {
      home: t('app.name'),
      exposure: t('exposure.title'),
      history: t('history.title'),
      report: t('report.title'),
      unit: t('unit.title'),
      checkpoint: t('checkpoint.title'),
      settings: t('settings.title'),
      gatekeeper: t('gatekeeper.title'),
    };
    await renderApp(app, onboarded);
    for (const [route, title] of Object.entries(titles) as [Route, string][]) {
      await navigate(app, route);
      expect(screen.getByTestId(`screen-${route}`)).toBeTruthy();
      const headings = screen.getAllByRole('heading');
      expect(headings.map((h) => [h.tagName, h.textContent])).toEqual([['H1', title]]);
    }
  });

  it('renders tabs, buttons, images and fields with their roles, names and states', async () => {
    const app = testApp();
    await renderApp(app, async (m) => {
      await onboarded(m);
      hear(app, 1, -60, app.clock.ms - 60_000);
      await m.refresh();
    });
    const tabs = within(screen.getByRole('tablist')).getAllByRole('tab');
    expect(tabs.map((tab) => [tab.textContent, tab.getAttribute('aria-selected')])).toEqual([
      [t('tab.home'), 'true'],
      [t('tab.exposure'), 'false'],
      [t('tab.history'), 'false'],
      [t('tab.checkpoint'), 'false'],
      [t('tab.settings'), 'false'],
    ]);
    // A Pressable with accessibilityRole="button" is a real <button>, so keyboards and clicks reach it.
    expect(screen.getByRole('button', { name: t('home.turnOff') }).tagName).toBe('BUTTON');
    // The radar is one image for screen readers, named by its count; its dots are not announced.
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(t('radar.label', { count: 1 }));

    await navigate(app, 'report');
    const code = screen.getByRole('textbox', { name: t('report.code') });
    expect(code.tagName).toBe('INPUT');
    const review = screen.getByRole('button', { name: t('report.review') }) as HTMLButtonElement;
    expect([review.disabled, review.getAttribute('aria-disabled')]).toEqual([true, 'true']);
    await act(async () => {
      fireEvent.change(code, { target: { value: '12345678' } });
    });
    expect([review.disabled, review.getAttribute('aria-disabled')]).toEqual([false, null]);
    await act(async () => {
      fireEvent.click(review);
    });
    // React Native's Switch is a native checkbox with the switch role, named by the consent text.
    const consent = (await screen.findByRole('switch', { name: t('report.consent') })) as HTMLInputElement;
    expect([consent.tagName, consent.type, consent.checked]).toEqual(['INPUT', 'checkbox', false]);
    await act(async () => {
      fireEvent.click(consent);
    });
    expect(consent.checked).toBe(true);

    await navigate(app, 'unit');
    await act(async () => {
      fireEvent.change(screen.getByRole('textbox', { name: t('unit.manual') }), {
        target: { value: 'https://example.com/?foo=bar' },
      });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: t('unit.join') }));
    });
    // Errors are announced: role="alert" on the element that carries the message.
    expect((await screen.findByRole('alert')).getAttribute('data-testid')).toBe('error');
  });

  it('dials the health station by navigating to its tel: link, as a phone browser expects', async () => {
    const app = testApp();
    await app.store.putNotifiedDay({ dayStartMs: Date.UTC(2026, 10, 23), riskLevel: 2, notifiedAtMs: app.clock.ms });
    await renderApp(app, async (m) => {
      await onboarded(m);
      await m.joinUnit('20164-01');
      m.navigate('exposure');
    });
    // The figures are named for screen readers as one phrase each, not two loose texts.
    expect(screen.getByTestId('exposure-days-since').getAttribute('aria-label')).toBe('2 ngày từ lần tiếp xúc cuối');
    // react-native-web's Linking assigns window.location for tel: (window.open would be a blocked popup).
    const real = Object.getOwnPropertyDescriptor(window, 'location');
    const navigatedTo: string[] = [];
    Object.defineProperty(window, 'location', {
      configurable: true,
      get: () => real?.value ?? real?.get?.call(window),
      set: (url: unknown) => void navigatedTo.push(String(url)),
    });
    try {
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: /^Gọi / }));
      });
    } finally {
      if (real) Object.defineProperty(window, 'location', real);
    }
    expect(navigatedTo).toEqual(['tel:02343870164']);
  });

  it('names each day of the encounter chart for screen readers, and hides the tab icons from them', async () => {
    const app = testApp();
    await renderApp(app, async (m) => {
      await onboarded(m);
      hear(app, 1, -50, app.clock.ms - 60_000);
      await m.refresh();
      m.navigate('history');
    });
    const columns = screen.getAllByTestId('history-day');
    expect(columns).toHaveLength(14);
    expect(columns.at(-1)?.getAttribute('aria-label')).toBe('25 tháng 11: 1 lần gặp, 1 tiếp xúc gần');
    expect(screen.getByTestId('tab-icon-history').getAttribute('aria-hidden')).toBe('true');
  });

  it('puts the field test banner in a <button>, the code in an <input>, and downloads the recording as a named file', async () => {
    const authority = fieldTestAuthority();
    const app = testApp({ publicKeys: authority.trusted });
    app.services.shareFile = (file) => downloadFile(file);
    await renderApp(app, async (m) => {
      await onboarded(m);
      m.navigate('settings');
    });
    expect(screen.getByRole('textbox', { name: t('fieldTest.code') }).tagName).toBe('INPUT');
    await act(async () => {
      await app.model.enrolFieldTest(authority.token());
    });
    const blobs: Blob[] = [];
    const clicked: { download: string; href: string; inPage: boolean }[] = [];
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:http://localhost/recording';
    });
    const onClick = (e: Event) => {
      const a = e.target as HTMLAnchorElement;
      clicked.push({ download: a.download, href: a.href, inPage: document.body.contains(a) });
      e.preventDefault();
    };
    document.addEventListener('click', onClick, true);
    try {
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: t('fieldTest.export') }));
      });
      await screen.findByText(t('fieldTest.exported', { file: 'nam-dong-2026-11-T07.json' }));
    } finally {
      document.removeEventListener('click', onClick, true);
      createObjectURL.mockRestore();
    }
    // The export button's own click, then the hidden link's: a download under the file's name.
    expect(clicked.at(-1)).toEqual({
      download: 'nam-dong-2026-11-T07.json',
      href: 'blob:http://localhost/recording',
      inPage: true,
    });
    expect(blobs.map((b) => b.type)).toEqual(['application/json']);
    expect(JSON.parse((await blobs[0]?.text()) ?? '{}').enrolment.payload).toContain('"phone":"T07"');
    expect(document.querySelector('a[download]')).toBeNull();

    await navigate(app, 'home');
    const banner = screen.getByRole('button', {
      name: t('home.fieldTestBanner', { phone: FIELD_TEST.phone, testId: FIELD_TEST.testId }),
    });
    expect(banner.tagName).toBe('BUTTON');
  });
});
