/**
 * @bluezone/rollout: the toolkit a district uses to get people to install the app and to see
 * whether it works — units, coverage, office checkpoints, SMS/Zalo messaging, campaigns,
 * broadcast announcements and posters — mounted on the key server as one feature.
 */
export * from './access/access-repository';
export * from './access/demo-users';
export * from './access/rollout-scope';
export * from './announcements/announcement';
export * from './announcements/announcement-audio';
export * from './announcements/announcements-repository';
export * from './businesses/business';
export * from './campaigns/campaign';
export * from './campaigns/campaign-approval';
export * from './campaigns/campaign-schedule';
export * from './campaigns/message-template';
export * from './checkpoints/checkpoint';
export * from './checkpoints/checkpoint-token';
export * from './coverage/coverage';
export * from './coverage/coverage-export';
export * from './coverage/coverage-repository';
export * from './coverage/install-attestation';
export * from './district-server';
export * from './drives/drive';
export * from './drives/drive-results';
export * from './drives/drive-results-export';
export * from './drives/drives-repository';
export * from './drives/volunteer-retention';
export * from './install-base-url';
export * from './messaging/contact-list';
export * from './messaging/message-channel';
export * from './messaging/message-channels';
export * from './messaging/messaging-repository';
export * from './messaging/outbox-repository';
export * from './messaging/outbox-sms-sender';
export * from './messaging/outbox-worker';
export * from './messaging/sms-kannel';
export * from './messaging/sms-segments';
export * from './messaging/zalo-zns';
export * from './posters/poster-pdf';
export * from './posters/window-sticker';
export * from './rollout-config';
export * from './rollout-db';
export * from './rollout-error';
export * from './rollout-feature';
export * from './shared/vn-phone';
export * from './units/install-link';
export * from './units/nam-dong-seed';
export * from './units/population-check';
export * from './units/unit';
export * from './units/unit-archive';
export * from './units/unit-csv';
export * from './units/unit-import';
export * from './units/units-repository';
