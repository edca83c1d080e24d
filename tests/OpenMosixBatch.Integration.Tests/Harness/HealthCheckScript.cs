namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>A node health check program for the tests: it fails on one node while a flag file exists, saying why.</summary>
internal static class HealthCheckScript
{
    /// <summary>Writes the script into <paramref name="dir"/>; it prints "<paramref name="failure"/> on NODE" and exits 1 on <paramref name="node"/> while <paramref name="flag"/> exists.</summary>
    public static string Write(TempDirectory dir, string node, string flag, string failure)
    {
        var check = dir.File("check.sh");
        File.WriteAllText(check, $"""
            #!/bin/sh
            if [ "$OMB_NODE" = {node} ] && [ -e '{flag}' ]; then echo "{failure} on $OMB_NODE"; exit 1; fi
            echo "all fine on $OMB_NODE"
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(check, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return check;
    }
}
