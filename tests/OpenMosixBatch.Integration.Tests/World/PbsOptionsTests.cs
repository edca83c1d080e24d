using OpenMosixBatch.Core.Jobs;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.World;

/// <summary>
/// -W umask, -W group_list and mail through the configured sendmail on a real one-rank world (issue 21). The
/// sendmail is a script of the test's that records its arguments and the message: it is the program the server is
/// configured to call.
/// </summary>
[Collection("World")]
public sealed class PbsOptionsTests
{
    [Fact]
    public async Task UmaskGroupListAndMail_TakeEffect()
    {
        using var dir = new TempDirectory();
        var sendmail = Path.Combine(dir.Path, "sendmail");
        var mailLog = Path.Combine(dir.Path, "mail.log");
        await File.WriteAllTextAsync(sendmail, $"#!/bin/sh\n{{ echo \"ARGV: $*\"; cat; echo; }} >> '{mailLog}'\n");
        File.SetUnixFileMode(sendmail, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var environment = new Dictionary<string, string>(ServerProcess.RootJobsAllowed) { ["Omb__Mail__Sendmail"] = sendmail };
        await using var world = await WorldServer.StartWithEnvironmentAsync(1, environment);

        var masked = await world.QsubAsync("-N", "masked", "-W", "umask=027", "-m", "be", "-M", "alice@example.org", "--",
            "/bin/sh", "-c", "rm -f made; touch made; stat -c %a made; id -gn");
        var job = await world.WaitFinishedAsync(masked);

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal("640\nroot\n", await File.ReadAllTextAsync(Path.Combine(world.WorkDirectory, $"masked.o{masked}")));
        await world.WaitForAsync(() => Task.FromResult(File.Exists(mailLog) && File.ReadAllText(mailLog).Contains("Execution terminated", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(90), "the end mail (mail log so far: " + (File.Exists(mailLog) ? File.ReadAllText(mailLog) : "none") + ")");
        var mail = await File.ReadAllTextAsync(mailLog);
        Assert.Contains("ARGV: -t", mail, StringComparison.Ordinal);
        Assert.Contains("To: alice@example.org", mail, StringComparison.Ordinal);
        Assert.Contains($"Subject: PBS JOB {masked}", mail, StringComparison.Ordinal);
        Assert.Contains("Execution started", mail, StringComparison.Ordinal);

        var foreign = await world.QsubAsync("-W", "group_list=daemon", "--", "/bin/true");
        var refused = await world.WaitFinishedAsync(foreign);
        Assert.NotEqual(JobState.Completed, refused.State);
        Assert.Contains("not a member of group_list group 'daemon'", refused.Tasks[0].Reason, StringComparison.Ordinal);
    }
}
