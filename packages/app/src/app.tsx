/** The app's root: onboarding on first run, then the screen of the current route above the tabs. */

import { I18nProvider } from '@bluezone/ui-shared';
import type { ReactElement } from 'react';
import { ActivityIndicator, Pressable, StyleSheet, Text, View } from 'react-native';
import { AppModelProvider, useAppModel, useAppState } from './components/app-context';
import { TabBar } from './components/tab-bar';
import { APP_I18N, useI18n } from './i18n/i18n';
import type { AppModel, Route } from './model/app-model';
import { CheckpointScreen } from './screens/checkpoint-screen';
import { ExposureScreen } from './screens/exposure-screen';
import { GatekeeperScreen } from './screens/gatekeeper-screen';
import { HistoryScreen } from './screens/history-screen';
import { HomeScreen } from './screens/home-screen';
import { JoinUnitScreen } from './screens/join-unit-screen';
import { OnboardingScreen } from './screens/onboarding-screen';
import { ReportScreen } from './screens/report-screen';
import { SettingsScreen } from './screens/settings-screen';
import { COLORS } from './theme';

const SCREENS: Record<Route, () => ReactElement> = {
  home: HomeScreen,
  exposure: ExposureScreen,
  history: HistoryScreen,
  report: ReportScreen,
  unit: JoinUnitScreen,
  checkpoint: CheckpointScreen,
  gatekeeper: GatekeeperScreen,
  settings: SettingsScreen,
};
/** Opened from Home rather than a tab. */
const SUB_ROUTES: readonly Route[] = ['report', 'unit', 'gatekeeper'];

function Shell() {
  const model = useAppModel();
  const s = useAppState();
  if (!s.ready) return <ActivityIndicator style={styles.fill} color={COLORS.primary} />;
  return (
    <I18nProvider i18n={APP_I18N} language={s.language} onLanguageChange={(l) => void model.setLanguage(l)}>
      {s.onboarded ? <Routed route={s.route} onNavigate={(r) => model.navigate(r)} /> : <OnboardingScreen />}
    </I18nProvider>
  );
}

function Routed({ route, onNavigate }: { route: Route; onNavigate: (r: Route) => void }) {
  const { t } = useI18n();
  const Current = SCREENS[route];
  return (
    <View style={styles.fill}>
      {SUB_ROUTES.includes(route) && (
        <Pressable accessibilityRole="link" testID="back" onPress={() => onNavigate('home')} style={styles.back}>
          <Text style={styles.backText}>‹ {t('common.back')}</Text>
        </Pressable>
      )}
      <Current />
      <TabBar route={route} onNavigate={onNavigate} />
    </View>
  );
}

export function App({ model }: { model: AppModel }) {
  return (
    <AppModelProvider model={model}>
      <View style={styles.root}>
        <Shell />
      </View>
    </AppModelProvider>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: COLORS.background },
  fill: { flex: 1 },
  back: { paddingHorizontal: 16, paddingVertical: 10, backgroundColor: COLORS.card },
  backText: { color: COLORS.primary, fontSize: 16 },
});
