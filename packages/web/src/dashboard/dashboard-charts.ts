/**
 * The dashboard's drawings, one chunk loaded beside its data: the map of the areas, the bars per
 * area and the trend charts. The figures above them render without waiting for it.
 */
export { CoverageBars } from '../components/coverage-bars';
export { CoverageMap } from '../components/coverage-map';
export { AreaTrends } from './area-trends';
