// @vitest-environment happy-dom
// The admin's configuration card, rendered in happy-dom with @testing-library/react against a
// stand-in for the server (GET serves the document, PUT saves the next version), with the files'
// reads and the protocol's import held and released by the test, not timed: a risk file is saved
// with only a risk configuration's own fields; a risk file read, or the protocol imported for a
// parameters file, while a save's new version loads is not used (the admin is told) and the next
// save keeps what is served; a protocol chunk that cannot be loaded is said in the page's language
// with the browser's words as the detail, and opening the picker again loads it. Browser journeys
// against the real server: configuration-e2e.test.ts.
import {
  CONFIGURATION_FORMAT,
  type ConfigurationDocument,
  CWA_RISK_CONFIGURATION,
  DEFAULT_PROXIMITY_PARAMETERS,
  defaultConfiguration,
  SWISSCOVID_RISK_CONFIGURATION,
} from '@bluezone/protocol';
import type { configurationApi } from '@bluezone/protocol/api';
import { createI18n, I18nProvider } from '@bluezone/ui-shared';
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationCard } from '../src/admin/configuration/configuration-card';
import { importProtocol } from '../src/admin/configuration/protocol-chunk';
import en from '../src/i18n/en.json';
import vi_ from '../src/i18n/vi.json';

vi.mock('../src/admin/configuration/protocol-chunk', () => ({ importProtocol: vi.fn() }));

// A shared, loaded machine: async UI updates may take more than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });

const i18n = createI18n({
  catalogues: { vi: vi_, en },
  locales: { vi: 'vi-VN', en: 'en-GB' },
  defaultLanguage: 'vi',
});

