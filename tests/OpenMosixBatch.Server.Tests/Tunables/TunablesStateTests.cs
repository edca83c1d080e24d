using OpenMosixBatch.Core.Migration;
using OpenMosixBatch.Server.Tunables;

namespace OpenMosixBatch.Server.Tests.Tunables;

public sealed class TunablesStateTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("omb-tune-");

    private string Home => Path.Combine(_root.FullName, "home");

    private string Conf => Directory.CreateDirectory(Path.Combine(_root.FullName, "conf")).FullName;

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Load_NoFiles_Defaults()
    {
        var state = TunablesState.Load(null, Home, migrationEnabled: true);

        Assert.Equal((Overheads.Defaults, MfsCosts.Defaults, true), (state.Overheads, state.MfsCosts, state.View().MigrationEnabled));
    }

    [Fact]
    public void Load_ConfFiles_AreUsed()
    {
        File.WriteAllText(Path.Combine(Conf, "overheads"), "1 2 3 4 5 6 7 8 9 10 11 12 13 14\n");
        File.WriteAllText(Path.Combine(Conf, "mfscosts"), "# c\n6 5 4 3 2 1\n");

        var state = TunablesState.Load(Conf, Home, migrationEnabled: false);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], state.View().Overheads);
        Assert.Equal([6, 5, 4, 3, 2, 1], state.View().MfsCosts);
        Assert.False(state.View().MigrationEnabled);
    }

    [Fact]
    public void Load_WrongConfFile_ThrowsOneLineNamingTheFileAndValue()
    {
        var path = Path.Combine(Conf, "overheads");
        File.WriteAllText(path, "81 150 39 38 0 11 0 18 0 18 0 12 8141 -351\n");

        var e = Assert.Throws<InvalidDataException>(() => TunablesState.Load(Conf, Home, true));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("-351", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SetOverheads_Valid_AppliesAndSurvivesARestartOverTheConfFile()
    {
        File.WriteAllText(Path.Combine(Conf, "overheads"), "81 150 39 38 0 11 0 18 0 18 0 12 8141 351\n");
        var state = TunablesState.Load(Conf, Home, true);

        Assert.Null(state.SetOverheads("81 150 39 38 0 11 0 18 0 18 0 12 10000 351"));

        Assert.Equal(10000, state.Overheads.EmptyMigration);
        Assert.Equal(10000, TunablesState.Load(Conf, Home, true).Overheads.EmptyMigration);
        Assert.False(File.Exists(Path.Combine(Home, "tunables", "overheads.tmp")));
    }

    [Theory]
    [InlineData("81 150 39")]
    [InlineData("81 150 39 38 0 11 0 18 0 18 0 12 8141 x")]
    [InlineData("")]
    public void SetOverheads_Wrong_RefusedWholeAndOldValuesStay(string text)
    {
        var state = TunablesState.Load(null, Home, true);

        var refusal = state.SetOverheads(text);

        Assert.NotNull(refusal);
        Assert.Contains("omb tune set", refusal, StringComparison.Ordinal);
        Assert.Equal(Overheads.Defaults, state.Overheads);
        Assert.False(File.Exists(Path.Combine(Home, "tunables", "overheads")));
    }

    [Fact]
    public void SetMfsCosts_ValidThenWrong_KeepsTheValidOnes()
    {
        var state = TunablesState.Load(null, Home, true);

        Assert.Null(state.SetMfsCosts("1 2 3 4 5 6"));
        Assert.NotNull(state.SetMfsCosts("1 2 3 4 5"));

        Assert.Equal(new MfsCosts(1, 2, 3, 4, 5, 6), state.MfsCosts);
        Assert.Equal(new MfsCosts(1, 2, 3, 4, 5, 6), TunablesState.Load(null, Home, true).MfsCosts);
        Assert.Equal(Overheads.Defaults, state.Overheads);
    }
}
