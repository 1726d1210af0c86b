/**
 * {@code vprop install} / {@code vprop uninstall}: finds MT5 data folders ({@link io.vprop.ops.install.Mt5Locator}),
 * places the EA, firm profiles and libzmq.dll ({@link io.vprop.ops.install.FileSync}, idempotent), writes the config
 * and registers the service ({@link io.vprop.ops.install.SystemdUnit}, {@link io.vprop.ops.install.WindowsTask}).
 * Every path is an explicit option and every system command goes through {@link io.vprop.ops.install.CommandRunner},
 * so tests run the whole installer in a temporary directory.
 */
package io.vprop.ops.install;
