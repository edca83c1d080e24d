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
    public void Scan_ArbitraryText_NeverThrows() => Gen.String.Sample(s => { DirectiveScanner.Scan(s); });
}
