using OpenMosixBatch.Cli.Commands;
using OpenMosixBatch.Cli.Parsing;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Tests.Commands;

public sealed class LinkCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("omb-link-").FullName;
    private readonly string _omb;
    private readonly CliConsole _console = new(new StringWriter(), new StringWriter(), () => Stream.Null, true);

    public LinkCommandTests()
    {
        _omb = Path.Combine(_dir, "build", "omb");
        Directory.CreateDirectory(Path.GetDirectoryName(_omb)!);
        File.WriteAllText(_omb, "binary");
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Bin(string name = "") => Path.Combine(_dir, "bin", name);

    [Fact]
    public void Run_EmptyDirectory_LinksEveryPbsNameToOmb()
    {
        var code = LinkCommand.Run(new LinkOptions { Directory = Bin() }, _omb, _console);

        Assert.Equal(ExitCodes.Success, code);
        foreach (var verb in ArgvDispatch.PbsVerbs)
        {
            Assert.Equal(_omb, new FileInfo(Bin(verb)).LinkTarget);
        }
    }

    [Fact]
    public void Run_OldLinksOfOurs_Replaced()
    {
        var old = Path.Combine(_dir, "old", "omb");
        File.CreateSymbolicLink(Bin("qsub"), old);

        LinkCommand.Run(new LinkOptions { Directory = Bin() }, _omb, _console);

        Assert.Equal(_omb, new FileInfo(Bin("qsub")).LinkTarget);
    }

    [Fact]
    public void Run_RegularFileInTheWay_RefusedAndNothingChanged()
    {
        File.WriteAllText(Bin("qstat"), "real qstat");

        var e = Assert.Throws<CliFailureException>(() => LinkCommand.Run(new LinkOptions { Directory = Bin() }, _omb, _console));

        Assert.Equal(ExitCodes.Refused, e.ExitCode);
        Assert.Contains(Bin("qstat"), e.Message, StringComparison.Ordinal);
        Assert.Equal("real qstat", File.ReadAllText(Bin("qstat")));
        Assert.False(File.Exists(Bin("qsub")));
    }

    [Fact]
    public void Run_ForeignLinkInTheWay_Refused()
    {
        File.CreateSymbolicLink(Bin("qdel"), "/opt/pbs/bin/qdel");

        var e = Assert.Throws<CliFailureException>(() => LinkCommand.Run(new LinkOptions { Directory = Bin() }, _omb, _console));

        Assert.Equal(ExitCodes.Refused, e.ExitCode);
        Assert.Equal("/opt/pbs/bin/qdel", new FileInfo(Bin("qdel")).LinkTarget);
    }

    [Fact]
    public void Run_MissingDirectory_UsageError()
    {
        var e = Assert.Throws<CliFailureException>(() => LinkCommand.Run(new LinkOptions { Directory = Bin("nope") }, _omb, _console));

        Assert.Equal(ExitCodes.BadUsage, e.ExitCode);
    }
}
