package vn.bluezone.advertiser

import android.annotation.SuppressLint
import android.bluetooth.BluetoothAdapter
import android.bluetooth.BluetoothManager
import android.bluetooth.le.AdvertiseCallback
import android.bluetooth.le.AdvertiseData
import android.bluetooth.le.AdvertiseSettings
import android.content.Context
import android.os.ParcelUuid
import android.util.Base64
import expo.modules.kotlin.Promise
import expo.modules.kotlin.exception.CodedException
import expo.modules.kotlin.modules.Module
import expo.modules.kotlin.modules.ModuleDefinition

// GAEN Bluetooth Specification v1.2: 16-bit service UUID 0xFD6F; service data = RPI (16) ‖ AEM (4).
private val EXPOSURE_NOTIFICATION_SERVICE: ParcelUuid =
  ParcelUuid.fromString("0000fd6f-0000-1000-8000-00805f9b34fb")
private const val SERVICE_DATA_LENGTH = 20

class InvalidServiceDataException(length: Int) :
  CodedException("ERR_ADVERTISER_SERVICE_DATA", "service data must be $SERVICE_DATA_LENGTH bytes (RPI ‖ AEM), got $length", null)

class AdvertiserUnavailableException :
  CodedException("ERR_ADVERTISER_UNAVAILABLE", "this phone cannot advertise over Bluetooth LE (off, or no peripheral mode)", null)

class AdvertiserPermissionException(cause: SecurityException) :
  CodedException("ERR_ADVERTISER_PERMISSION", "BLUETOOTH_ADVERTISE permission is missing: ${cause.message}", cause)

class AdvertiseFailedException(errorCode: Int) :
  CodedException("ERR_ADVERTISER_START_FAILED", "advertising failed to start: ${describe(errorCode)} ($errorCode)", null) {
  companion object {
    fun describe(errorCode: Int): String = when (errorCode) {
      AdvertiseCallback.ADVERTISE_FAILED_DATA_TOO_LARGE -> "data too large"
      AdvertiseCallback.ADVERTISE_FAILED_TOO_MANY_ADVERTISERS -> "too many advertisers"
      AdvertiseCallback.ADVERTISE_FAILED_ALREADY_STARTED -> "already started"
      AdvertiseCallback.ADVERTISE_FAILED_INTERNAL_ERROR -> "internal error"
      AdvertiseCallback.ADVERTISE_FAILED_FEATURE_UNSUPPORTED -> "unsupported"
      else -> "unknown error"
    }
  }
}

class AdvertisementReplacedException :
  CodedException("ERR_ADVERTISER_REPLACED", "a newer advertisement replaced this one before it started", null)

/**
 * Advertises one GAEN payload at a time. `start` and `update` both stop the current advertisement
 * and start the new one: restarting a non-connectable legacy advertisement is what makes the
 * stack draw a new random address, which GAEN requires to change with every RPI. One advertiser
 * per app keeps within the controller's advertising slots.
 */
class BluezoneAdvertiserModule : Module() {
  private val lock = Any()
  private var current: Advertisement? = null

  /** An advertisement and the JS promise waiting for it to start; the promise settles once. */
  private inner class Advertisement(private val promise: Promise) : AdvertiseCallback() {
    private var settled = false

    fun settle(error: CodedException?) {
      synchronized(lock) {
        if (settled) return
        settled = true
        if (error != null && current === this) current = null
      }
      if (error == null) promise.resolve(null) else promise.reject(error)
    }

    override fun onStartSuccess(settingsInEffect: AdvertiseSettings) = settle(null)

    override fun onStartFailure(errorCode: Int) = settle(AdvertiseFailedException(errorCode))
  }

  private fun adapter(): BluetoothAdapter? {
    val context = appContext.reactContext ?: return null
    val manager = context.getSystemService(Context.BLUETOOTH_SERVICE) as? BluetoothManager
    return manager?.adapter
  }

  override fun definition() = ModuleDefinition {
    Name("BluezoneAdvertiser")

    Function("isSupported") {
      val adapter = adapter()
      adapter != null && adapter.isMultipleAdvertisementSupported
    }

    AsyncFunction("start") { serviceDataBase64: String, promise: Promise ->
      advertise(serviceDataBase64, promise)
    }

    AsyncFunction("update") { serviceDataBase64: String, promise: Promise ->
      advertise(serviceDataBase64, promise)
    }

    AsyncFunction("stop") {
      stopCurrent()
    }

    OnDestroy {
      stopCurrent()
    }
  }

  @SuppressLint("MissingPermission") // checked by Android at call time: SecurityException below
  private fun advertise(serviceDataBase64: String, promise: Promise) {
    val serviceData = try {
      Base64.decode(serviceDataBase64, Base64.DEFAULT)
    } catch (e: IllegalArgumentException) {
      null
    }
    if (serviceData == null || serviceData.size != SERVICE_DATA_LENGTH) {
      promise.reject(InvalidServiceDataException(serviceData?.size ?: -1))
      return
    }
    val advertiser = adapter()?.takeIf { it.isEnabled }?.bluetoothLeAdvertiser
    if (advertiser == null) {
      promise.reject(AdvertiserUnavailableException())
      return
    }
    val settings = AdvertiseSettings.Builder()
      // BALANCED is a ~250 ms interval: GAEN asks for 200–270 ms.
      .setAdvertiseMode(AdvertiseSettings.ADVERTISE_MODE_BALANCED)
      .setTxPowerLevel(AdvertiseSettings.ADVERTISE_TX_POWER_MEDIUM)
      .setConnectable(false)
      .setTimeout(0)
      .build()
    // Legacy advertisement, 31 bytes at most: 16-bit UUID list (4) + service data (2 + 2 + 20),
    // plus the 3-byte flags field when the stack adds it. No name, no TX power field.
    val data = AdvertiseData.Builder()
      .addServiceUuid(EXPOSURE_NOTIFICATION_SERVICE)
      .addServiceData(EXPOSURE_NOTIFICATION_SERVICE, serviceData)
      .setIncludeDeviceName(false)
      .setIncludeTxPowerLevel(false)
      .build()
    val next = Advertisement(promise)
    val previous = synchronized(lock) {
      val p = current
      current = next
      p
    }
    try {
      previous?.let { advertiser.stopAdvertising(it) }
      advertiser.startAdvertising(settings, data, next)
    } catch (e: SecurityException) {
      next.settle(AdvertiserPermissionException(e))
    }
    // A stopped advertisement that never reported its start would leave JS waiting.
    previous?.settle(AdvertisementReplacedException())
  }

  @SuppressLint("MissingPermission")
  private fun stopCurrent() {
    val previous = synchronized(lock) {
      val p = current
      current = null
      p
    } ?: return
    try {
      adapter()?.bluetoothLeAdvertiser?.stopAdvertising(previous)
    } catch (_: SecurityException) {
      // Permission revoked: the system has already stopped our advertising.
    }
    previous.settle(AdvertisementReplacedException())
  }
}
