/**
 * Areas whose own population disagrees with the sum of the areas under them (Thượng Quảng 2,600
 * against its villages' 2,968): a warning to check the lists, not an error.
 */
import type { unitsApi } from '@bluezone/protocol/api';
import { useI18n } from '../i18n/i18n';

export function PopulationWarnings({ warnings }: { warnings: readonly unitsApi.PopulationWarning[] }) {
  const { t, formatNumber } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <div className="notice" role="status" data-testid="population-warnings">
      <p>{t('unit.populationWarnings')}</p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>
            {t('unit.populationWarning', {
              name: w.name,
              code: w.code,
              population: formatNumber(w.population),
              children: formatNumber(w.children),
              childrenPopulation: formatNumber(w.childrenPopulation),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
