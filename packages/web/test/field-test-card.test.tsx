// @vitest-environment happy-dom
// The admin's field test card, rendered in happy-dom with @testing-library/react and a stand-in
// for the server's answer (enrolments signed as the key server signs them): the labels a range
// expands to are shown before anything is sent; a duplicate or a window too long keeps the button
// off; issuing sends the contract's request (test id, the labels, ISO times) with the CSRF token;
// the sheet shows one slip per phone whose QR code is that phone's token, with its label, the
// window and how to scan it in Vietnamese and English; the server's refusal of the test
// (field_test_invalid) is said in the page's language with the field named. Browser journeys against the real server: field-test-e2e.test.ts.
import { generateKeyPairSync } from 'node:crypto';
import {
  decodeFieldTestToken,
  encodeFieldTestToken,
  type FieldTestEnrolment,
  signFieldTestEnrolment,
  verifyFieldTestEnrolment,
} from '@bluezone/protocol';
import type { fieldTestApi } from '@bluezone/protocol/api';
import { nodeBackend } from '@bluezone/protocol/node';
import { createI18n, I18nProvider } from '@bluezone/ui-shared';
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FieldTestCard } from '../src/admin/field-test/field-test-card';
import { localInputValue } from '../src/announcements/local-time';
import { setCsrfToken } from '../src/api/api-client';
import en from '../src/i18n/en.json';
import vi_ from '../src/i18n/vi.json';
import { QR_OPTIONS } from '../src/qr/qr-image';

// A shared, loaded machine: async UI updates may take more than the default 1 s.
configure({ asyncUtilTimeout: 10_000 });

const i18n = createI18n({
  catalogues: { vi: vi_, en },
  locales: { vi: 'vi-VN', en: 'en-GB' },
  defaultLanguage: 'vi',
});

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const SIGNER = {
  keyId: '452',
  keyVersion: 'v1',
  privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};
const PUBLIC = { pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: '452' };

/** Well ahead of any machine's clock, and the card is told the time: nothing here depends on it. */
const NOW = new Date(2030, 0, 5, 12).getTime();
const START = new Date(2030, 0, 10, 8);
const END = new Date(2030, 0, 17, 17);

/** What the key server answers for `request`: each phone's enrolment signed, as its route does. */
function answer(request: fieldTestApi.IssueFieldTestRequest): fieldTestApi.IssueFieldTestResponse {
  const startsAtMs = Date.parse(request.startsAt);
  const endsAtMs = Date.parse(request.endsAt);
  return {
    testId: request.testId,
    region: 'VN',
    startsAtMs,
    endsAtMs,
    enrolments: request.phones.map((phone) => {
      const e: FieldTestEnrolment = {
        kind: 'bluezone-field-test',
        region: 'VN',
        testId: request.testId,
        phone,
        startsAtMs,
        endsAtMs,
      };
      return { phone, token: encodeFieldTestToken(signFieldTestEnrolment(nodeBackend, e, [SIGNER])) };
    }),
  };
}

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}
let sent: Sent[];
/** What the stand-in answered last (signatures differ on every signing). */
let answered: fieldTestApi.IssueFieldTestResponse | undefined;
let reply: (body: unknown) => Response;