interface Held<T> {
  promise: Promise<T>;
  release(value: T): void;
  fail(err: unknown): void;
}
function held<T>(): Held<T> {
  let release!: (value: T) => void;
  let fail!: (err: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

/** The document the stand-in serves now. */
let served: ConfigurationDocument;
/** The bodies of the PUTs it was sent. */
let puts: configurationApi.PutConfigurationRequest[];
/** While set, a PUT waits for it before saving (a slow server). */
let putHeld: Held<void> | undefined;

const signed = () => Response.json({ payload: JSON.stringify(served), signatures: [] });

beforeEach(() => {
  served = defaultConfiguration('VN');
  puts = [];
  putHeld = undefined;
  vi.mocked(importProtocol).mockImplementation(() => import('@bluezone/protocol'));
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url !== '/api/configuration') throw new Error(`unexpected ${url}`);
    if (init.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as configurationApi.PutConfigurationRequest;
      puts.push(body);
      await putHeld?.promise;
      served = {
        format: CONFIGURATION_FORMAT,
        region: 'VN',
        issuedAt: new Date(2030, 0, 5).toISOString(),
        ...body,
      } as ConfigurationDocument;
    }
    return signed();
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.mocked(importProtocol).mockReset();
});

async function renderCard(language: 'vi' | 'en' = 'en') {
  render(
    <I18nProvider i18n={i18n} language={language}>
      <ConfigurationCard />
    </I18nProvider>,
  );
  await screen.findByText(language === 'en' ? 'Version 0' : 'Phiên bản 0');
}

/** A JSON file of `value`; its text arrives when `text` is released, if given. */
function jsonFile(name: string, value: unknown, text?: Held<string>): File {
  const file = new File([JSON.stringify(value)], name, { type: 'application/json' });
  if (text) Object.defineProperty(file, 'text', { value: () => text.promise });
  return file;
}

function choose(inputName: string, file: File) {
  const input = document.querySelector(`input[name="${inputName}"]`);
  if (!input) throw new Error(`no input named ${inputName}`);
  fireEvent.change(input, { target: { files: [file] } });
}

/**
 * Waits until a held file's load has ended either way: what it sets is on screen (`shownBy`, a
 * test id), or the card's word that it was not used.
 */
const loadEnded = (shownBy: string, file: string) =>
  waitFor(() =>
    expect(screen.queryByTestId(shownBy) ?? screen.queryByText(new RegExp(`^${file} was not used`))).not.toBeNull(),
  );
const NOT_USED =
  'was not used: version 1 loaded while it was being read. Choose it again to use it in the next version.';

const saveButton = () => screen.getByRole('button', { name: 'Save and sign as the next version' });
const riskPicker = () => document.querySelector('select[name="risk"]') as HTMLSelectElement;

/** The risk file of a district: the CWA preset, renamed, with a threshold of its own. */
const DISTRICT_RISK = { ...CWA_RISK_CONFIGURATION, name: 'district risk', highRiskMinutesPerDay: 20 };

describe('the configuration card', () => {
  it('saves a risk file with only a risk configuration’s own fields', async () => {
    await renderCard();
    const transmission = DISTRICT_RISK.transmission;
    choose(
      'risk-file',
      jsonFile('district-risk.json', {
        ...DISTRICT_RISK,
        comment: 'edited by hand for the district',
        transmission: { ...transmission, note: 'CWA v2', dropTrl: { min: 1, max: 2, why: 'low TRLs' } },
        minimumMinutesAtAttenuation: { maxAttenuationDb: 78, minutes: 5, source: 'CWA' },
      }),
    );
    expect((await screen.findByTestId('configuration-risk-chosen')).textContent).toContain(
      'The next version will use the risk parameters from district-risk.json: district risk',
    );
    await act(async () => saveButton().click());
    await screen.findByText('Version 1 saved and signed.');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.risk).toStrictEqual(DISTRICT_RISK);
    expect(JSON.stringify(puts[0])).not.toMatch(/comment|note|why|source/);
  });

  it('does not use a risk file read while a new version loaded, and says so', async () => {
    await renderCard();
    putHeld = held();
    await act(async () => saveButton().click());
    // The save is on its way; the admin chooses a risk file, whose text is slow to arrive.
    const text = held<string>();
    choose('risk-file', jsonFile('district-risk.json', DISTRICT_RISK, text));
    await act(async () => putHeld?.release());
    await screen.findByText('Version 1 saved and signed.');
    await screen.findByText(/^Version 1 · /);
    await act(async () => text.release(JSON.stringify(DISTRICT_RISK)));
    await loadEnded('configuration-risk-chosen', 'district-risk.json');
    expect(screen.queryByTestId('configuration-risk-chosen')).toBeNull();
    screen.getByText(`district-risk.json ${NOT_USED}`);
    expect(riskPicker().value).toBe('');
    // The next save keeps the served risk.
    await act(async () => saveButton().click());
    await screen.findByText('Version 2 saved and signed.');
    expect(puts[1]?.risk).toStrictEqual(CWA_RISK_CONFIGURATION);
  });

  it('does not use a parameters file whose protocol arrived after a new version loaded, and says so', async () => {
    await renderCard();
    putHeld = held();
    await act(async () => saveButton().click());
    // The protocol's chunk is slow to arrive for the parameters file chosen meanwhile.
    const chunk = held<typeof import('@bluezone/protocol')>();
    vi.mocked(importProtocol).mockImplementationOnce(() => chunk.promise);
    const priors = { ...DEFAULT_PROXIMITY_PARAMETERS, name: 'district priors', notifyCloseMinutes: 25 };
    choose('parameters-file', jsonFile('priors.json', priors));
    await act(async () => putHeld?.release());
    await screen.findByText(/^Version 1 · /);
    await act(async () => chunk.release(await import('@bluezone/protocol')));
    await loadEnded('configuration-base', 'priors.json');
    expect(screen.queryByTestId('configuration-base')).toBeNull();
    screen.getByText(`priors.json ${NOT_USED}`);
    const box = document.querySelector('input[name="notifyCloseMinutes"]') as HTMLInputElement;
    expect(box.value).toBe(String(DEFAULT_PROXIMITY_PARAMETERS.notifyCloseMinutes));
    await act(async () => saveButton().click());
    await screen.findByText('Version 2 saved and signed.');
    expect(puts[1]?.proximity).toStrictEqual(DEFAULT_PROXIMITY_PARAMETERS);
  });

  it('says in the page’s language that the presets could not be loaded, and loads them when the picker opens again', async () => {
    await renderCard('vi');
    vi.mocked(importProtocol).mockImplementationOnce(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/index-3f2a.js')),
    );
    const picker = document.querySelector('details') as HTMLDetailsElement;
    // happy-dom sends the toggle event as a browser does once `open` changes.
    const toggle = (open: boolean) => {
      picker.open = open;
    };
    toggle(true);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Không tải được phần mã liệt kê các bộ có sẵn, kiểm tra tệp và xem trước (hãy kiểm tra kết nối rồi thử lại): Failed to fetch dynamically imported module: /assets/index-3f2a.js',
    );
    expect(riskPicker().querySelectorAll('option')).toHaveLength(1);
    toggle(false);
    toggle(true);
    await screen.findByRole('option', { name: `Bộ có sẵn: ${SWISSCOVID_RISK_CONFIGURATION.name}` });
  });
});
