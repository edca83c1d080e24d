using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Cli.Formatting;
using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Cli.Tests.Formatting;

public sealed class TunablesViewTextTests
{
    private static TunablesView View(bool enabled = true) =>
        new([.. Overheads.Defaults.ToValues().Select(v => (int)v)], [.. MfsCosts.Defaults.ToValues().Select(v => (int)v)], enabled);

    [Fact]
    public void Overheads_IsTheGettuneTable()
    {
        var text = TunablesViewText.Overheads(View());

        Assert.Equal(TunablesFormatter.Table(Overheads.Defaults), text);
        Assert.Equal(14, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("8141 µs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MfsCosts_IsTheSixLineTable() => Assert.Equal(TunablesFormatter.Table(MfsCosts.Defaults), TunablesViewText.MfsCosts(View()));

    [Fact]
    public void Overheads_MigrationOff_SaysSoOnTheLastLine()
    {
        var lines = TunablesViewText.Overheads(View(enabled: false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(15, lines.Length);
        Assert.StartsWith("migration is turned off", lines[^1], StringComparison.Ordinal);
    }
}
