using System.Text;
using OpenMosixBatch.Cli.Parsing;

namespace OpenMosixBatch.Cli.Tests.Parsing;

public class InvokedNameTests
{
    [Fact]
    public void FirstArgument_CmdlineImage_ReturnsArgvZero()
    {
        Assert.Equal("./qsub", InvokedName.FirstArgument(Encoding.UTF8.GetBytes("./qsub\0-N\0x\0")));
    }

    [Fact]
    public void FirstArgument_NoTerminator_ReturnsWholeText()
    {
        Assert.Equal("qstat", InvokedName.FirstArgument("qstat"u8));
    }

    [Fact]
    public void FirstArgument_Empty_IsNull()
    {
        Assert.Null(InvokedName.FirstArgument(""u8));
        Assert.Null(InvokedName.FirstArgument("\0x\0"u8));
    }
}
