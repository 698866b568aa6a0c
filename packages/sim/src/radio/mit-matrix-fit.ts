/**
 * The radio fit the simulator uses, as `bluezone sim fit-radio --json` prints it for the MIT
 * Matrix data (rounded to 0.001 dB). Pinned here so a simulation does not need the 14 MB
 * archive; test/radio-fit.test.ts refits from ../shared and checks these numbers still hold.
 */
import type { RadioFit } from './radio-fit';

export const MIT_MATRIX_RADIO_FIT: RadioFit = {
  d0M: 1,
  p0Dbm: -55.655,
  pathLossExponent: 1.28,
  shadowingDb: {
    hand: 0,
    shirt: -4.037,
    frontPants: -3.328,
    backPants: -12.007,
    purse: -1.784,
  },
  phoneOffsetDb: {
    'iPhone 11': 0.742,
    'iPhone 11 Pro': 0.309,
    'iPhone 11 Pro Max': 0.742,
    'iPhone 6s': -4.413,
    'iPhone 8': 0.037,
    'iPhone XR': -1.377,
    'iPhone XS': 0.037,
  },
  sigmaPhoneDb: 1.843,
  sigmaEncounterDb: 3.193,
  sigmaMultipathDb: 6.633,
  rmsResidualDb: 7.278,
  logs: 107,
  readings: 349687,
};
