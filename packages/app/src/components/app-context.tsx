/** The AppModel for the component tree, and a hook that re-renders on its state changes. */
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { AppModel, AppState } from '../model/app-model';

const AppModelContext = createContext<AppModel | null>(null);

export function AppModelProvider({ model, children }: { model: AppModel; children: ReactNode }) {
  return <AppModelContext.Provider value={model}>{children}</AppModelContext.Provider>;
}

export function useAppModel(): AppModel {
  const model = useContext(AppModelContext);
  if (model === null) throw new Error('useAppModel outside AppModelProvider');
  return model;
}

export function useAppState(): AppState {
  const model = useAppModel();
  return useSyncExternalStore(model.subscribe, () => model.state);
}
