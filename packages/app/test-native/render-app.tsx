/**
 * Renders the whole app with React Native's own host components (React Native Testing Library
 * on Test Renderer, under Jest with Expo's preset) over the model of test/support/app-fixture.ts,
 * the same one the react-native-web tests use.
 */
import { render } from '@testing-library/react-native';
import { App } from '../src/app';
import type { AppModel } from '../src/model/app-model';
import { started, type TestApp } from '../test/support/app-fixture';

/** Loads the model (as app start does), runs the test's set-up, then renders the whole app. */
export async function renderApp(t: TestApp, setup?: (m: AppModel) => Promise<void>) {
  await started(t, setup);
  return render(<App model={t.model} />);
}
