package io.vprop.ops.install;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The sidecar as a Windows scheduled task: starts at boot (before anyone logs on), runs as SYSTEM, restarts every
 * minute after a failure, never times out. {@code schtasks /Create /XML} wants the definition in UTF-16, which
 * {@link #bytes} produces. A scheduled task needs no third-party service wrapper and survives upgrades because it
 * calls the launcher, not a versioned jar.
 */
final class WindowsTask {
    private WindowsTask() { }

    public static final String NAME = "VProp Sidecar";

    public static String render(Path launcher, Path config, Path dataDir) {
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\r\n"
                + "  <RegistrationInfo><Description>VProp sidecar, written by vprop install</Description></RegistrationInfo>\r\n"
                + "  <Triggers><BootTrigger><Enabled>true</Enabled><Delay>PT30S</Delay></BootTrigger></Triggers>\r\n"
                + "  <Principals><Principal id=\"Author\"><UserId>S-1-5-18</UserId><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>\r\n"
                + "  <Settings>\r\n"
                + "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>\r\n"
                + "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>\r\n"
                + "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>\r\n"
                + "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>\r\n"
                + "    <RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure>\r\n"
                + "    <StartWhenAvailable>true</StartWhenAvailable>\r\n"
                + "  </Settings>\r\n"
                + "  <Actions Context=\"Author\"><Exec>\r\n"
                + "    <Command>" + xml(launcher) + "</Command>\r\n"
                + "    <Arguments>serve --config \"" + xml(config) + "\"</Arguments>\r\n"
                + "    <WorkingDirectory>" + xml(dataDir) + "</WorkingDirectory>\r\n"
                + "  </Exec></Actions>\r\n"
                + "</Task>\r\n";
    }

    /** UTF-16LE with a byte-order mark, as schtasks expects. */
    public static byte[] bytes(String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[body.length + 2];
        out[0] = (byte) 0xff;
        out[1] = (byte) 0xfe;
        System.arraycopy(body, 0, out, 2, body.length);
        return out;
    }

    private static String xml(Object o) {
        return o.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
