/** Error codes of maps: an uploaded GeoJSON that is not a map of the unit's areas. */
export const MAPS_ERRORS = {
  geojson_invalid: 400,
} as const;
