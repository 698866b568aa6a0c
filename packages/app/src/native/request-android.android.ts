/** Android runtime permissions (Metro picks this file on Android over request-android.ts). */
import { type Permission, PermissionsAndroid } from 'react-native';

export async function requestAndroid(
  permissions: string[],
): Promise<Record<string, 'granted' | 'denied' | 'never_ask_again'>> {
  return PermissionsAndroid.requestMultiple(permissions as Permission[]);
}
