/**
 * Where Nam Đông's communes are, for the schematic map a district gets before it uploads its own
 * boundaries: one point per commune near its administrative centre, with where it comes from.
 * These are APPROXIMATE positions for a diagram, not survey data; the map built from them says so
 * on the page.
 *
 * - `public`: a published coordinate of the place (the source named beside it).
 * - `described`: placed by hand from the commune's published description (its extent, or its
 *   distance and direction from Khe Tre and its neighbours), to about ±2 km.
 *
 * Sources (checked December 2026):
 * - Khe Tre: 16.1691 N, 107.718 E, a public list of place coordinates (the town centre).
 * - Hương Lộc: 16°09′39″N 107°47′53″E, Vietnamese Wikipedia's article "Hương Lộc" (infobox;
 *   Wikipedia text CC BY-SA 4.0; a coordinate is a fact, cited here for attribution).
 * - Thượng Lộ: the centre of the extent the commune's own site gives (16°02′36″–16°09′51″N,
 *   107°42′19″–107°51′35″E; thuonglo.thuathienhue.gov.vn, "Giới thiệu chung").
 * - Thượng Quảng: "about 16 km west of the district seat", bordering A Lưới to the west and Hương
 *   Sơn to the north (thuongquang.thuathienhue.gov.vn, "Tổng quan điều kiện tự nhiên").
 * - the others: placed between those by the neighbours the province's and the communes' pages
 *   name (the district runs 37 km along the Tả Trạch valley, north-west to south-east of Khe Tre).
 */
export interface CommuneCentre {
  /** The unit code (GSO administrative code, units/nam-dong-seed.ts). */
  code: string;
  lat: number;
  lon: number;
  basis: 'public' | 'described';
}

export const NAM_DONG_DISTRICT_CODE = '483';

export const NAM_DONG_COMMUNE_CENTRES: readonly CommuneCentre[] = [
  { code: '20161', lat: 16.1691, lon: 107.718, basis: 'public' }, // Thị trấn Khe Tre
  { code: '20164', lat: 16.222, lon: 107.708, basis: 'described' }, // Hương Phú: north of Khe Tre
  { code: '20167', lat: 16.2, lon: 107.628, basis: 'described' }, // Hương Sơn: north-west, above Thượng Quảng
  { code: '20170', lat: 16.1608, lon: 107.7981, basis: 'public' }, // Hương Lộc: east, towards Bạch Mã
  { code: '20173', lat: 16.128, lon: 107.585, basis: 'described' }, // Thượng Quảng: ~16 km west
  { code: '20179', lat: 16.228, lon: 107.775, basis: 'described' }, // Hương Xuân: north-east
  { code: '20182', lat: 16.158, lon: 107.672, basis: 'described' }, // Hương Hữu: west of Khe Tre
  { code: '20185', lat: 16.0958, lon: 107.7825, basis: 'described' }, // Thượng Lộ: its stated extent's centre
  { code: '20188', lat: 16.118, lon: 107.63, basis: 'described' }, // Thượng Long: between Thượng Quảng and Hương Hữu
  { code: '20191', lat: 16.1, lon: 107.7, basis: 'described' }, // Thượng Nhật: south-west, west of Thượng Lộ
];

/** What the page prints under the schematic map. */
export const SCHEMATIC_ATTRIBUTION =
  'Sơ đồ minh họa, không phải ranh giới hành chính: ô quanh vị trí gần đúng của trung tâm mỗi xã ' +
  '(Khe Tre, Hương Lộc theo tọa độ công khai; các xã khác theo mô tả vị trí của xã). ' +
  'Schematic, not administrative boundaries: cells around approximate commune centres.';
