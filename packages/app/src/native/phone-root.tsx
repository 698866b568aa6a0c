/** The phone's root component: builds the model once, then renders the shared App. */
import { useEffect, useState } from 'react';
import { ActivityIndicator } from 'react-native';
import { App } from '../app';
import type { AppModel } from '../model/app-model';
import { createPhoneModel } from './phone-main';

export function PhoneRoot() {
  const [model, setModel] = useState<AppModel | null>(null);
  useEffect(() => {
    void createPhoneModel().then(setModel);
  }, []);
  return model === null ? <ActivityIndicator style={{ flex: 1 }} /> : <App model={model} />;
}
