using OpenMosixBatch.Cli.Parsing;

namespace OpenMosixBatch.Cli.Tests.Parsing;

public class QsubArgumentSplitterTests
{
    [Fact]
    public void Split_OptionsThenScript_ScriptAndItsArgumentsArePositionals()
    {
        var split = QsubArgumentSplitter.Split(["-N", "x", "-l", "mem=1gb", "-h", "job.sh", "-N", "arg"]);

        Assert.Equal(["-N", "x", "-l", "mem=1gb", "-h"], split.OptionTokens);
        Assert.Equal(["job.sh", "-N", "arg"], split.Positionals);
        Assert.Null(split.Command);
    }

    [Fact]
    public void Split_DoubleDash_RestIsTheCommand()
    {
        var split = QsubArgumentSplitter.Split(["-q", "fast", "--", "sleep", "-x", "10"]);

        Assert.Equal(["-q", "fast"], split.OptionTokens);
        Assert.Empty(split.Positionals);
        Assert.Equal(["sleep", "-x", "10"], split.Command);
    }

    [Fact]
    public void Split_AttachedValueAndGroupedFlags_DoNotSwallowTheScript()
    {
        var split = QsubArgumentSplitter.Split(["-lmem=1gb", "-hV", "--help", "job.sh"]);

        Assert.Equal(["-lmem=1gb", "-hV", "--help"], split.OptionTokens);
        Assert.Equal(["job.sh"], split.Positionals);
    }

    [Fact]
    public void Split_ValueThatLooksLikeAnOption_IsTakenAsTheValue()
    {
        var split = QsubArgumentSplitter.Split(["-p", "-5", "job.sh"]);

        Assert.Equal(["-p", "-5"], split.OptionTokens);
        Assert.Equal(["job.sh"], split.Positionals);
    }

    [Fact]
    public void Split_NoScript_NothingPositional()
    {
        var split = QsubArgumentSplitter.Split(["-N", "x"]);

        Assert.Empty(split.Positionals);
        Assert.Null(split.Command);
    }

    [Fact]
    public void Split_LoneDash_IsAPositional()
    {
        Assert.Equal(["-"], QsubArgumentSplitter.Split(["-"]).Positionals);
    }
}
