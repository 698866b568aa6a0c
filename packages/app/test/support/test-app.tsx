/**
 * Renders the whole app through react-native-web into happy-dom (Vitest), over the model of
 * app-fixture.ts. The Jest tests in test-native/ render the same model with React Native's own
 * host components (test-native/render-app.tsx).
 */
import { render } from '@testing-library/react';
import { App } from '../../src/app';
import type { AppModel } from '../../src/model/app-model';
import { started, type TestApp } from './app-fixture';

/** Loads the model (as app start does) and renders the whole app. */
export async function renderApp(t: TestApp, setup?: (m: AppModel) => Promise<void>) {
  await started(t, setup);
  return render(<App model={t.model} />);
}
