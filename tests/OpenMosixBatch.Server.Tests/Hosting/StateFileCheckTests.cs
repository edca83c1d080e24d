using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class StateFileCheckTests
{
    private const uint Server = 0;
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Rwx = Rw | UnixFileMode.UserExecute;

    [Fact]
    public void Problem_EverythingPrivateToTheServer_IsNone()
    {
        var entries = new[]
        {
            File("/h/omb.db", Rw), File("/h/checkpoints", Rwx), File("/h/checkpoints/1/0/1", Rw, top: "/h/checkpoints"),
        };

        Assert.Null(StateFileCheck.Problem(entries, Server));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void Problem_AnyReadOrWriteBitForOthers_IsRefused(UnixFileMode extra) =>
        Assert.NotNull(StateFileCheck.Problem([File("/h/omb.db", Rw | extra)], Server));

    [Fact]
    public void Problem_ExecuteOnlyForOthers_IsAllowed_ForTheSpoolsTraversal()
    {
        var traversable = Rwx | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

        Assert.Null(StateFileCheck.Problem([File("/h/spool", traversable, owned: false), File("/h/spool/node1", traversable, top: "/h/spool", owned: false)], Server));
    }

    [Fact]
    public void Problem_AnOlderHomeReadableByAll_NamesTheFileItsModeAndOneChmodForEveryExposedStateEntry()
    {
        var readable = Rw | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var listable = Rwx | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        var entries = new[]
        {
            File("/h/omb.db", readable), File("/h/tokens", Rw), File("/h/backup", listable), File("/h/backup/omb-1.db", readable, top: "/h/backup"),
            File("/h/spool", listable, owned: false), File("/h/spool/n1.checkpoints/1-0-a.tar", readable, top: "/h/spool", owned: false),
        };

        Assert.Equal("/h/omb.db is readable by other users (mode 0644), and OMB_HOME's state holds every user's jobs: run 'chmod -R go-rwx /h/omb.db /h/backup /h/spool', then start the server again (it makes its new files private itself)",
            StateFileCheck.Problem(entries, Server));
    }

    [Fact]
    public void Problem_WritableOnly_SaysWritable() =>
        Assert.StartsWith("/h/tokens is writable by other users (mode 0620)", StateFileCheck.Problem([File("/h/tokens", Rw | UnixFileMode.GroupWrite)], Server), StringComparison.Ordinal);

    [Fact]
    public void Problem_AStateFileOfAnotherUser_IsRefusedWithAChown_EvenWhenPrivate()
    {
        var entries = new[] { File("/h/checkpoints", Rwx), File("/h/checkpoints/1/0/1", Rw, top: "/h/checkpoints", owner: 1001) };

        Assert.Equal("/h/checkpoints/1/0/1 belongs to uid 1001, not to the server's user (uid 0), and OMB_HOME's state must be the server's alone: run 'chown -R 0 /h/checkpoints', then start the server again",
            StateFileCheck.Problem(entries, Server));
    }

    [Fact]
    public void Problem_TheSpoolsOwners_AreTheRanks_AndNotChecked() =>
        Assert.Null(StateFileCheck.Problem([File("/h/spool/n1.sessions/1-0", Rw, top: "/h/spool", owner: 1001, owned: false)], Server));

    private static StateEntry File(string path, UnixFileMode mode, string? top = null, uint owner = Server, bool owned = true) =>
        new(path, top ?? path, mode, owner, owned);
}
