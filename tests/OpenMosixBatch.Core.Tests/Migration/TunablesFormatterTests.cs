using OpenMosixBatch.Core.Migration;

namespace OpenMosixBatch.Core.Tests.Migration;

public sealed class TunablesFormatterTests
{
    [Fact]
    public void Format_Defaults_IsOneTabSeparatedLine()
    {
        Assert.Equal("81\t150\t39\t38\t0\t11\t0\t18\t0\t18\t0\t12\t8141\t351", TunablesFormatter.Format(Overheads.Defaults));
        Assert.Equal("36\t40\t14\t19\t88\t56", TunablesFormatter.Format(MfsCosts.Defaults));
    }

    [Fact]
    public void Table_Overheads_OneLinePerValueWithNumberMeaningAndValue()
    {
        var lines = TunablesFormatter.Table(Overheads.Defaults).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(14, lines.Length);
        Assert.Equal(" 1  home-node overhead in processing a demand-page    81 µs", lines[0]);
        Assert.Equal("13  migration time of an empty process              8141 µs", lines[12]);
        Assert.Equal("14  extra migration time per dirty page              351 µs", lines[13]);
        Assert.Single(lines.Select(l => l.Length).Distinct());
    }

    [Fact]
    public void Table_MfsCosts_OneLinePerValue()
    {
        var lines = TunablesFormatter.Table(MfsCosts.Defaults).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(6, lines.Length);
        Assert.Equal(" 1  oMFS connect cost on the server    36 µs", lines[0]);
        Assert.Equal(" 5  oMFS server overhead per 1 KB out  88 µs", lines[4]);
    }

    [Fact]
    public void ConfFiles_HoldTheDefaults_InTheFormatTheFormatterWrites()
    {
        var conf = Path.Combine(RepositoryRoot(), "conf");
        var overheads = File.ReadAllText(Path.Combine(conf, "overheads"));
        var mfscosts = File.ReadAllText(Path.Combine(conf, "mfscosts"));

        Assert.Equal(Overheads.Defaults, TunablesParser.ParseOverheads(overheads, "conf/overheads").Value);
        Assert.Equal(MfsCosts.Defaults, TunablesParser.ParseMfsCosts(mfscosts, "conf/mfscosts").Value);
        Assert.Equal(TunablesFormatter.FormatFile(Overheads.Defaults), overheads);
        Assert.Equal(TunablesFormatter.FormatFile(MfsCosts.Defaults), mfscosts);
    }

    [Fact]
    public void FromValues_WrongCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => Overheads.FromValues([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => MfsCosts.FromValues([1, 2, 3, 4, 5, 6, 7]));
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "OpenMosixBatch.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("OpenMosixBatch.sln not found above " + AppContext.BaseDirectory);
    }
}
