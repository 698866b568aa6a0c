// Join my unit from a QR that names who brought the install in but not the home (a school's, a
// business's, a relative's or a drive volunteer's): the server answers home_unit_required, the
// screen asks where the person lives, and attests again with the home picked.
import { describe, expect, it } from '@jest/globals';
import { configure, screen, userEvent } from '@testing-library/react-native';
import { AppError } from '../src/model/app-error';
import type { Attestation } from '../src/model/rollout-api';
import { onboarded, testApp } from '../test/support/app-fixture';
import { renderApp } from './render-app';

configure({ asyncUtilTimeout: 10_000 });
const user = userEvent.setup();

describe('join my unit without a home in the QR', () => {
  it('asks where the person lives, lists matching places, and attests with the one picked', async () => {
    const sent: Attestation[] = [];
    const t = testApp({
      attest: async (a) => {
        sent.push(a);
        if (a.homeUnitCode === undefined && a.unitCode === '20161-THPT') {
          throw new AppError('rejected', 'home required', { problem: { status: 400, code: 'home_unit_required' } });
        }
        return {
          unitCode: a.homeUnitCode ?? a.unitCode ?? '',
          created: true,
          moved: false,
          broughtIn: true,
          broughtInBy: { kind: 'unit', unitCode: '20161-THPT', name: 'Trường THPT Nam Đông' },
          referralCode: 'ref123',
        };
      },
    });
    t.services.rollout.homeUnits = async () => [
      { code: '20161-01', label: 'Tổ dân phố 1, Thị trấn Khe Tre' },
      { code: '20161-02', label: 'Tổ dân phố 2, Thị trấn Khe Tre' },
      { code: '20164-01', label: 'Thôn 1, Xã Hương Phú' },
    ];
    await renderApp(t, async (m) => {
      await onboarded(m);
      m.navigate('unit');
    });
    await user.type(screen.getByTestId('unit-input'), 'https://bluezone.test/app/?unit=20161-THPT');
    await user.press(screen.getByRole('button', { name: 'Xác nhận' }));
    await screen.findByText(/^Bạn sống ở đâu\?/);
    expect(screen.queryByTestId('unit-joined')).toBeNull();
    // Typed without the marks, the filter still finds Khe Tre's groups and not Hương Phú's village.
    await user.type(screen.getByTestId('home-filter'), 'khe tre');
    expect(screen.queryByRole('button', { name: 'Thôn 1, Xã Hương Phú' })).toBeNull();
    await user.press(screen.getByRole('button', { name: 'Tổ dân phố 2, Thị trấn Khe Tre' }));
    expect(await screen.findByTestId('unit-joined')).toHaveTextContent('Đã khai báo với đơn vị 20161-02');
    expect(sent.map((a) => [a.unitCode, a.homeUnitCode])).toEqual([
      ['20161-THPT', undefined],
      ['20161-THPT', '20161-02'],
    ]);
    expect(screen.queryByText(/^Bạn sống ở đâu\?/)).toBeNull();
  });
});
