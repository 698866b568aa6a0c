/** The native module's JS face (android/.../BluezoneAdvertiserModule.kt); absent on iOS and in browsers. */
export interface BluezoneAdvertiserNative {
  /** Bluetooth is present and the controller can advertise (peripheral mode). */
  isSupported(): boolean;
  /** Starts advertising base64 service data (RPI ‖ AEM, 20 bytes); resolves once the stack reports it started. */
  start(serviceDataBase64: string): Promise<void>;
  /** Replaces the advertised data; the restart gives the advertisement a new random address. */
  update(serviceDataBase64: string): Promise<void>;
  stop(): Promise<void>;
}
