namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>Runs the real omb CLI against one OMB_HOME, as a user would from a shell.</summary>
public sealed class Omb(string home)
{
    public string Home { get; } = home;

    public Task<CommandResult> RunAsync(params string[] args) => RunInAsync(null, null, args);

    public Task<CommandResult> RunWithStdinAsync(string stdin, params string[] args) => RunInAsync(null, stdin, args);

    public Task<CommandResult> RunInAsync(string? workingDirectory, string? stdin, params string[] args) =>
        ChildProcess.RunAsync(
            Repository.OmbBinary,
            args,
            new Dictionary<string, string?> { ["OMB_HOME"] = Home },
            stdin,
            workingDirectory);

    /// <summary>Submits and returns the id qsub printed, failing the test with qsub's output otherwise.</summary>
    public async Task<string> QsubAsync(params string[] args)
    {
        var r = await RunAsync(["qsub", .. args]);
        Assert.True(r.ExitCode == 0, "qsub failed: " + r);
        return r.Stdout.Trim();
    }
}
