// Compile-time check (no runtime code): react-native-ble-plx's real published types fit the
// SDK's mirror of them. A change in the library that breaks the adapter fails `tsc`.
import type { BlePlxDevice, BlePlxManager, BlePlxTransportOptions } from '@bluezone/client';
import type { BleError, BleManager, Device, State } from '../testdata/react-native-ble-plx/index';

type Assignable<From, To> = [From] extends [To] ? true : false;
const check = <T extends true>(value: T): T => value;

export const managerFits = check<Assignable<BleManager, BlePlxManager>>(true);
export const deviceFits = check<Assignable<Device, BlePlxDevice>>(true);
export const errorFits = check<Assignable<BleError, { errorCode: number; message: string }>>(true);
export const stateIsString = check<Assignable<State, string>>(true);
export const managerIsAnOption = check<Assignable<BleManager, BlePlxTransportOptions['manager']>>(true);
