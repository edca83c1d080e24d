using System.Text;
using OpenMosixBatch.Core.Parsing;

namespace OpenMosixBatch.Core.Tests.Parsing;

public sealed class ScriptTextTests
{
    [Fact]
    public void Decode_Utf8Script_ReturnsText() => Assert.Equal("echo héllo\n", ScriptText.Decode(Encoding.UTF8.GetBytes("echo héllo\n"), "x.sh").Value);

    [Theory]
    [InlineData(new byte[] { 0x7f, 0x45, 0x4c, 0x46, 0, 1 }, "binary")]
    [InlineData(new byte[] { 0xff, 0xfe, 0x41 }, "binary")]
    [InlineData(new byte[] { 0x20, 0x0a }, "empty")]
    public void Decode_BinaryOrEmpty_IsRefusedNamingTheFile(byte[] bytes, string why)
    {
        var r = ScriptText.Decode(bytes, "a.out");

        Assert.False(r.Ok);
        Assert.Contains(why, r.Error, StringComparison.Ordinal);
        Assert.Contains("a.out", r.Error, StringComparison.Ordinal);
    }
}
