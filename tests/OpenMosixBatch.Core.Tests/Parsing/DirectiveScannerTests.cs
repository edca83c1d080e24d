using CsCheck;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class DirectiveScannerTests
{
    [Fact]
    public void Scan_HeaderDirectives_ReturnsTokensInOrderAndStopsAtFirstCommand()
    {
        const string Script = "#!/bin/bash\r\n#PBS -N my job\n\n# a comment\n#OMB -l \"walltime=01:00:00\" # trailing\n#PBS -v 'A=x y'\necho hi\n#PBS -q late\n";

        var r = DirectiveScanner.Scan(Script);

        Assert.True(r.Ok, r.Error);
        Assert.Equal(["-N", "my", "job", "-l", "walltime=01:00:00", "-v", "A=x y"], r.Value!);
    }

    [Fact]
    public void Scan_NoDirectives_ReturnsNothing() => Assert.Empty(DirectiveScanner.Scan("echo hi\n").Value!);

    [Fact]
    public void Scan_LookalikePrefix_IsNotADirective() => Assert.Empty(DirectiveScanner.Scan("#PBSX -N x\n#PBS\n").Value!);

    [Fact]
    public void Scan_UnterminatedQuote_FailsWithLineNumber()
    {
        var r = DirectiveScanner.Scan("#!/bin/sh\n#PBS -N ok\n#PBS -N 'broken\n");

        Assert.False(r.Ok);
        Assert.Contains("line 3", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_InlineCommentAfterDirective_EndsTheDirective() =>
        Assert.Equal(["-V", "-N", "run#1"], DirectiveScanner.Scan("#PBS -V  # export env\n#PBS -N run#1 ## the name\n").Value!);

    [Fact]
    public void Scan_BareDirectiveAndBlankLinesBeforeTheFirst_AreSkipped() =>
        Assert.Equal(["-q", "long"], DirectiveScanner.Scan("#!/bin/bash\n\n   \n#PBS\n\n#PBS -q long\n").Value!);

    [Fact]
    public void ScanLines_BackslashContinuation_JoinsTheNextLineUnderTheFirstLineNumber()
    {
        var lines = DirectiveScanner.ScanLines("#!/bin/sh\n#PBS -l nodes=1:ppn=4,\\\n#PBS    walltime=01:00:00 \\\n#     -N joined\n#PBS -q x\n");

        Assert.Equal([2, 5], lines.Select(l => l.Number));
        Assert.Equal(["-l", "nodes=1:ppn=4,walltime=01:00:00", "-N", "joined"], lines[0].Words);
    }

    [Fact]
    public void ScanLines_EscapedBackslashAtTheEnd_IsNotAContinuation() =>
        Assert.Equal(2, DirectiveScanner.ScanLines("#PBS -N a\\\\\n#PBS -q b\n").Count);

    [Fact]
    public void ScanLines_EveryUnreadableLine_CarriesItsOwnNumber()
    {
        var lines = DirectiveScanner.ScanLines("#PBS -N 'a\n#PBS -q ok\n#PBS -o \"b\n");

        Assert.Equal([1, 3], lines.Where(l => l.Error is not null).Select(l => l.Number));
    }

    [Fact]
    public void ScanLines_ArbitraryText_NeverThrowsAndNumbersAscend() => Gen.String.Sample(s =>
    {
        var numbers = DirectiveScanner.ScanLines(s).Select(l => l.Number).ToList();
        return numbers.SequenceEqual(numbers.Order()) && numbers.Distinct().Count() == numbers.Count;
    });

    [Fact]
    public void Scan_ArbitraryText_NeverThrows() => Gen.String.Sample(s => { DirectiveScanner.Scan(s); });
}
