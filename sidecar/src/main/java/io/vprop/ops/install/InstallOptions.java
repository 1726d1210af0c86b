package io.vprop.ops.install;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code vprop install} needs, every path explicit (tests point them all into a temporary directory).
 *
 * @param mt5Folders     data folders named by the trader; empty = search {@code appData} / {@code winePrefixes}
 * @param appData        %APPDATA% to search (Windows), or null
 * @param winePrefixes   Wine prefixes to search (Linux), e.g. ~/.wine
 * @param eaSource       a directory holding {@code MQL5/} with the EA's sources (the distribution's mt5-ea/)
 * @param profilesDir    firm profiles ({@code <id>.json}) the EA reads from MQL5/Files/VProp/profiles, or null
 * @param libzmq         where libzmq.dll comes from, or null to leave MQL5/Libraries as it is
 * @param firmProfile    firm profile id written to the config (null = keep the config's, or the default)
 * @param account        MT5 account login written to the config (null = keep)
 * @param appDir         the unpacked distribution (lib/, bin/, docs/)
 * @param configDir      where vprop.properties and the install manifest live
 * @param dataDir        the sidecar's state (journals)
 * @param logDir         rotating log files
 * @param service        how the sidecar is kept running
 * @param serviceDir     where the systemd unit / task definition is written
 * @param serviceUser    the dedicated system user (systemd)
 * @param java           the java executable the service runs
 * @param activate       true = also run useradd/systemctl/schtasks through {@code runner}
 */
public record InstallOptions(List<Path> mt5Folders, Path appData, List<Path> winePrefixes, Path eaSource,
                             Path profilesDir, LibzmqSource libzmq, String firmProfile, String account, Path appDir, Path configDir,
                             Path dataDir, Path logDir, Service service, Path serviceDir, String serviceUser, Path java,
                             boolean activate, CommandRunner runner) {

    public enum Service { SYSTEMD, WINDOWS_TASK, NONE }

    public InstallOptions {
        mt5Folders = List.copyOf(mt5Folders);
        winePrefixes = List.copyOf(winePrefixes);
        if (serviceUser == null || !serviceUser.matches("[a-z_][a-z0-9_-]{0,31}"))
            throw new InstallException("--user '" + serviceUser + "' is not a valid system user name");
        if (account != null && !account.matches("[0-9]{1,20}"))
            throw new InstallException("--account '" + account + "' must be the MT5 login number");
        if (firmProfile != null && !firmProfile.matches("[a-z0-9][a-z0-9._-]{0,63}"))
            throw new InstallException("--profile '" + firmProfile + "' is not a profile id (lower-case, e.g. ftmo-2step)");
    }

    public Path configFile() { return configDir.resolve("vprop.properties"); }

    public Path manifestFile() { return configDir.resolve("install-manifest.txt"); }
}
