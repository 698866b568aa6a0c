/**
 * Broadcast announcements: scripts per channel (commune loudspeakers, district radio/TV,
 * advertising screens), each with a repeat schedule (a cron rule in district time). Scripts are
 * edited and retired, never deleted; what aired is in the broadcast log (broadcast-log.ts).
 */
import { announcementsApi } from '@bluezone/protocol/api';
import { upcomingRuns, validateCron } from '../campaigns/campaign-schedule';
import { RolloutError } from '../rollout-error';

export const ANNOUNCEMENT_CHANNELS = announcementsApi.ANNOUNCEMENT_CHANNELS;
export type AnnouncementChannel = announcementsApi.AnnouncementChannel;
export const DISTRICT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** An announcement as the API shows it (the contract's, @bluezone/protocol/api rollout/announcements.ts). */
export type Announcement = announcementsApi.Announcement;
export type NewAnnouncement = announcementsApi.NewAnnouncement;

/** Illustrative scripts the district can edit; wording follows the dispatch's call to install. */
export const DEFAULT_ANNOUNCEMENTS: NewAnnouncement[] = [
  {
    unitCode: '483',
    channel: 'loudspeaker',
    title: 'Loa truyền thanh xã: kêu gọi cài Bluezone',
    text:
      'Thông báo của Ủy ban nhân dân huyện Nam Đông. Để phòng, chống dịch bệnh, đề nghị bà con cài đặt ứng dụng Bluezone ' +
      'trên điện thoại thông minh và luôn bật Bluetooth. Ứng dụng không thu thập tên, số điện thoại hay vị trí của bà con. ' +
      'Xin cảm ơn bà con.',
    repeat: '0 6,17 * * *',
  },
  {
    unitCode: '483',
    channel: 'radio_tv',
    title: 'Đài truyền thanh – truyền hình huyện: bản tin Bluezone',
    text:
      'Huyện Nam Đông đang triển khai ứng dụng Bluezone. Mỗi người dân cài đặt ứng dụng là góp phần bảo vệ bản thân, ' +
      'gia đình và cộng đồng. Hãy quét mã QR trên áp phích tại thôn, bản của mình để cài đặt.',
    repeat: '30 11 * * *',
  },
  {
    unitCode: '483',
    channel: 'screen',
    title: 'Màn hình quảng cáo: Cài Bluezone',
    text: 'Cài Bluezone – Bảo vệ mình, bảo vệ cộng đồng. Quét mã QR để cài đặt.',
    repeat: '*/30 7-21 * * *',
  },
];

function isChannel(s: string): s is AnnouncementChannel {
  return (ANNOUNCEMENT_CHANNELS as readonly string[]).includes(s);
}

export type AnnouncementEdit = announcementsApi.AnnouncementEdit;

export function validateAnnouncement(a: NewAnnouncement): void {
  if (!isChannel(a.channel)) {
    throw new RolloutError('invalid_input', `channel must be one of ${ANNOUNCEMENT_CHANNELS.join(', ')}`);
  }
  if (a.title.trim() === '' || a.text.trim() === '')
    throw new RolloutError('invalid_input', 'title and text are required');
  validateCron(a.repeat, DISTRICT_TIME_ZONE);
}

/** Next broadcast times, for the schedule printed beside the script; none once it is retired. */
export function nextBroadcasts(a: Pick<Announcement, 'repeat' | 'retiredAt'>, after: Date, count: number): Date[] {
  if (a.retiredAt !== null) return [];
  return upcomingRuns({ kind: 'periodic', cron: a.repeat, timeZone: DISTRICT_TIME_ZONE }, after, count);
}
