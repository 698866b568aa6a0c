/**
 * What the SDK needs from Bluetooth, kept small so a simulator radio, a React Native bridge
 * and a test fake all fit: advertise 0xFD6F service data, and report what the scanner hears.
 */
import type { RawSighting } from '../sighting-recorder';

export type SightingListener = (sighting: RawSighting) => void;

export interface BleTransport {
  /**
   * Starts advertising `serviceData` (RPI || AEM), replacing the previous advertisement, under
   * a new random BLE address: called at every RPI rotation (the address-change hook).
   */
  advertise(serviceData: Uint8Array): Promise<void>;
  /** Subscribes to sightings; returns the unsubscribe function. */
  onSighting(listener: SightingListener): () => void;
  /** Starts scanning (and lets `advertise` take effect). */
  start(): Promise<void>;
  /** Stops scanning and advertising. */
  stop(): Promise<void>;
}

/** The advertising half on a phone, behind its own interface because scanning libraries cannot advertise. */
export interface BleAdvertiser {
  /** Advertises 0xFD6F service data, non-connectable, with a fresh random address; replaces any current one. */
  start(serviceData: Uint8Array): Promise<void>;
  stop(): Promise<void>;
}