beforeEach(() => {
  sent = [];
  answered = undefined;
  reply = (body) => {
    answered = answer(body as fieldTestApi.IssueFieldTestRequest);
    return Response.json(answered);
  };
  setCsrfToken('csrf-of-this-session');
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as unknown;
    sent.push({ url, method: init.method ?? 'GET', headers: init.headers as Record<string, string>, body });
    return reply(body);
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderCard(language: 'vi' | 'en' = 'en') {
  return render(
    <I18nProvider i18n={i18n} language={language}>
      <FieldTestCard now={() => NOW} />
    </I18nProvider>,
  );
}

function fill(name: string, value: string) {
  const box = document.querySelector(`[name="${name}"]`);
  if (!box) throw new Error(`no box named ${name}`);
  fireEvent.change(box, { target: { value } });
}

function fillDraft(phones: string, end = END) {
  fill('field-test-id', 'nam-dong-2030-01');
  fill('field-test-phones', phones);
  fill('field-test-start', localInputValue(START));
  fill('field-test-end', localInputValue(end));
}

const issueButton = () => screen.getByRole('button', { name: 'Issue the codes' }) as HTMLButtonElement;

describe('the field test card', () => {
  it('says who may be enrolled and why, in both languages', () => {
    renderCard('vi');
    expect(screen.getByTestId('field-test-warning').textContent).toContain(
      'Chỉ đăng ký điện thoại thử nghiệm của chính cơ quan y tế',
    );
    cleanup();
    renderCard('en');
    const warning = screen.getByTestId('field-test-warning').textContent ?? '';
    expect(warning).toContain('exports its Bluezone keys and what it heard during the test');
    expect(warning).toContain("Enrol only the health authority's own test phones");
  });

  it('shows the labels a range gives, and keeps the button off while something is wrong', () => {
    renderCard();
    fillDraft('T01–T03, T02');
    const labels = screen.getByTestId('field-test-labels');
    expect(labels.textContent).toContain('4 phones will be enrolled:');
    expect(
      within(labels)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['T01', 'T02', 'T03', 'T02']);
    expect(screen.getByTestId('field-test-problems').textContent).toBe('T02 is listed more than once.');
    expect(issueButton().disabled).toBe(true);
    fill('field-test-phones', 'T01–T03');
    fill('field-test-end', localInputValue(new Date(2030, 0, 25, 8)));
    expect(screen.getByTestId('field-test-problems').textContent).toBe('A field test lasts at most 14 days.');
    expect(issueButton().disabled).toBe(true);
    fill('field-test-end', localInputValue(END));
    expect(screen.queryByTestId('field-test-problems')).toBeNull();
    expect(issueButton().disabled).toBe(false);
    expect(sent).toEqual([]);
  });

  it('sends the contract’s request and shows a sheet of one QR code per phone, each its own token', async () => {
    renderCard();
    fillDraft('T01–T03');
    await act(async () => issueButton().click());
    await screen.findByTestId('field-test-sheet');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      url: '/api/configuration/field-test',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'csrf-of-this-session' },
      body: {
        testId: 'nam-dong-2030-01',
        phones: ['T01', 'T02', 'T03'],
        startsAt: START.toISOString(),
        endsAt: END.toISOString(),
      },
    });
    const issued = answered as fieldTestApi.IssueFieldTestResponse;
    const sheet = screen.getByTestId('field-test-sheet');
    expect(within(sheet).getByRole('heading').textContent).toBe('Field test nam-dong-2030-01: 3 phones');
    const window = `${i18n.i18nFor('en').formatDateTime(START.getTime())} – ${i18n.i18nFor('en').formatDateTime(END.getTime())}`;
    expect(screen.getByTestId('field-test-sheet-window').textContent).toBe(`${window} · region VN`);
    expect(screen.getByRole('status').textContent).toBe('3 codes issued for test nam-dong-2030-01.');
    for (const { phone, token } of issued.enrolments) {
      const slip = screen.getByTestId(`field-test-slip-${phone}`);
      const qr = (await within(slip).findByTestId('field-test-qr')) as HTMLImageElement;
      // The image is exactly the QR code of this phone's token, which verifies for this phone.
      expect(qr.getAttribute('src')).toBe(await QRCode.toDataURL(token, QR_OPTIONS));
      expect(qr.getAttribute('alt')).toBe(`Field test code of phone ${phone}`);
      const enrolment = verifyFieldTestEnrolment(nodeBackend, decodeFieldTestToken(token), [PUBLIC], {
        region: 'VN',
        nowMs: NOW,
      });
      expect(enrolment.phone).toBe(phone);
      const text = slip.textContent ?? '';
      expect(text).toContain(phone);
      expect(text).toContain(`nam-dong-2030-01 · ${window}`);
      expect(slip.querySelector('[lang="vi"]')?.textContent).toBe(
        'Mở Bluezone → Cài đặt → Điện thoại thử nghiệm thực địa, quét mã này.',
      );
      expect(slip.querySelector('[lang="en"]')?.textContent).toBe(
        'Open Bluezone → Settings → Field test phone, scan this code.',
      );
    }
    expect(sheet.querySelectorAll('.field-test-slip')).toHaveLength(3);
    // The tokens are in the QR codes only, never as text on the page.
    expect(document.body.textContent).not.toContain('BZFT1.');
  });

  it.each([
    ['vi', 'Cấp mã', 'Giá trị của đợt thử không được chấp nhận, chưa cấp mã nào. (ô: thời gian kết thúc đợt thử)'],
    ['en', 'Issue the codes', "The field test's value is not accepted; no code was issued. (field: end of the test)"],
  ] as const)(
    'says the server’s refusal of the test in %s, naming the field, and shows no sheet',
    async (language, button, said) => {
      // What the server answers for a test whose export time is over by its clock, not the page's.
      reply = () =>
        Response.json(
          {
            type: 'https://bluezone.example/problems/field_test_invalid',
            title: 'field test invalid',
            status: 400,
            code: 'field_test_invalid',
            detail: 'endsAt: the test ended more than 7 days ago: its phones can no longer export',
            field: 'endsAt',
          },
          { status: 400, headers: { 'content-type': 'application/problem+json' } },
        );
      renderCard(language);
      fillDraft('T01');
      await act(async () => (screen.getByRole('button', { name: button }) as HTMLButtonElement).click());
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toBe(said);
      expect(screen.queryByTestId('field-test-sheet')).toBeNull();
    },
  );
});
